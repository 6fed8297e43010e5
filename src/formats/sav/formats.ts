/**
 * Print and write formats, measurement levels and display widths (PSPP, "System File Format":
 * Variable Record, Variable Display Parameter Record). Formats only change how values are shown;
 * numbers are stored in full.
 */
import type { Measure } from '../../analysis/dataset.js';

/** Format type codes of the variable record. */
const formatType = { A: 1, F: 5 } as const;

export interface Format {
  type: keyof typeof formatType;
  width: number;
  decimals: number;
}

/** A format as the variable record codes it: type, width and decimals, a byte each. */
export function formatCode(f: Format): number {
  return (formatType[f.type] << 16) | (f.width << 8) | f.decimals;
}

export function formatText(f: Format): string {
  return f.type === 'A' ? `A${f.width}` : `F${f.width}.${f.decimals}`;
}

const maxDecimals = 4;
const maxWidth = 40;

/** Decimals `v` needs, up to `maxDecimals`. */
function decimalsOf(v: number): number {
  for (let d = 0; d < maxDecimals; d++) {
    const scaled = v * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) <= 1e-9 * Math.max(1, Math.abs(scaled))) return d;
  }
  return maxDecimals;
}

/**
 * `Fw.d` wide enough for every finite value and labelled code: d the decimals they need (at
 * most 4), w at least 8 (SPSS's usual width) and at most 40. Values are seen chunk by chunk.
 */
export class FormatChooser {
  private decimals = 0;
  private low = 0;
  private high = 0;

  see(v: number): void {
    if (!Number.isFinite(v)) return;
    if (v < this.low) this.low = v;
    if (v > this.high) this.high = v;
    if (this.decimals < maxDecimals && !Number.isInteger(v))
      this.decimals = Math.max(this.decimals, decimalsOf(v));
  }

  seeAll(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.see(values[i]!);
  }

  format(): Format {
    const { decimals, low, high } = this;
    // Digits before the point (toFixed writes 1e21 and above with an exponent).
    const digits = (v: number): number =>
      Math.abs(v) < 1e21 ? Math.trunc(Math.abs(v)).toFixed(0).length : maxWidth;
    const whole = Math.max(digits(high), digits(low) + (low < 0 ? 1 : 0));
    const width = Math.min(maxWidth, Math.max(8, whole + (decimals > 0 ? decimals + 1 : 0)));
    return { type: 'F', width, decimals };
  }
}

/** The format of a column held whole: its values and labelled codes. */
export function numberFormat(values: ArrayLike<number>, codes: readonly number[]): Format {
  const chooser = new FormatChooser();
  chooser.seeAll(values);
  chooser.seeAll(codes);
  return chooser.format();
}

/** Measurement level codes of the display parameter record. */
export function measureCode(m: Measure): 1 | 2 | 3 {
  return m === 'nominal' ? 1 : m === 'ordinal' ? 2 : 3;
}

export const alignLeft = 0;
export const alignRight = 1;
