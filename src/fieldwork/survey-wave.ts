/**
 * A wave as respondents meet it: the study's texts, the current questionnaire (compiled once
 * per version and kept), and the phase the wave is in at a given moment.
 */
import type { Kysely } from 'kysely';
import { Problem } from '../problems/problem.js';
import { compileQuestionnaire, type Questionnaire } from '../questionnaire/compile.js';
import type { QuestionnaireDefinition, StudyDefinition } from '../questionnaire/schema.js';
import { getQuestionnaireVersion } from '../store/queries/questionnaire-versions.js';
import { getStudy } from '../store/queries/studies.js';
import { getWave, type WaveRow } from '../store/queries/waves.js';
import { cached } from './cache.js';
import type { Database } from '../store/schema.js';

/** Before any phase; panel-only (personal links and panel codes); open to all; closed. */
export type Phase = 'not-open' | 'panel-only' | 'open' | 'closed';

export interface SurveyWave {
  study: StudyDefinition;
  wave: WaveRow;
  versionId: number;
  questionnaire: Questionnaire;
}

/** Compiled questionnaires by content hash: the same content compiles to the same thing. */
const compiled = new Map<string, Questionnaire>();

function compiledFor(hash: string, definition: unknown): Questionnaire {
  let q = compiled.get(hash);
  if (!q) {
    q = compileQuestionnaire(definition as QuestionnaireDefinition);
    compiled.set(hash, q);
  }
  return q;
}

export async function loadSurveyWave(
  db: Kysely<Database>,
  studyId: string,
  waveId: string,
): Promise<SurveyWave> {
  const found = await studyAndWave(db, studyId, waveId, Date.now());
  if (!found || found.wave.questionnaireVersionId === null)
    throw new Problem('wave.not-found', 'There is no such survey.', { field: 'wave' });
  return loadVersion(db, found.study, found.wave, found.wave.questionnaireVersionId);
}

/** The study's definition and the wave, cached for a moment. */
export function studyAndWave(
  db: Kysely<Database>,
  studyId: string,
  waveId: string,
  now: number,
): Promise<{ study: StudyDefinition; wave: WaveRow } | undefined> {
  return cached(db, `wave:${studyId}:${waveId}`, now, async () => {
    const study = await getStudy(db, studyId);
    const wave = study && (await getWave(db, studyId, waveId));
    return study && wave ? { study: study.definition as StudyDefinition, wave } : undefined;
  });
}

/** The wave with a given questionnaire version: a response keeps the version it began on. */
export async function loadVersion(
  db: Kysely<Database>,
  study: StudyDefinition,
  wave: WaveRow,
  versionId: number,
): Promise<SurveyWave> {
  const questionnaire = await cached(db, `version:${versionId}`, Date.now(), async () => {
    const version = await getQuestionnaireVersion(db, versionId);
    if (!version) throw new Problem('wave.not-found', 'There is no such survey.');
    return compiledFor(version.contentHash, version.definition);
  });
  return { study, wave, versionId, questionnaire };
}

export function phaseAt(wave: WaveRow, now: Date): Phase {
  const t = now.getTime();
  if (wave.closesAt && t >= wave.closesAt.getTime()) return 'closed';
  const opens = wave.opensAt?.getTime();
  const panel = wave.panelOpensAt?.getTime();
  if (opens === undefined && panel === undefined) return 'open';
  if (opens !== undefined && t >= opens) return 'open';
  if (panel !== undefined && t >= panel) return 'panel-only';
  return 'not-open';
}
