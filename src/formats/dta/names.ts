/**
 * Stata variable names from a dataset's column names, by one deterministic rule (Stata's own
 * rules: [U] 11.3 Naming conventions; `help dta` 5.4):
 *
 * 1. Characters other than ASCII letters, digits and `_` become `_` (`reasons-other` ->
 *    `reasons_other`, `q1.a` -> `q1_a`).
 * 2. A name that starts with a digit gets a leading `v` (`2022_income` -> `v2022_income`).
 * 3. A reserved word, in any case, gets a trailing `_` (`in` -> `in_`, `Long` -> `Long_`,
 *    `str20` -> `str20_`).
 * 4. A name longer than 32 characters is cut to 32.
 * 5. A name already taken (Stata names are case-sensitive) ends in `_2`, `_3`, ... instead,
 *    still within 32 characters; names are given in the file's order of variables.
 *
 * A name that has a letter outside ASCII (Cyrillic, say), or no ASCII letter or digit at all,
 * is refused: replacing its letters would leave a name nobody could recognise.
 */
import { Problem } from '../../problems/problem.js';

export const maxNameLength = 32;

/** Stata's reserved names ([U] 11.3), compared in lower case to be safe with every reader. */
const reserved = new Set([
  '_all',
  '_b',
  'byte',
  '_coef',
  '_cons',
  'double',
  'float',
  'if',
  'in',
  'int',
  'long',
  '_n',
  '_pi',
  '_pred',
  '_rc',
  '_skip',
  'strl',
  'using',
  'with',
]);

/** The reserved words, and `str1` ... `str2045` (storage types). */
function isReserved(name: string): boolean {
  const lower = name.toLowerCase();
  return reserved.has(lower) || /^str[1-9]\d{0,3}$/.test(lower);
}

/** `source` made a valid Stata name by rules 1-4, or a Problem saying why it cannot be. */
export function stataName(source: string, what: string): string {
  if (/\p{L}/u.test(source.replace(/[A-Za-z]/g, '')))
    throw new Problem(
      'input.invalid',
      `${what} cannot be named in a Stata file: Stata names take only ASCII letters, digits and underscores, and its letters outside ASCII would be lost. Rename the column.`,
      { field: source },
    );
  if (!/[A-Za-z0-9]/.test(source))
    throw new Problem(
      'input.invalid',
      `${what} cannot be named in a Stata file: it has no ASCII letter or digit to keep. Rename the column.`,
      { field: source },
    );
  let name = source.replace(/[^A-Za-z0-9_]/g, '_');
  if (/^[0-9]/.test(name)) name = `v${name}`;
  if (isReserved(name)) name = `${name}_`;
  return name.slice(0, maxNameLength);
}

/** Gives each name once (rule 5), in the order asked. */
export class NameRegister {
  private readonly taken = new Set<string>();

  unique(name: string): string {
    let out = name;
    for (let k = 2; this.taken.has(out) || isReserved(out); k++) {
      const suffix = `_${k}`;
      out = name.slice(0, maxNameLength - suffix.length) + suffix;
    }
    this.taken.add(out);
    return out;
  }
}
