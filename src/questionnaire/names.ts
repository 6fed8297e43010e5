/**
 * Rules for variable names, chosen so that every export format accepts them unchanged:
 * Stata allows 32 characters; SPSS reserves a few words; both ignore case when matching.
 */
export const variableNamePattern = /^[A-Za-z][A-Za-z0-9_]*$/;
export const maxVariableNameLength = 32;
const reserved = new Set([
  'all',
  'and',
  'by',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ne',
  'not',
  'or',
  'to',
  'with',
  '_all',
  '_n',
  '_b',
  '_cons',
  '_pi',
  '_pred',
  '_rc',
  '_skip',
  'byte',
  'int',
  'long',
  'float',
  'double',
  'if',
  'in',
  'using',
  'strl',
]);

/** A sentence saying why `name` cannot name a variable, or undefined when it can. */
export function variableNameProblem(name: string): string | undefined {
  if (!variableNamePattern.test(name))
    return `Name '${name}' must start with a letter and contain only letters, digits and underscores.`;
  if (name.length > maxVariableNameLength)
    return `Name '${name}' is ${name.length} characters long; at most ${maxVariableNameLength} are allowed so that Stata and SPSS files keep it.`;
  if (reserved.has(name.toLowerCase()))
    return `Name '${name}' is a reserved word in SPSS or Stata; choose another.`;
  return undefined;
}

export const choiceNamePattern = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
export const idPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;
