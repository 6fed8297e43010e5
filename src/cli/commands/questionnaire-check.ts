/** `longitude questionnaire check FILE...`: every problem with file, line, column and item. */
import {
  formatCheckProblem,
  sortProblems,
  type CheckProblem,
} from '../../questionnaire/check-problem.js';
import {
  checkQuestionnaireFile,
  checkStudyFile,
  findStudyFile,
  isStudyFile,
} from '../../fieldwork/study-folder.js';
import type { Io } from '../io.js';

export async function questionnaireCheck(
  files: string[],
  options: { json?: boolean },
  io: Io,
): Promise<number> {
  const problems: CheckProblem[] = [];
  const checked: string[] = [];
  for (const target of files) {
    const file = await findStudyFile(target);
    if (typeof file !== 'string') {
      problems.push({ file: target, line: 1, column: 1, code: 'file', message: file.error });
      continue;
    }
    if (await isStudyFile(file)) {
      const result = await checkStudyFile(file);
      problems.push(...result.problems);
      checked.push(file, ...[...result.texts.keys()].slice(1));
    } else {
      problems.push(...(await checkQuestionnaireFile(file)));
      checked.push(file);
    }
  }
  const sorted = sortProblems(problems);
  if (options.json) {
    io.out(JSON.stringify({ ok: sorted.length === 0, checked, problems: sorted }, null, 2));
  } else {
    for (const p of sorted) io.out(formatCheckProblem(p));
    io.out(
      sorted.length === 0
        ? `${files.join(', ')}: no problems.`
        : `${sorted.length} problem${sorted.length === 1 ? '' : 's'}.`,
    );
  }
  return sorted.length === 0 ? 0 : 1;
}
