/**
 * Where each part of the imported questionnaire came from in the form, so that the
 * questionnaire checker's findings point at a sheet, row and column instead of a YAML line.
 */
import type { CheckProblem } from '../../questionnaire/check-problem.js';
import { checkQuestionnaire } from '../../questionnaire/check.js';
import type { QuestionnaireDefinition } from '../../questionnaire/schema.js';
import type { Path, Position, Source } from '../../questionnaire/source.js';
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
