import { describe, expect, it } from 'vitest';
import { ProgressBar, progressLine } from './progress-bar.js';

describe('progress bar', () => {
  it('draws a bar with the share and the counts, or a count without a total', () => {
    expect(progressLine('Writing x.sav', 450_000, 1_000_000)).toBe(
      'Writing x.sav  [#########-----------]   45%  450,000 of 1,000,000 rows',
    );
    expect(progressLine('Writing', 10, 10)).toBe(
      'Writing  [####################]  100%  10 of 10 rows',
    );
    expect(progressLine('Reading responses', 120_000)).toBe('Reading responses  120,000 rows');
  });

  it('redraws in place at most every 200 ms, and only on a terminal', () => {
    const written: string[] = [];
    let t = 0;
    const bar = new ProgressBar({ isTTY: true, write: (s) => written.push(s) }, () => t);
    bar.show('Reading', 1);
    t = 100;
    bar.show('Reading', 2);
    t = 250;
    bar.show('Reading', 3);
    bar.show('Reading', 4, undefined, true);
    bar.end();
    expect(written).toEqual([
      '\r\u001b[2KReading  1 rows',
      '\r\u001b[2KReading  3 rows',
      '\r\u001b[2KReading  4 rows',
      '\n',
    ]);
    const quiet: string[] = [];
    const off = new ProgressBar({ isTTY: false, write: (s) => quiet.push(s) });
    off.show('Reading', 1);
    off.end();
    expect(quiet).toEqual([]);
  });
});
