/**
 * `longitude keys generate` makes a study's key pair on the research team's machine, and
 * `longitude study set-key` registers the public half with the study. The private key never
 * goes to the server: contacts are sealed there with the public key and opened here.
 */
import { constants } from 'node:fs';
import { mkdir, open as openFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Problem } from '../../problems/problem.js';
import {
  fingerprint,
  generateKeyPair,
  parseKeyFile,
  privateKeyFile,
  publicKeyFile,
  type KeyPair,
} from '../../security/sealed-box.js';
import { getStudyPublicKey, setStudyPublicKey } from '../../store/queries/studies.js';
import { withStore } from '../database.js';
import type { Io } from '../io.js';
import type { DatabaseFlags } from '../main.js';

/** Writes a new file only (never over an existing one), readable by its owner alone if asked. */
async function writeNew(file: string, text: string, mode: number): Promise<void> {
  let handle;
  try {
    handle = await openFile(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new Problem(
        'input.invalid',
        `${file} already exists; keys are never overwritten (a lost private key cannot open what was sealed for it). Choose another --out or --name.`,
        { file },
      );
    throw error;
  }
  try {
    await handle.writeFile(text);
    await handle.chmod(mode);
  } finally {
    await handle.close();
  }
}

/**
 * Reads a private key file for work done on the research team's machine (opening contacts,
 * sending invitations). Refuses a public key or anything that is not a key file.
 */
export async function readPrivateKey(file: string): Promise<KeyPair> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Problem(
      'input.invalid',
      `${file}: cannot read the key file (${(error as Error).message}).`,
      { file },
    );
  }
  const parsed = parseKeyFile(text);
  if (parsed.kind === 'invalid')
    throw new Problem('input.invalid', `${file}:1: not a Longitude key file: ${parsed.reason}.`, {
      file,
      line: 1,
    });
  if (parsed.kind === 'public')
    throw new Problem(
      'input.invalid',
      `${file}:1: this is a public key; opening contacts needs the PRIVATE key file (NAME.private.key).`,
      { file, line: 1 },
    );
  return parsed.keys;
}

export async function keysGenerate(flags: { out: string; name?: string }, io: Io): Promise<number> {
  const name = flags.name ?? 'study';
  if (!/^[A-Za-z0-9._-]+$/.test(name))
    throw new Problem(
      'input.invalid',
      `--name must be letters, digits, '.', '_' or '-', not '${name}'.`,
      {
        field: 'name',
      },
    );
  await mkdir(flags.out, { recursive: true, mode: 0o700 });
  const keys = await generateKeyPair();
  const publicFile = path.join(flags.out, `${name}.public.key`);
  const privateFile = path.join(flags.out, `${name}.private.key`);
  // The private key first: if it cannot be written, no public key exists to register.
  await writeNew(privateFile, privateKeyFile(keys), 0o600);
  await writeNew(publicFile, publicKeyFile(keys), 0o644);
  io.out(`Public key:  ${publicFile} (fingerprint ${await fingerprint(keys.publicKey)})`);
  io.out(`Private key: ${privateFile} (readable by you only)`);
  io.out('');
  io.out("Keep the private key OFF the server: on the research team's machines and a backup");
  io.out('(an encrypted drive). Anyone who has it can read every contact; without it nobody can,');
  io.out('the team included. Register the public key with:');
  io.out(`  longitude study set-key STUDY --key ${publicFile}`);
  return 0;
}

export async function studySetKey(
  study: string,
  flags: DatabaseFlags & { key: string },
  io: Io,
): Promise<number> {
  let text: string;
  try {
    text = await readFile(flags.key, 'utf8');
  } catch (error) {
    throw new Problem(
      'input.invalid',
      `${flags.key}: cannot read the key file (${(error as Error).message}).`,
      {
        file: flags.key,
      },
    );
  }
  const parsed = parseKeyFile(text);
  if (parsed.kind === 'invalid')
    throw new Problem(
      'input.invalid',
      `${flags.key}:1: not a Longitude key file: ${parsed.reason}.`,
      {
        file: flags.key,
        line: 1,
      },
    );
  if (parsed.kind === 'private')
    throw new Problem(
      'input.invalid',
      `${flags.key}:1: this is a PRIVATE key. Give the public key file (NAME.public.key); the private key must never reach the server.`,
      { file: flags.key, line: 1 },
    );
  return withStore(flags, io, async (store) => {
    const before = await getStudyPublicKey(store.db, study);
    if (before === undefined)
      throw new Problem(
        'study.not-found',
        `There is no study '${study}'. Load it first: longitude study load DIR`,
        {
          field: 'study',
        },
      );
    await setStudyPublicKey(store.db, study, parsed.publicKey);
    const print = await fingerprint(parsed.publicKey);
    if (before && Buffer.compare(Buffer.from(before), Buffer.from(parsed.publicKey)) !== 0)
      io.out(
        `Study '${study}': public key replaced (was ${await fingerprint(before)}, now ${print}). Contacts sealed before stay readable only with the old private key.`,
      );
    else io.out(`Study '${study}': public key ${print} registered.`);
    return 0;
  });
}
