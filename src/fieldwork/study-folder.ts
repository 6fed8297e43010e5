/**
 * Reads a study from its folder (the study file plus one questionnaire per wave) and checks
 * it as a whole. Reading files is the only impure step; checking is the questionnaire room's.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CheckProblem } from '../questionnaire/check-problem.js';
import { checkQuestionnaire } from '../questionnaire/check.js';
import { checkStudy, type StudyCheck } from '../questionnaire/check-study.js';
import { readSource, type Source } from '../questionnaire/source.js';

export const studyFileNames = ['study.yaml', 'study.yml', 'study.json'];

export interface StudyFolderCheck extends StudyCheck {
  /** The text of each file read, by path relative to the study file's folder. */
  texts: Map<string, string>;
  studyFile: string;
}

async function readText(file: string): Promise<string | { error: string }> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: `File ${file} does not exist.` };
    if (code === 'EISDIR') return { error: `${file} is a folder, not a file.` };
    return { error: `File ${file} could not be read (${code ?? 'unknown error'}).` };
  }
}

/** The study file of a folder, or the path itself when it is a file. */
export async function findStudyFile(target: string): Promise<string | { error: string }> {
  let info;
  try {
    info = await stat(target);
  } catch {
    return { error: `${target} does not exist.` };
  }
  if (!info.isDirectory()) return target;
  for (const name of studyFileNames) {
    const candidate = path.join(target, name);
    if (
      await stat(candidate).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  return { error: `${target} has no study file (${studyFileNames.join(', ')}).` };
}

export async function checkStudyFile(studyFile: string): Promise<StudyFolderCheck> {
  const texts = new Map<string, string>();
  const dir = path.dirname(studyFile);
  const studyText = await readText(studyFile);
  if (typeof studyText !== 'string')
    return { studyFile, texts, problems: [fileProblem(studyFile, studyText.error)] };
  texts.set(path.basename(studyFile), studyText);
  const study = readSource(studyFile, studyText);
  // Wave files are read up front: checking is pure and synchronous.
  const waves = new Map<string, Source | string>();
  const entries = (study.value as { waves?: { file?: unknown }[] } | undefined)?.waves;
  for (const entry of Array.isArray(entries) ? entries : []) {
    const file = entry?.file;
    if (typeof file !== 'string' || waves.has(file)) continue;
    if (path.isAbsolute(file) || file.split(/[\\/]/).includes('..')) {
      waves.set(file, `Wave file '${file}' must be inside the study folder.`);
      continue;
    }
    const full = path.join(dir, file);
    const text = await readText(full);
    if (typeof text === 'string') {
      texts.set(file, text);
      waves.set(file, readSource(full, text));
    } else waves.set(file, text.error);
  }
  const result = checkStudy(
    study,
    (file) => waves.get(file) ?? `Wave file '${file}' was not read.`,
  );
  return { ...result, texts, studyFile };
}

/**
 * Checks one questionnaire file on its own. Its languages come from the study file beside
 * it when there is one, or else from the first text in the file.
 */
export async function checkQuestionnaireFile(file: string): Promise<CheckProblem[]> {
  const text = await readText(file);
  if (typeof text !== 'string') return [fileProblem(file, text.error)];
  const source = readSource(file, text);
  if (source.syntax.length > 0) return source.syntax;
  const languages = (await studyLanguagesBeside(file)) ?? firstTextLanguages(source.value);
  return checkQuestionnaire(source, languages).problems;
}

async function studyLanguagesBeside(file: string): Promise<string[] | undefined> {
  for (const name of studyFileNames) {
    const text = await readText(path.join(path.dirname(file), name));
    if (typeof text !== 'string') continue;
    const languages = (readSource(name, text).value as { languages?: unknown } | undefined)
      ?.languages;
    if (Array.isArray(languages) && languages.every((l) => typeof l === 'string'))
      return languages as string[];
  }
  return undefined;
}

function firstTextLanguages(value: unknown): string[] {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.shift();
    if (typeof v !== 'object' || v === null) continue;
    const label = (v as { label?: unknown }).label;
    if (typeof label === 'object' && label !== null && !Array.isArray(label))
      return Object.keys(label);
    stack.push(...Object.values(v));
  }
  return ['en'];
}

/** Is this the study file (it lists waves) rather than a questionnaire? */
export function looksLikeStudyFile(text: string, file: string): boolean {
  const value = readSource(file, text).value as { waves?: unknown } | undefined;
  return Array.isArray(value?.waves);
}

export async function isStudyFile(file: string): Promise<boolean> {
  const text = await readText(file);
  return typeof text === 'string' && looksLikeStudyFile(text, file);
}

function fileProblem(file: string, message: string): CheckProblem {
  return { file, line: 1, column: 1, code: 'file', message };
}
