/**
 * Studies in the database: load a study folder (check everything, then change everything in
 * one transaction, or nothing), and summarise what is loaded.
 *
 * Questionnaire versions: a wave's questionnaire is identified by the hash of its canonical
 * JSON. An unchanged file changes nothing. A changed file replaces the current version while
 * no response refers to it, and becomes the next version once one does (the version is
 * frozen; responses keep the version they were answered on).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Problem } from '../problems/problem.js';
import { formatCheckProblem } from '../questionnaire/check-problem.js';
import type { CheckedWave } from '../questionnaire/check-study.js';
import type { QuestionnaireDefinition, StudyDefinition, Text } from '../questionnaire/schema.js';
import { variablesOf } from '../questionnaire/variables.js';
import { listChannels, removeChannelsExcept, upsertChannel } from '../store/queries/channels.js';
import {
  countResponsesForVersion,
  createQuestionnaireVersion,
  getQuestionnaireVersion,
  latestQuestionnaireVersion,
  listQuestionnaireVersions,
  replaceQuestionnaireContent,
} from '../store/queries/questionnaire-versions.js';
import { countResponsesByWave } from '../store/queries/responses.js';
import { getStudy, listStudies, upsertStudy, type StudyRow } from '../store/queries/studies.js';
import { deleteWave, listWaves, upsertWave } from '../store/queries/waves.js';
import type { Database } from '../store/schema.js';
import { forget } from './cache.js';
import { checkStudyFile, findStudyFile } from './study-folder.js';

export type VersionChange = 'new' | 'unchanged' | 'replaced' | 'new-version';

export interface LoadResult {
  study: string;
  created: boolean;
  waves: { id: string; version: number; change: VersionChange }[];
  channels: string[];
  /** Waves and channels in the database but not in the files, kept because responses use them. */
  kept: string[];
}

