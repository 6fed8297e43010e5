/**
 * A columnar dataset: one array per variable, values as text (or null when empty), with
 * numbers parsed on demand. Built once (from responses or a CSV file) and shared by every
 * analysis.
 */
export interface Dataset {
  n: number;
  columns: Map<string, (string | null)[]>;
}

export function column(data: Dataset, name: string): (string | null)[] {
  const c = data.columns.get(name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

/** The column as numbers; NaN where a value is empty or not a number. */
export function numbers(values: (string | null)[]): Float64Array {
  return Float64Array.from(values, (v) => (v === null || v.trim() === '' ? NaN : Number(v)));
}
