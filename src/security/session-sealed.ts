/**
 * A small value (the resume code) sealed under a key derived from a session token: only a
 * browser presenting that session cookie lets the server open it. The database holds the
 * sealed bytes and the token's SHA-256 hash, from which the key cannot be computed.
 * AES-256-GCM: 12-byte nonce, 16-byte tag, then the ciphertext.
 */
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import type { RandomBytes } from './tokens.js';

const keyOf = (sessionToken: string): Buffer =>
  createHmac('sha256', sessionToken).update('longitude:resume-code').digest();

export function sealForSession(
  sessionToken: string,
  text: string,
  random: RandomBytes,
): Uint8Array {
  const nonce = Buffer.from(random(12));
  const cipher = createCipheriv('aes-256-gcm', keyOf(sessionToken), nonce);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return new Uint8Array(Buffer.concat([nonce, cipher.getAuthTag(), body]));
}

/** The text, or undefined when this session did not seal it (or the bytes are damaged). */
export function openForSession(
  sessionToken: string,
  sealed: Uint8Array | null | undefined,
): string | undefined {
  if (!sealed || sealed.length < 28) return undefined;
  const bytes = Buffer.from(sealed);
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(sessionToken), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
