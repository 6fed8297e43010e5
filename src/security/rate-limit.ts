/**
 * A fixed-window counter per key, in memory. Keys are keyed hashes (never addresses). Used for
 * new responses per network and for resume-code attempts. Limits are generous for new
 * responses because many respondents share one VPN exit or mobile carrier address.
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => Date,
  ) {}

  /** Counts one attempt; false when the key is over its limit in the current window. */
  take(key: string): boolean {
    const t = this.now().getTime();
    const w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) {
      this.windows.set(key, { start: t, count: 1 });
      if (this.windows.size > 100_000) this.prune(t);
      return true;
    }
    w.count++;
    return w.count <= this.limit;
  }

  private prune(t: number): void {
    for (const [key, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(key);
  }
}
