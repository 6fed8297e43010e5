/**
 * Study keys and sealed contacts (libsodium's crypto_box_seal: X25519 and XSalsa20-Poly1305).
 * The research team makes a key pair on its own machine; the server holds only the public
 * key and seals a contact the moment it arrives, so what is stored can be opened only with the
 * private key, which never reaches the server.
 *
 * Key files are one line of text: `longitude-public-key 1 <base64>` and
 * `longitude-private-key 1 <base64 private> <base64 public>`.
 */
import sodium from 'libsodium-wrappers';

export interface KeyPair {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

const PUBLIC = 'longitude-public-key';
const PRIVATE = 'longitude-private-key';
const VERSION = '1';

async function ready(): Promise<typeof sodium> {
  await sodium.ready;
  return sodium;
}

export async function generateKeyPair(): Promise<KeyPair> {
  const s = await ready();
  const { publicKey, privateKey } = s.crypto_box_keypair();
  return { publicKey, privateKey };
}

/** Seals text so that only the holder of the private key can open it. */
export async function seal(text: string, publicKey: Uint8Array): Promise<Uint8Array> {
  const s = await ready();
  return s.crypto_box_seal(s.from_string(text), publicKey);
}

/** Opens a sealed text; throws when the keys do not match or the box was changed. */
export async function open(sealed: Uint8Array, keys: KeyPair): Promise<string> {
  const s = await ready();
  return s.to_string(s.crypto_box_seal_open(sealed, keys.publicKey, keys.privateKey));
}

/** A short fingerprint of a public key, to compare what the server holds with a key file. */
export async function fingerprint(publicKey: Uint8Array): Promise<string> {
  const s = await ready();
  const hex = s.to_hex(s.crypto_generichash(8, publicKey, null));
  return hex.replace(/(.{4})(?!$)/g, '$1-');
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export function publicKeyFile(keys: KeyPair): string {
  return `${PUBLIC} ${VERSION} ${b64(keys.publicKey)}\n`;
}

export function privateKeyFile(keys: KeyPair): string {
  return `${PRIVATE} ${VERSION} ${b64(keys.privateKey)} ${b64(keys.publicKey)}\n`;
}

export type ParsedKeyFile =
  | { kind: 'public'; publicKey: Uint8Array }
  | { kind: 'private'; keys: KeyPair }
  | { kind: 'invalid'; reason: string };

function bytes(text: string | undefined, length: number): Uint8Array | undefined {
  if (!text || !/^[A-Za-z0-9+/]+=*$/.test(text)) return undefined;
  const out = new Uint8Array(Buffer.from(text, 'base64'));
  return out.length === length ? out : undefined;
}

/** Reads a key file's text: which kind of key it holds, or why it is not one. */
export function parseKeyFile(text: string): ParsedKeyFile {
  const parts = text.trim().split(/\s+/);
  const [kind, version] = parts;
  if (kind !== PUBLIC && kind !== PRIVATE)
    return {
      kind: 'invalid',
      reason: `it does not start with '${PUBLIC}' or '${PRIVATE}' (make one with 'longitude keys generate')`,
    };
  if (version !== VERSION)
    return { kind: 'invalid', reason: `unknown key file version '${version}'` };
  if (kind === PUBLIC) {
    const publicKey = bytes(parts[2], 32);
    if (!publicKey || parts.length !== 3)
      return { kind: 'invalid', reason: 'the public key is not 32 bytes of base64' };
    return { kind: 'public', publicKey };
  }
  const privateKey = bytes(parts[2], 32);
  const publicKey = bytes(parts[3], 32);
  if (!privateKey || !publicKey || parts.length !== 4)
    return { kind: 'invalid', reason: 'the keys are not two times 32 bytes of base64' };
  return { kind: 'private', keys: { privateKey, publicKey } };
}
