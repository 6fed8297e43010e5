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
import type { Database } from '../store/schema.js';

/** Before any phase; panel-only (personal links and panel codes); open to all; closed. */
export type Phase = 'not-open' | 'panel-only' | 'open' | 'closed';

export interface SurveyWave {
  study: StudyDefinition;
  wave: WaveRow;
  versionId: number;
  questionnaire: Questionnaire;
}

const compiled = new Map<number, Questionnaire>();

export function questionnaireForVersion(versionId: number, definition: unknown): Questionnaire {
  let q = compiled.get(versionId);
  if (!q) {
    q = compileQuestionnaire(definition as QuestionnaireDefinition);
    compiled.set(versionId, q);
  }
  return q;
}

export async function loadSurveyWave(
  db: Kysely<Database>,
  studyId: string,
  waveId: string,
): Promise<SurveyWave> {
  const study = await getStudy(db, studyId);
  const wave = study && (await getWave(db, studyId, waveId));
  if (!study || !wave || wave.questionnaireVersionId === null)
    throw new Problem('wave.not-found', 'There is no such survey.', { field: 'wave' });
  return loadVersion(db, study.definition as StudyDefinition, wave, wave.questionnaireVersionId);
}

/** The wave with a given questionnaire version: a response keeps the version it began on. */
export async function loadVersion(
  db: Kysely<Database>,
  study: StudyDefinition,
  wave: WaveRow,
  versionId: number,
): Promise<SurveyWave> {
  let questionnaire = compiled.get(versionId);
  if (!questionnaire) {
    const version = await getQuestionnaireVersion(db, versionId);
    if (!version) throw new Problem('wave.not-found', 'There is no such survey.');
    questionnaire = questionnaireForVersion(versionId, version.definition);
  }
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
