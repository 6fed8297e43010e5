/**
 * Files about people that commands write (linked panel tables, personal links, simulated
 * truth, exports): readable by their owner only, and complete or absent — written beside the
 * target, flushed to disk, then renamed over it, so an interrupted command leaves no half a file.
 */
import { open, rename, rm } from 'node:fs/promises';
import { Problem } from '../problems/problem.js';

/**
 * Writes the chunks (text as UTF-8, or bytes) in order, in writes of about a megabyte; `flag`
 * names the option that chose the file, for errors; `written` hears the bytes written so far.
 * Returns the file's size.
 */
export async function writePrivateFile(
  file: string,
  chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  flag: string,
  written?: (bytes: number) => void,
): Promise<number> {
  const partial = `${file}.${process.pid}.partial`;
  let bytes = 0;
  try {
    const handle = await open(partial, 'w', 0o600);
    try {
      let pending: Buffer[] = [];
      let size = 0;
      const flush = async () => {
        await handle.write(Buffer.concat(pending, size));
        bytes += size;
        pending = [];
        size = 0;
        written?.(bytes);
      };
      for await (const chunk of chunks) {
        const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
        pending.push(b);
        size += b.length;
        if (size >= 1 << 20) await flush();
      }
      await flush();
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    // Only what the file system refused is about the file; the rest (a writer's refusal, the
    // database) goes on as it is.
    if (error instanceof Problem || !(error as NodeJS.ErrnoException).syscall) throw error;
    throw new Problem(
      'input.invalid',
      `--${flag}: cannot write ${file} (${(error as Error).message}).`,
      { file, field: flag },
    );
  }
  return bytes;
}
