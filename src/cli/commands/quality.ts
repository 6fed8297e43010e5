/**
 * `longitude quality run | report | decide`: check every response against a study's quality
 * rules, print each wave's exclusion flow, and record a researcher's decision to keep or drop
 * a response. Flags explain; nothing is deleted.
 */
import { readFile } from 'node:fs/promises';
import {
  attritionCheck,
  formatAttrition,
  type AttritionVariable,
} from '../../analysis/attrition.js';
import { formatFlow } from '../../analysis/quality/index.js';
import { attritionSample, waveVariables } from '../../analysis/samples.js';
import { loadWaveResponses } from '../../fieldwork/samples.js';
import { keptResponses } from '../../fieldwork/report-data.js';
import { decide, qualityReport, runStudyQuality, type WaveFlow } from '../../fieldwork/quality.js';
import { Problem } from '../../problems/problem.js';
import { withStore } from '../database.js';
import type { Io } from '../io.js';
import type { DatabaseFlags } from '../main.js';

function printFlows(io: Io, flows: WaveFlow[]): void {
  for (const f of flows) {
    io.out(`Wave ${f.waveId}: ${f.kept.length} kept`);
    io.out(formatFlow(f));
    for (const i of f.informative)
      io.out(
        `Informative, not excluding: ${i.rule}${i.threshold === null ? '' : ` at ${i.threshold}`}: ${i.responses} responses.`,
      );
    io.out('');
  }
}

export async function qualityRun(
  flags: DatabaseFlags & { study: string; rules?: string; wave?: string; json?: boolean },
  io: Io,
): Promise<number> {
  let given: { text: string; file: string } | undefined;
  if (flags.rules !== undefined) {
    try {
      given = { text: await readFile(flags.rules, 'utf8'), file: flags.rules };
    } catch (error) {
      throw new Problem(
        'input.invalid',
        `${flags.rules}: cannot read the rules file (${(error as Error).message}).`,
        { file: flags.rules },
      );
    }
  }
  return withStore(flags, io, async (store) => {
    let rules = given;
    if (!rules) {
      const stored = await store.db
        .selectFrom('quality_rules')
        .select(['text', 'file'])
        .where('study_id', '=', flags.study)
        .executeTakeFirst();
      if (!stored)
        throw new Problem(
          'input.invalid',
          `Study '${flags.study}' has not been checked before: give its rules with --rules quality.yaml.`,
          { field: 'rules' },
        );
      rules = stored;
    }
    const run = await runStudyQuality(store.db, flags.study, rules.text, rules.file);
    const flows = await qualityReport(store.db, flags.study, flags.wave);
    if (flags.json) {
      io.out(JSON.stringify({ run, flows }, null, 2));
      return 0;
    }
    io.out(
      `Checked ${run.responses} responses with ${rules.file}: ${run.flagged} flagged; ${run.added} flags added, ${run.removed} removed.`,
    );
    io.out('');
    printFlows(io, flows);
    return 0;
  });
}

export async function qualityReportCommand(
  flags: DatabaseFlags & { study: string; wave?: string; json?: boolean },
  io: Io,
): Promise<number> {
  return withStore(flags, io, async (store) => {
    const flows = await qualityReport(store.db, flags.study, flags.wave);
    if (flags.json) io.out(JSON.stringify({ flows }, null, 2));
    else printFlows(io, flows);
    return 0;
  });
}

export async function qualityDecide(
  flags: DatabaseFlags & {
    study: string;
    response: string;
    keep?: boolean;
    drop?: boolean;
    note: string;
    by?: string;
  },
  io: Io,
): Promise<number> {
  if (Boolean(flags.keep) === Boolean(flags.drop))
    throw new Problem('input.invalid', 'Say --keep or --drop (one of them).', {
      field: 'keep',
    });
  const by = flags.by ?? io.env.USER ?? io.env.LOGNAME;
  if (!by) throw new Problem('input.invalid', 'Say who decides with --by NAME.', { field: 'by' });
  return withStore(flags, io, async (store) => {
    const decision = flags.keep ? 'keep' : 'drop';
    await decide(store.db, flags.study, flags.response, { decision, note: flags.note, by });
    io.out(`Response ${flags.response}: ${decision} (by ${by}: ${flags.note}).`);
    return 0;
  });
}

const kinds = ['categorical', 'numeric', 'scale'] as const;

/** `gender:categorical,birth_year:numeric,income:scale` as attrition variables. */
function attritionVariables(text: string): AttritionVariable[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [name, kind = 'categorical'] = part.split(':');
      if (!name || !(kinds as readonly string[]).includes(kind))
        throw new Problem(
          'input.invalid',
          `--variables: '${part}' must be NAME or NAME:KIND with KIND one of ${kinds.join(', ')}.`,
          { field: 'variables' },
        );
      return { name, kind: kind as AttritionVariable['kind'] };
    });
}

/**
 * `longitude quality attrition`: wave-1 answers of panelists invited to the next wave, those
 * who responded against those who did not, among responses the quality rules kept.
 */
export async function qualityAttrition(
  flags: DatabaseFlags & {
    study: string;
    variables: string;
    from?: string;
    to?: string;
    json?: boolean;
  },
  io: Io,
): Promise<number> {
  const variables = attritionVariables(flags.variables);
  if (variables.length === 0)
    throw new Problem('input.invalid', '--variables names no variable.', { field: 'variables' });
  return withStore(flags, io, async (store) => {
    const source = await loadWaveResponses(store.db, flags.study);
    for (const v of variables)
      if (!waveVariables(source, flags.from ?? source.waves[0]!).includes(v.name))
        throw new Problem(
          'input.invalid',
          `--variables: wave '${flags.from ?? source.waves[0]}' has no variable '${v.name}'.`,
          { field: 'variables' },
        );
    // Unchecked, every complete response counts; checked, the ones the flow keeps.
    const { checked, kept } = await keptResponses(store.db, flags.study);
    const data = attritionSample(source, kept, flags.from, flags.to);
    const rows = attritionCheck(data, variables);
    if (flags.json) io.out(JSON.stringify({ checked, rows }, null, 2));
    else {
      if (!checked)
        io.out(
          `Study '${flags.study}' has not been checked for quality: every complete response counts.`,
        );
      io.out(formatAttrition(rows));
    }
    return 0;
  });
}
