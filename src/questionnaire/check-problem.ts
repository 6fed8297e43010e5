/** One thing wrong in a study or questionnaire file, with where it is. */
export interface CheckProblem {
  file: string;
  line: number;
  column: number;
  /** The item (variable) concerned, when there is one. */
  item?: string;
  /** A stable word for machines: `syntax`, `structure`, `duplicate-name`, `translation`... */
  code: string;
  message: string;
}

export function formatCheckProblem(p: CheckProblem): string {
  const item = p.item !== undefined ? ` [${p.item}]` : '';
  return `${p.file}:${p.line}:${p.column}${item} ${p.message}`;
}

export function sortProblems(problems: CheckProblem[]): CheckProblem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.message.localeCompare(b.message),
  );
}
