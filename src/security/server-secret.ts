/**
 * The server secret: 32 random bytes in a file readable only by its owner, made on the first
 * start and never stored in the database. Keys that must not be recomputable from a database
 * dump alone (the keyed device hash) are derived from it. Several server processes (and
 * machines) share it by reading the same file.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Problem } from '../problems/problem.js';

const bytes = 32;

/**
 * Reads the secret at `file`, making it first when there is none (mode 0600, written under
 * another name and linked into place, so that a process starting at the same moment reads
 * either nothing or the whole secret).
 */
export async function loadServerSecret(file: string): Promise<Uint8Array> {
  const existing = await readSecret(file);
  if (existing) return existing;
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  await fs.writeFile(temporary, randomBytes(bytes).toString('base64') + '\n', {
    mode: 0o600,
    flag: 'wx',
  });
  try {
    await fs.link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.rm(temporary, { force: true });
  }
  return (await readSecret(file))!;
}

async function readSecret(file: string): Promise<Uint8Array | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Problem(
      'config.invalid',
      `The server secret ${file} could not be read (${(error as Error).message}).`,
      { file },
    );
  }
  const secret = Buffer.from(text.trim(), 'base64');
  if (secret.length < bytes)
    throw new Problem(
      'config.invalid',
      `The server secret ${file} must hold at least ${bytes} random bytes in base64 (make one with: head -c 32 /dev/urandom | base64 > ${file}; chmod 600 ${file}).`,
      { file },
    );
  return new Uint8Array(secret);
}

/** A key for one purpose, derived from the server secret: keys of two purposes never match. */
export function derivedKey(secret: Uint8Array, purpose: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', secret).update(`longitude:${purpose}`).digest());
}

/**
 * The stored hash of a browser's device cookie: keyed with the server secret and the study, so
 * the same browser gets unrelated hashes in two studies, and a database dump together with
 * the browser's cookies does not find its response without the secret.
 */
export function deviceHash(key: Uint8Array, studyId: string, nonce: string): string {
  return createHmac('sha256', key).update(`${studyId}\n${nonce}`).digest('hex');
}
