import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { isProblem } from '../problems/problem.js';
import { derivedKey, deviceHash, loadServerSecret } from './server-secret.js';

it('makes the secret once, readable only by its owner, and reads the same one after', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'longitude-secret-'));
  const file = path.join(dir, 'data', 'server-secret');
  const [a, b] = await Promise.all([loadServerSecret(file), loadServerSecret(file)]);
  expect(a).toEqual(b);
  expect(a.length).toBe(32);
  expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  expect(await loadServerSecret(file)).toEqual(a);
  expect(await fs.readdir(path.dirname(file))).toEqual(['server-secret']);
  await fs.rm(dir, { recursive: true });
});

it('refuses a secret file that holds too little, naming the file', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'longitude-secret-'));
  const file = path.join(dir, 'short');
  await fs.writeFile(file, 'c2hvcnQ=\n');
  const error = await loadServerSecret(file).catch((e: unknown) => e);
  expect(isProblem(error) && error.message).toContain(file);
  await fs.rm(dir, { recursive: true });
});

it('gives one browser unrelated device hashes in two studies and under two secrets', () => {
  const key = derivedKey(new Uint8Array(32).fill(1), 'device-hash');
  const other = derivedKey(new Uint8Array(32).fill(2), 'device-hash');
  const h = deviceHash(key, 'study-a', 'nonce-nonce-nonce');
  expect(deviceHash(key, 'study-a', 'nonce-nonce-nonce')).toBe(h);
  expect(deviceHash(key, 'study-b', 'nonce-nonce-nonce')).not.toBe(h);
  expect(deviceHash(other, 'study-a', 'nonce-nonce-nonce')).not.toBe(h);
  expect(derivedKey(new Uint8Array(32).fill(1), 'other-purpose')).not.toEqual(key);
});
