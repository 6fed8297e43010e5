/**
 * Files about people that commands write (linked panel tables, personal links, simulated
 * truth): readable by their owner only, and complete or absent — written beside the target,
 * flushed to disk, then renamed over it, so an interrupted command leaves no half a file.
 */
import { open, rename, rm } from 'node:fs/promises';
import { Problem } from '../problems/problem.js';

/** Writes the chunks in order; `flag` names the option that chose the file, for errors. */
export async function writePrivateFile(
  file: string,
  chunks: Iterable<string>,
  flag: string,
): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  try {
    const handle = await open(partial, 'w', 0o600);
    try {
      let buffer = '';
      for (const chunk of chunks) {
        buffer += chunk;
        if (buffer.length >= 1 << 16) {
          await handle.write(buffer);
          buffer = '';
        }
      }
      await handle.write(buffer);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw new Problem(
      'input.invalid',
      `--${flag}: cannot write ${file} (${(error as Error).message}).`,
      { file, field: flag },
    );
  }
}
