/**
 * Random tokens and their hashes. Links, session cookies and codes are random; only their
 * SHA-256 hashes are stored, so a database dump cannot be used to take over a response.
 * Randomness is passed in (a function returning random bytes) so tests can fix it.
 */
import { createHash, randomBytes as nodeRandomBytes } from 'node:crypto';

export type RandomBytes = (n: number) => Uint8Array;

export const secureRandomBytes: RandomBytes = (n) => nodeRandomBytes(n);

/** A URL-safe token with `bytes` random bytes (32 bytes = 256 bits by default). */
export function randomToken(random: RandomBytes, bytes = 32): string {
  return Buffer.from(random(bytes)).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
