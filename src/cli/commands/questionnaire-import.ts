/**
 * `longitude questionnaire import FORM.xlsx --out WAVE.yaml [--wave ID] [--force] [--json]`:
 * an XLSForm as a Longitude questionnaire (docs/xlsform.md). Problems are printed as
 * `FORM.xlsx:survey:12 [column] sentence`; the file is written only when the questionnaire
 * passes `questionnaire check`, and the exit code is 1 when it is not written.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { studyFileNames } from '../../fieldwork/study-folder.js';
import {
  formatXlsformProblem,
  importXlsform,
  readXlsformWorkbook,
  sortXlsformProblems,
} from '../../formats/xlsform/index.js';
import { Problem } from '../../problems/problem.js';
import { readSource } from '../../questionnaire/source.js';
import type { Io } from '../io.js';

export interface QuestionnaireImportFlags {
  out: string;
  wave?: string;
  force?: boolean;
  json?: boolean;
}

export async function questionnaireImport(
  form: string,
  flags: QuestionnaireImportFlags,
  io: Io,
): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(form);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `could not be read (${code ?? 'error'})`;
    throw new Problem('file.unreadable', `The form ${form} ${why}.`, { file: form });
  }
  if (!flags.force && (await exists(flags.out)))
    throw new Problem('input.invalid', `${flags.out} already exists; pass --force to replace it.`, {
      file: flags.out,
    });
  const study = await studyBeside(flags.out);
  const wave = flags.wave ?? study?.wave ?? path.basename(flags.out).replace(/\.[^.]*$/, '');
  const workbook = await readXlsformWorkbook(bytes, form);
  const result = importXlsform(workbook, {
    wave,
    languages: study?.languages,
    form: path.basename(form),
    out: flags.out,
  });
  if (result.yaml !== undefined)
    await writeFile(flags.out, result.yaml, 'utf8').catch((error: NodeJS.ErrnoException) => {
      const why = error.code === 'ENOENT' ? 'its folder does not exist' : (error.code ?? 'error');
      throw new Problem('input.invalid', `${flags.out} could not be written (${why}).`, {
        file: flags.out,
      });
    });
  const problems = sortXlsformProblems(result.problems);
  const count = (kind: string): number => problems.filter((p) => p.kind === kind).length;
  const written = result.yaml !== undefined;
  if (flags.json) {
    io.out(
      JSON.stringify(
        {
          ok: written,
          written: written ? flags.out : null,
          wave,
          languages: result.languages,
          counts: result.counts,
          problems,
        },
        null,
        2,
      ),
    );
    return written ? 0 : 1;
  }
  for (const p of problems) io.out(formatXlsformProblem(form, p));
  const listed = (
    [
      [count('error'), 'error', 'errors'],
      [count('not-imported'), 'thing not imported', 'things not imported'],
      [count('note'), 'note', 'notes'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => counted(n, one, many));
  const tail = listed.length > 0 ? ` ${capital(listed.join(', '))}, listed above.` : '';
  if (written) {
    const { items, pages, lists } = result.counts;
    io.out(
      `Wrote ${flags.out} (wave ${wave}; languages ${result.languages.join(', ')}): ${counted(items, 'item')} on ${counted(pages, 'page')}, ${counted(lists, 'choice list')}.${tail}`,
    );
    return 0;
  }
  io.out(`${flags.out} not written: the questionnaire does not pass its check.${tail}`);
  return 1;
}

function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * The study file beside the output, if any: its languages, and the id of the wave whose file
 * the output is, so that the import is checked as `questionnaire check` will check it there.
 */
async function studyBeside(
  out: string,
): Promise<{ languages?: string[]; wave?: string } | undefined> {
  for (const name of studyFileNames) {
    const file = path.join(path.dirname(out), name);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    const value = readSource(file, text).value as
      { languages?: unknown; waves?: { id?: unknown; file?: unknown }[] } | undefined;
    const languages =
      Array.isArray(value?.languages) && value.languages.every((l) => typeof l === 'string')
        ? (value.languages as string[])
        : undefined;
    const entry = Array.isArray(value?.waves)
      ? value.waves.find((w) => w?.file === path.basename(out))
      : undefined;
    const wave = typeof entry?.id === 'string' ? entry.id : undefined;
    return { languages, wave };
  }
  return undefined;
}