/** Canonical JSON (keys sorted) so that formatting and key order do not make a new version. */
export function contentHash(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

export async function loadStudyFolder(db: Kysely<Database>, dir: string): Promise<LoadResult> {
  const file = await findStudyFile(dir);
  if (typeof file !== 'string') throw new Problem('study.invalid', file.error, { file: dir });
  const checked = await checkStudyFile(file);
  if (!checked.study) {
    const lines = checked.problems.slice(0, 20).map(formatCheckProblem);
    const more = checked.problems.length > 20 ? `\n… and ${checked.problems.length - 20} more` : '';
    throw new Problem(
      'study.invalid',
      `The study in ${dir} has ${checked.problems.length} problem(s); nothing was changed:\n${lines.join('\n')}${more}`,
      { file: checked.problems[0]?.file, line: checked.problems[0]?.line },
      checked.problems,
    );
  }
  const { definition, waves } = checked.study;
  const result = await db.transaction().execute((tx) => loadChecked(tx, definition, waves));
  forget(db);
  return result;
}

async function loadChecked(
  db: Kysely<Database>,
  study: StudyDefinition,
  waves: CheckedWave[],
): Promise<LoadResult> {
  const { created } = await upsertStudy(db, {
    id: study.id,
    title: study.title,
    languages: study.languages,
    defaultLanguage: study.default_language,
    definition: study,
  });
  const result: LoadResult = { study: study.id, created, waves: [], channels: [], kept: [] };
  for (const channel of study.channels ?? []) {
    await upsertChannel(db, {
      studyId: study.id,
      code: channel.code,
      name: channel.name,
      description: channel.description ?? null,
    });
    result.channels.push(channel.code);
  }
  result.kept.push(
    ...(await removeChannelsExcept(db, study.id, result.channels)).map((c) => `channel ${c}`),
  );

  const counts = await countResponsesByWave(db, study.id);
  const position = new Map(waves.map((w, i) => [w.entry.id, i + 1]));
  for (const old of await listWaves(db, study.id)) {
    if (position.has(old.id)) continue;
    if ((counts.get(old.id) ?? 0) > 0) {
      throw new Problem(
        'study.invalid',
        `Wave '${old.id}' has ${counts.get(old.id)} response(s) and cannot be removed from the study; put it back in the study file.`,
      );
    }
    await deleteWave(db, study.id, old.id);
  }
  for (const [i, wave] of waves.entries()) {
    const { version, change } = await storeVersion(db, study.id, wave.entry.id, wave.definition);
    await upsertWave(db, {
      studyId: study.id,
      id: wave.entry.id,
      position: i + 1,
      title: wave.entry.title,
      questionnaireVersionId: version.id,
      panelOpensAt: date(wave.entry.panel_opens),
      opensAt: date(wave.entry.opens),
      closesAt: date(wave.entry.closes),
    });
    result.waves.push({ id: wave.entry.id, version: version.version, change });
  }
  return result;
}

async function storeVersion(
  db: Kysely<Database>,
  studyId: string,
  waveId: string,
  definition: QuestionnaireDefinition,
): Promise<{ version: { id: number; version: number }; change: VersionChange }> {
  const hash = contentHash(definition);
  const latest = await latestQuestionnaireVersion(db, studyId, waveId);
  if (!latest) {
    const version = await createQuestionnaireVersion(db, {
      studyId,
      waveId,
      version: 1,
      contentHash: hash,
      definition,
    });
    return { version, change: 'new' };
  }
  if (latest.contentHash === hash) return { version: latest, change: 'unchanged' };
  if ((await countResponsesForVersion(db, latest.id)) === 0) {
    await replaceQuestionnaireContent(db, latest.id, { contentHash: hash, definition });
    return { version: latest, change: 'replaced' };
  }
  const version = await createQuestionnaireVersion(db, {
    studyId,
    waveId,
    version: latest.version + 1,
    contentHash: hash,
    definition,
  });
  return { version, change: 'new-version' };
}

function date(iso: string | undefined): Date | null {
  return iso === undefined ? null : new Date(iso);
}

export interface WaveSummary {
  id: string;
  title: Text;
  version: number;
  versions: number;
  pages: number;
  variables: number;
  panelOpensAt: Date | null;
  opensAt: Date | null;
  closesAt: Date | null;
  responses: number;
}

export interface StudySummary {
  id: string;
  title: Text;
  languages: string[];
  defaultLanguage: string;
  consentVersion: number;
  waves: WaveSummary[];
  channels: { code: string; name: string }[];
  responses: number;
}

async function summarise(db: Kysely<Database>, study: StudyRow): Promise<StudySummary> {
  const counts = await countResponsesByWave(db, study.id);
  const waves: WaveSummary[] = [];
  for (const w of await listWaves(db, study.id)) {
    const current = w.questionnaireVersionId
      ? await getQuestionnaireVersion(db, w.questionnaireVersionId)
      : undefined;
    const definition = current?.definition as QuestionnaireDefinition | undefined;
    waves.push({
      id: w.id,
      title: w.title,
      version: current?.version ?? 0,
      versions: (await listQuestionnaireVersions(db, study.id, w.id)).length,
      pages: definition?.pages.length ?? 0,
      variables: definition ? variablesOf(definition).length : 0,
      panelOpensAt: w.panelOpensAt,
      opensAt: w.opensAt,
      closesAt: w.closesAt,
      responses: counts.get(w.id) ?? 0,
    });
  }
  const channels = (await listChannels(db, study.id)).map((c) => ({ code: c.code, name: c.name }));
  return {
    id: study.id,
    title: study.title,
    languages: study.languages,
    defaultLanguage: study.defaultLanguage,
    consentVersion: (study.definition as StudyDefinition).consent.version,
    waves,
    channels,
    responses: [...counts.values()].reduce((a, b) => a + b, 0),
  };
}

export async function listStudySummaries(db: Kysely<Database>): Promise<StudySummary[]> {
  const out: StudySummary[] = [];
  for (const study of await listStudies(db)) out.push(await summarise(db, study));
  return out;
}

export async function getStudySummary(db: Kysely<Database>, id: string): Promise<StudySummary> {
  const study = await getStudy(db, id);
  if (!study) {
    const known = (await listStudies(db)).map((s) => s.id);
    throw new Problem(
      'study.not-found',
      `No study '${id}'.${known.length ? ` Loaded studies: ${known.join(', ')}.` : ' No study is loaded.'}`,
      { field: 'study' },
    );
  }
  return summarise(db, study);
}

/** A study's definition by its id, or undefined when there is no such study. */
export async function studyDefinition(
  db: Kysely<Database>,
  id: string,
): Promise<StudyDefinition | undefined> {
  return (await getStudy(db, id))?.definition as StudyDefinition | undefined;
}
