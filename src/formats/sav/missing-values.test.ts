import { describe, expect, it } from 'vitest';
import { numberColumn, type ValueLabel } from '../../analysis/dataset.js';
import { declaredMissing, missingCount, missingElements } from './missing-values.js';

const missing = (code: number): ValueLabel => ({ code, missing: true });
const column = (values: number[], labels: ValueLabel[]) =>
  numberColumn(Float64Array.from(values), labels);

describe('sav declared missing values', () => {
  it('writes up to three codes as discrete values', () => {
    const m = declaredMissing('q', column([1, 99], [{ code: 1 }, missing(99), missing(-1)]));
    expect(m).toEqual({ discrete: [-1, 99] });
    expect(missingCount(m)).toBe(2);
    expect(missingCount(undefined)).toBe(0);
    expect(declaredMissing('q', column([1], [{ code: 1 }]))).toBeUndefined();
  });

  it('writes more than three as a range when nothing else lies inside it', () => {
    const m = declaredMissing('q', column([1, 2, 97], [96, 97, 98, 99].map(missing)));
    expect(m).toEqual({ range: [96, 99] });
    expect(missingCount(m)).toBe(-2);
    expect(missingElements(m)).toEqual([96, 99]);
  });

  it('leaves one code out of the range as the discrete value when that makes it fit', () => {
    const labels = [...[-3, -2, -1].map(missing), { code: 0 }, missing(99)];
    const m = declaredMissing('q', column([0, 1], labels));
    expect(m).toEqual({ range: [-3, -1], discrete: 99 });
    expect(missingCount(m)).toBe(-3);
    expect(missingElements(m)).toEqual([-3, -1, 99]);
  });

  it('refuses codes no range can hold, naming the column', () => {
    const labels = [missing(1), { code: 2 }, missing(3), { code: 4 }, missing(5), missing(7)];
    expect(() => declaredMissing('trust', column([2], labels))).toThrow(
      'column "trust" declares 4 missing codes (1, 3, 5, 7)',
    );
    // A value in the data inside the range counts as much as a labelled code.
    expect(() => declaredMissing('q', column([97.5], [96, 97, 98, 99].map(missing)))).toThrow(
      /column "q"/,
    );
  });
});
