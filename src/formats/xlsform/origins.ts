/**
 * Where each part of the imported questionnaire came from in the form, so that the
 * questionnaire checker's findings point at a sheet, row and column instead of a YAML line.
 */
import type { CheckProblem } from '../../questionnaire/check-problem.js';
import { checkQuestionnaire } from '../../questionnaire/check.js';
import type { QuestionnaireDefinition } from '../../questionnaire/schema.js';
import type { Path, Position, Source } from '../../questionnaire/source.js';
import type { ChoiceRow } from './choices.js';
import type { Columns } from './columns.js';
import type { XlsformProblem } from './problems.js';

export interface Origin {
  sheet: string;
  row?: number;
  column?: string;
}

export class Origins {
  private readonly byPath = new Map<string, Origin>();

  set(path: Path, origin: Origin): void {
    this.byPath.set(key(path), origin);
  }

  /** The origin of `path`, or of its nearest ancestor that has one. */
  find(path: Path): Origin {
    for (let depth = path.length; depth >= 0; depth--) {
      const found = this.byPath.get(key(path.slice(0, depth)));
      if (found) return found;
    }
    return { sheet: 'survey' };
  }
}

function key(path: Path): string {
  return path.map(String).join('\u0000');
}

/**
 * Runs the questionnaire checker (the one `longitude questionnaire check` runs) on the
 * definition itself. Its source stands in for a file: a position's line is the form's row,
 * and its column numbers the origin, so each problem is traced back to its cell.
 */
export function checkAgainstOrigins(
  definition: QuestionnaireDefinition,
  languages: readonly string[],
  origins: Origins,
  file: string,
): XlsformProblem[] {
  const seen: Path[] = [];
  const position = (path: Path): Position => {
    seen.push(path);
    return { line: origins.find(path).row ?? 1, column: seen.length };
  };
  const source: Source = {
    file,
    value: definition,
    syntax: [],
    locate: position,
    locateIn: (path) => position(path),
  };
  return checkQuestionnaire(source, languages).problems.map((p) => {
    const path = seen[p.column - 1] ?? [];
    // A missing text is located at its field; its language's column says more.
    const language =
      p.code === 'translation' ? /^Missing the '([^']+)'/.exec(p.message)?.[1] : undefined;
    return fromCheck(p, origins.find(language !== undefined ? [...path, language] : path));
  });
}

function fromCheck(p: CheckProblem, origin: Origin): XlsformProblem {
  // The checker speaks of lines; here they are the form's rows.
  const message = p.message.replace(/\bline (\d+)/g, 'row $1');
  return { ...origin, kind: 'error', code: p.code, message };
}

/** Where a choice came from: its row of the choices sheet, or the question that added it. */
export interface ChoiceOrigin {
  origin: Origin;
  name?: string;
  label?: string;
  labels?: Map<string, string>;
}

export function choiceOrigin(
  choice: ChoiceRow,
  columns: Columns | undefined,
  languages: readonly string[],
): ChoiceOrigin {
  const labels = new Map<string, string>();
  for (const language of languages) {
    const column = choice.labels.get(language)?.column ?? columns?.headerFor('label', language);
    if (column !== undefined) labels.set(language, column);
  }
  return {
    origin: { sheet: columns?.sheet.name ?? 'choices', row: choice.row },
    name: columns?.header('name'),
    label: columns?.header('label'),
    labels,
  };
}

export function setChoiceOrigins(origins: Origins, path: Path, list: ChoiceOrigin[]): void {
  if (list[0]) origins.set(path, list[0].origin);
  list.forEach((c, i) => {
    const at = [...path, i];
    origins.set(at, c.origin);
    origins.set([...at, 'name'], { ...c.origin, column: c.name ?? c.origin.column });
    origins.set([...at, 'code'], { ...c.origin, column: c.name ?? c.origin.column });
    origins.set([...at, 'label'], { ...c.origin, column: c.label ?? c.origin.column });
    for (const [language, column] of c.labels ?? [])
      origins.set([...at, 'label', language], { ...c.origin, column });
  });
}
