/**
 * The owner's research token: checked in constant time, and turned into a cookie value that is
 * not the token itself (a browser that signed in keeps a value good only for the pages).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Whether `given` equals `expected`, in time that does not depend on where they differ. */
export function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so not even the length leaks.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The value of the research pages' cookie for this token. */
export function researchCookieValue(token: string): string {
  return createHmac('sha256', token).update('longitude research pages').digest('base64url');
}
