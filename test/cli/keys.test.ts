// `longitude keys generate` and `longitude study set-key`: the key pair is made on the
// researcher's machine, only the public key reaches the database, on both databases.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, parseKeyFile, seal } from '../../src/security/sealed-box.js';
import { getStudyPublicKey } from '../../src/store/queries/studies.js';
import { cli } from '../support/cli.js';
import { describeCliDatabases } from '../support/cli-databases.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');

describe('longitude keys generate', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'longitude-keys-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('writes a public key and a private key readable by its owner only, and never overwrites', async () => {
    const out = path.join(work, 'keys');
    const made = await cli(['keys', 'generate', '--out', out, '--name', 'exile']);
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/fingerprint [0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}/);
    expect(made.out).toContain('Keep the private key OFF the server');
    const privateFile = path.join(out, 'exile.private.key');
    const publicFile = path.join(out, 'exile.public.key');
    expect((await stat(privateFile)).mode & 0o777).toBe(0o600);
    const pub = parseKeyFile(await readFile(publicFile, 'utf8'));
    const priv = parseKeyFile(await readFile(privateFile, 'utf8'));
    if (pub.kind !== 'public' || priv.kind !== 'private') throw new Error('bad key files');
    expect(Buffer.from(priv.keys.publicKey)).toEqual(Buffer.from(pub.publicKey));
    // What the server seals with the public key, the private key opens.
    const sealed = await seal('anna@example.org', pub.publicKey);
    expect(Buffer.from(sealed).toString('latin1')).not.toContain('anna');
    expect(await open(sealed, priv.keys)).toBe('anna@example.org');

    const before = await readFile(privateFile, 'utf8');
    const again = await cli(['keys', 'generate', '--out', out, '--name', 'exile']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists; keys are never overwritten');
    expect(await readFile(privateFile, 'utf8')).toBe(before);
  });
});

describeCliDatabases('longitude study set-key', (get) => {
  it('registers the public key, refuses a private key, a broken file and an unknown study', async () => {
    const { env, dir, withDb } = get();
    const out = path.join(dir, 'keys');
    await cli(['keys', 'generate', '--out', out]);
    expect((await cli(['study', 'load', example], env)).code).toBe(0);
    const publicFile = path.join(out, 'study.public.key');
    const privateFile = path.join(out, 'study.private.key');

    const wrong = await cli(['study', 'set-key', 'exile-panel', '--key', privateFile], env);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain(`${privateFile}:1: this is a PRIVATE key`);
    const broken = path.join(dir, 'broken.key');
    await writeFile(broken, 'ssh-ed25519 AAAA me@laptop\n');
    const bad = await cli(['study', 'set-key', 'exile-panel', '--key', broken], env);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`${broken}:1: not a Longitude key file`);
    const none = await cli(['study', 'set-key', 'nope', '--key', publicFile], env);
    expect(none.code).toBe(1);
    expect(none.err).toContain("There is no study 'nope'");

    await withDb(async (store) => {
      expect(await getStudyPublicKey(store.db, 'exile-panel')).toBeNull();
    });
    const ok = await cli(['study', 'set-key', 'exile-panel', '--key', publicFile], env);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/public key [0-9a-f-]{19} registered/);
    const pub = parseKeyFile(await readFile(publicFile, 'utf8'));
    await withDb(async (store) => {
      const stored = await getStudyPublicKey(store.db, 'exile-panel');
      expect(pub.kind === 'public' && Buffer.from(stored!).equals(Buffer.from(pub.publicKey))).toBe(
        true,
      );
    });
    const other = path.join(dir, 'other');
    await cli(['keys', 'generate', '--out', other]);
    const replaced = await cli(
      ['study', 'set-key', 'exile-panel', '--key', path.join(other, 'study.public.key')],
      env,
    );
    expect(replaced.out).toContain('public key replaced');
  });
});
