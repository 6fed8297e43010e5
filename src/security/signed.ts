/**
 * Small values signed by the server (the time a page was shown travels in the form and comes
 * back with it); the key lives in memory, so a restart only invalidates forms in flight, whose
 * timing is then unknown rather than wrong.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export class Signer {
  constructor(private readonly key: Uint8Array) {}

  sign(value: string): string {
    return `${value}.${this.mac(value)}`;
  }

  /** The value, or undefined when the signature does not match. */
  verify(signed: string): string | undefined {
    const dot = signed.lastIndexOf('.');
    if (dot < 0) return undefined;
    const value = signed.slice(0, dot);
    const given = Buffer.from(signed.slice(dot + 1));
    const expected = Buffer.from(this.mac(value));
    return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
  }

  private mac(value: string): string {
    return createHmac('sha256', this.key).update(value).digest('base64url');
  }
}
