/**
 * Variable names as SPSS takes them. A long name (up to 64 bytes) is what PSPP, SPSS and haven
 * show; every variable record also carries a unique short name of at most 8 bytes, which the long
 * variable names record maps to the long one (PSPP, "System File Format": Variable Record, Long
 * Variable Names Record).
 *
 * The mapping from a column's name, applied in this order:
 * 1. Unicode NFC; every run of characters other than letters, digits and `_ . @ # $` becomes
 *    one `_`, except at either end, where it is dropped (`what is your age?` -> `what_is_your_age`).
 * 2. A name with no letter or digit left cannot be made valid and is refused.
 * 3. A name that does not start with a letter, or is a reserved word (`ALL AND BY EQ GE GT LE LT
 *    NE NOT OR TO WITH`), gets `v_` in front (`2022_income` -> `v_2022_income`, `to` -> `v_to`).
 * 4. Cut to 64 bytes between characters; trailing full stops dropped.
 * 5. Names compare without regard to case, as in SPSS. Names that are valid as given keep them;
 *    then, in file order, a name already taken gets the first free `_2`, `_3`, ...
 */
import { SavError } from './errors.js';
import { truncateUtf8, utf8Length } from './utf8.js';

export const maxNameBytes = 64;
export const shortNameBytes = 8;

const reserved = new Set([
  'ALL',
  'AND',
  'BY',
  'EQ',
  'GE',
  'GT',
  'LE',
  'LT',
  'NE',
  'NOT',
  'OR',
  'TO',
  'WITH',
]);
const invalidRun = /[^\p{L}\p{M}0-9_.@#$]+/gu;
const validName = /^\p{L}[\p{L}\p{M}0-9_.@#$]*$/u;

/** The key under which SPSS compares names: case does not count. */
export function nameKey(name: string): string {
  return name.toUpperCase();
}

/** Whether SPSS takes `name` as a variable name as it is. */
export function isValidName(name: string): boolean {
  return (
    name === name.normalize('NFC') &&
    validName.test(name) &&
    !name.endsWith('.') &&
    utf8Length(name) <= maxNameBytes &&
    !reserved.has(nameKey(name))
  );
}

/** Steps 1 to 4 of the mapping; undefined where nothing valid is left. */
export function validNameFor(raw: string): string | undefined {
  let s = raw.normalize('NFC').replace(invalidRun, ' ').trim().replace(/ /g, '_');
  if (!/[\p{L}0-9]/u.test(s)) return undefined;
  if (!/^\p{L}/u.test(s) || reserved.has(nameKey(s))) s = `v_${s}`;
  return truncateUtf8(s, maxNameBytes).replace(/\.+$/, '');
}

/** The error for a column whose name cannot be made valid. */
export function unnameable(column: string): SavError {
  return new SavError(
    `column "${column}" cannot be given an SPSS variable name: ${
      column === '' ? 'the name is empty' : 'the name has no letter or digit'
    }`,
    column,
  );
}

export interface NameRequest {
  /** The name wanted: a column's name, or `item_option` for a multiple choice's option. */
  wanted: string;
  /** The column it comes from, named in errors. */
  column: string;
}

/** Long names for the requests, in their order: valid, unique regardless of case. */
export function longNames(requests: readonly NameRequest[]): string[] {
  const taken = new Set<string>();
  const out: (string | undefined)[] = requests.map(() => undefined);
  requests.forEach((r, i) => {
    if (isValidName(r.wanted) && !taken.has(nameKey(r.wanted))) {
      taken.add(nameKey(r.wanted));
      out[i] = r.wanted;
    }
  });
  return requests.map((r, i) => {
    const given = out[i];
    if (given !== undefined) return given;
    const base = validNameFor(r.wanted);
    if (base === undefined) throw unnameable(r.column);
    const name = freeName(base, taken, maxNameBytes);
    taken.add(nameKey(name));
    return name;
  });
}

/** `base`, or the first of `base_2`, `base_3`, ... (cut to fit `max` bytes) not yet taken. */
function freeName(base: string, taken: ReadonlySet<string>, max: number): string {
  if (!taken.has(nameKey(base))) return base;
  for (let k = 2; ; k++) {
    const suffix = `_${k}`;
    const name = `${truncateUtf8(base, max - suffix.length)}${suffix}`;
    if (!taken.has(nameKey(name))) return name;
  }
}

/**
 * Short names for the variable records, one per segment (a very long string has several):
 * upper-case ASCII, starting with a letter. A long name that is already a valid short name keeps
 * it; other names keep their ASCII letters, digits and `_ . @ # $` (`reasons_money` ->
 * `REASONS_`), a name with none is `V` and its position (`V3`); a name taken gets `_1`, `_2`, ...
 * in place of its last characters. A very long string's later segments are named after its first
 * with the segment's number (`COMMENT1`).
 */
export function shortNames(long: readonly string[], segments: readonly number[]): string[][] {
  const taken = new Set<string>();
  const first: (string | undefined)[] = long.map((name) => {
    const upper = name.toUpperCase();
    if (upper.length > shortNameBytes || !/^[A-Z][A-Z0-9_.@#$]*$/.test(upper)) return undefined;
    if (upper.endsWith('.') || reserved.has(upper) || taken.has(upper)) return undefined;
    taken.add(upper);
    return upper;
  });
  return long.map((name, i) => {
    let head = first[i];
    if (head === undefined) {
      head = freeShortName(shortCandidate(name, i + 1), taken);
      taken.add(head);
    }
    const names = [head];
    for (let s = 1; s < segments[i]!; s++) {
      const tail = String(s);
      const next = freeShortName(`${head.slice(0, shortNameBytes - tail.length)}${tail}`, taken);
      taken.add(next);
      names.push(next);
    }
    return names;
  });
}

function shortCandidate(long: string, position: number): string {
  let s = long.toUpperCase().replace(/[^A-Z0-9_.@#$]/g, '');
  if (s === '') s = `V${position}`;
  else if (!/^[A-Z]/.test(s)) s = `V${s}`;
  return s.slice(0, shortNameBytes).replace(/\.+$/, '');
}

function freeShortName(candidate: string, taken: ReadonlySet<string>): string {
  if (!taken.has(candidate) && !reserved.has(candidate)) return candidate;
  for (let k = 1; ; k++) {
    const suffix = `_${k}`;
    const name = `${candidate.slice(0, shortNameBytes - suffix.length)}${suffix}`;
    if (!taken.has(name)) return name;
  }
}
