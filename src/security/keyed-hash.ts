/**
 * Keyed hashes for counting without identifying: a network address becomes an HMAC under a key
 * that lives only in this process's memory and is replaced every day, so yesterday's hashes
 * cannot be linked to today's, and nothing stored can be turned back into an address.
 */
import { createHmac } from 'node:crypto';
import type { RandomBytes } from './tokens.js';

export class DailyKeyedHash {
  private key: Uint8Array;
  private day: string;

  constructor(
    private readonly random: RandomBytes,
    private readonly now: () => Date,
  ) {
    this.key = random(32);
    this.day = dayOf(now());
  }

  hash(value: string): string {
    const today = dayOf(this.now());
    if (today !== this.day) {
      this.key = this.random(32);
      this.day = today;
    }
    return createHmac('sha256', this.key).update(value).digest('base64url');
  }
}

function dayOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}
