/**
 * Stata's numeric storage types in format 118 (`help dta` 4 and 5.3): their type codes, byte
 * widths, the range of values they hold, and how they record the 27 missing values `.`, `.a`,
 * ..., `.z`. Integer types store missing values as the codes just above their largest value;
 * doubles as 0x7fe0 followed by the missing value's number (0 for `.`, 1 for `.a`, ...).
 */
export type NumericType = 'byte' | 'int' | 'long' | 'double';

interface NumericStorage {
  /** The type's code in <variable_types>. */
  code: number;
  width: number;
  /** The default display format Stata gives the type. */
  format: string;
  min: number;
  max: number;
}

/** The largest double Stata holds as a number (+1.fffffffffffffX+3fe); larger ones are missing. */
const maxDouble = (2 - 2 ** -52) * 2 ** 1022;

export const numericStorage: Record<NumericType, NumericStorage> = {
  byte: { code: 65530, width: 1, format: '%8.0g', min: -127, max: 100 },
  int: { code: 65529, width: 2, format: '%8.0g', min: -32767, max: 32740 },
  long: { code: 65528, width: 4, format: '%12.0g', min: -2147483647, max: 2147483620 },
  double: { code: 65526, width: 8, format: '%10.0g', min: -Number.MAX_VALUE, max: maxDouble },
};

export const strLCode = 32768;
export const maxStrfWidth = 2045;

/** Missing values by number: 0 is `.`, 1 is `.a`, ..., 26 is `.z`. */
export const systemMissing = 0;
export const maxExtendedMissing = 26;

/** `.`, `.a`, ... as Stata writes them. */
export function missingName(k: number): string {
  return k === 0 ? '.' : `.${String.fromCharCode(0x60 + k)}`;
}

/** Whether a double may be written as a number (finite and below Stata's missing values). */
export function storableDouble(v: number): boolean {
  return Number.isFinite(v) && v <= maxDouble;
}

/** The smallest type that holds every value given (all of them numbers, not missing). */
export class NumericTypeChooser {
  private integers = true;
  private min = 0;
  private max = 0;

  see(v: number): void {
    if (!Number.isInteger(v)) this.integers = false;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  type(): NumericType {
    if (this.integers)
      for (const t of ['byte', 'int', 'long'] as const)
        if (this.min >= numericStorage[t].min && this.max <= numericStorage[t].max) return t;
    return 'double';
  }
}

/** Writes a number of the given type at `at`, little-endian. */
export function setNumber(view: DataView, at: number, type: NumericType, v: number): void {
  switch (type) {
    case 'byte':
      view.setInt8(at, v);
      return;
    case 'int':
      view.setInt16(at, v, true);
      return;
    case 'long':
      view.setInt32(at, v, true);
      return;
    case 'double':
      view.setFloat64(at, v, true);
      return;
  }
}

/** Writes missing value k (0 for `.`, 1 for `.a`, ...) of the given type at `at`. */
export function setMissing(view: DataView, at: number, type: NumericType, k: number): void {
  if (type === 'double') {
    view.setUint32(at, 0, true);
    view.setUint32(at + 4, 0x7fe00000 + k * 0x100, true);
    return;
  }
  setNumber(view, at, type, numericStorage[type].max + 1 + k);
}

/**
 * Missing value k as a value-label table records it (its 4-byte `long` code), so that `.a` can
 * carry the label of the declared missing value it stands for.
 */
export function missingLabelValue(k: number): number {
  return numericStorage.long.max + 1 + k;
}
