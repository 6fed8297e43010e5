import { describe, expect, it } from 'vitest';
import { DailyKeyedHash } from './keyed-hash.js';
import { RateLimiter } from './rate-limit.js';
import { codePrefix, CodeAttemptLimits } from './resume-limits.js';

const now = () => new Date('2026-03-01T12:00:00Z');
let seed = 0;
const random = (n: number) => new Uint8Array(n).fill(++seed);
const limits = () =>
  new CodeAttemptLimits(
    new DailyKeyedHash(random, now),
    new RateLimiter(20, 600_000, now),
    new RateLimiter(20, 600_000, now),
  );
/** A code whose first two words differ for every k (a code's words are letters only). */
const letters = (k: number) =>
  k.toString(26).replace(/./g, (d) => String.fromCharCode(97 + parseInt(d, 26)));
const guess = (k: number) => `w${letters(k)} o${letters(k)} a b c d`;

describe('code attempt limits', () => {
  it('stop one network after its limit, and nobody else', () => {
    const l = limits();
    for (let k = 0; k < 20; k++) expect(l.take('198.51.100.1', guess(k))).toBe(true);
    expect(l.take('198.51.100.1', guess(99))).toBe(false);
    // Another address of the same IPv6 /56 is the same network; another network goes on.
    expect(l.take('198.51.100.2', guess(100))).toBe(true);
    for (let k = 0; k < 20; k++) l.take(`2001:db8:0:1${k % 10}::${k}`, guess(200 + k));
    expect(l.take('2001:db8:0:ff::1', guess(300))).toBe(false);
    expect(l.take('2001:db8:0:100::1', guess(301))).toBe(true);
  });

  it('stop guesses at one prefix from many networks, and nobody with another prefix', () => {
    const l = limits();
    for (let k = 0; k < 20; k++)
      expect(l.take(`203.0.113.${k}`, `Abandon, ability x${k} y z w`)).toBe(true);
    expect(l.take('203.0.113.200', 'abandon ability able about above absent')).toBe(false);
    expect(l.take('203.0.113.201', 'abandon able ability about above absent')).toBe(true);
  });

  it('take the first two words whatever the separators and script', () => {
    expect(codePrefix(' Abandon-ABILITY, able')).toBe('abandon ability');
    expect(codePrefix('берёза\nволна море')).toBe('берёза волна');
    expect(codePrefix('')).toBe('');
  });
});
