/**
 * Limits on typing resume and panel codes, so that guessing one is infeasible and one attacker
 * cannot lock everyone else out (docs/decisions/0007-proxy-and-code-guessing.md has the sums):
 *
 * - per network (an IPv4 address, an IPv6 /56; see network.ts): a guesser is slowed to the
 *   limit, and only respondents on the guesser's own network wait with it;
 * - per code prefix (the first two words, under a daily keyed hash): however many networks a
 *   guesser commands, the codes that begin with two words they have seen get no more tries
 *   than one network would. A guesser who does not know a respondent's first two words cannot
 *   exhaust that respondent's prefix (about 4 million of them).
 *
 * There is no global counter: nothing one client does stops respondents elsewhere.
 */
import { canonicalResumeCodes } from './resume-code.js';
import type { DailyKeyedHash } from './keyed-hash.js';
import { networkOf } from './network.js';
import type { RateLimiter } from './rate-limit.js';

export class CodeAttemptLimits {
  constructor(
    private readonly hash: DailyKeyedHash,
    private readonly perNetwork: RateLimiter,
    private readonly perPrefix: RateLimiter,
  ) {}

  /** Counts one attempt from this client address with this typed code; false when refused. */
  take(address: string, typed: string): boolean {
    if (!this.perNetwork.take(this.hash.hash(`resume:${networkOf(address)}`))) return false;
    return this.perPrefix.take(this.hash.hash(`resume-prefix:${codePrefix(typed)}`));
  }
}

/**
 * The first two words, in lower case, any separators ignored (letters of any script). A code
 * typed in another BIP-39 list counts against the prefix of its English form, so that the ten
 * lists do not give a guesser ten times the attempts at one prefix.
 */
export function codePrefix(typed: string): string {
  const canonical = canonicalResumeCodes(typed)[0];
  if (canonical !== undefined) return canonical.split(' ').slice(0, 2).join(' ');
  return typed
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean)
    .slice(0, 2)
    .join(' ');
}
