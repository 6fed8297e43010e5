/**
 * A progress bar on one line of a terminal, redrawn in place at most every 200 ms:
 *
 *   Writing wave-2.sav  [#########-----------]  45%  450,000 of 1,000,000 rows
 *
 * Without a total it counts (`Reading responses  120,000 rows`). Nothing is drawn when the
 * stream is not a terminal (a file, a pipe, a test), so logs and captured output stay clean.
 */
const width = 20;

export interface ProgressTarget {
  isTTY?: boolean;
  write(text: string): unknown;
}

export class ProgressBar {
  private last = 0;
  private drawn = false;

  constructor(
    private readonly target: ProgressTarget,
    private readonly now: () => number = Date.now,
  ) {}

  /** Shows `done` (of `total`, where known) after `label`; `force` draws even if just drawn. */
  show(label: string, done: number, total?: number, force = false): void {
    if (!this.target.isTTY) return;
    const t = this.now();
    if (!force && this.drawn && t - this.last < 200) return;
    this.last = t;
    this.drawn = true;
    this.target.write(`\r\u001b[2K${progressLine(label, done, total)}`);
  }

  /** Ends the line the bar was on. */
  end(): void {
    if (this.drawn && this.target.isTTY) this.target.write('\n');
    this.drawn = false;
  }
}

/** The bar's text (tests read it). */
export function progressLine(label: string, done: number, total?: number): string {
  const count = done.toLocaleString('en');
  if (total === undefined || total <= 0) return `${label}  ${count} rows`;
  const share = Math.min(1, done / total);
  const filled = Math.round(share * width);
  return `${label}  [${'#'.repeat(filled)}${'-'.repeat(width - filled)}]  ${String(Math.floor(share * 100)).padStart(3)}%  ${count} of ${total.toLocaleString('en')} rows`;
}
