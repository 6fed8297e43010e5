/**
 * The first run: the example study with both waves simulated (about 1,700 and 2,200 complete
 * respondents and the panel between them, through the survey services on a simulated clock),
 * the quality rules run, the reference report built; then the survey links, the report's path
 * and the fieldwork status. A database that already holds the example's responses is reused.
 * `longitude demo --out DIR` does it without serving; `longitude serve --example` (npm start)
 * does it after the server is listening, unless LONGITUDE_EMPTY=1 or --empty.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fieldworkStatus } from '../../fieldwork/dispositions.js';
import { runStudyQuality } from '../../fieldwork/quality.js';
import { simulateWave } from '../../fieldwork/simulate.js';
import { loadStudyFolder, listStudySummaries } from '../../fieldwork/studies.js';
import { loadSurveyWave } from '../../fieldwork/survey-wave.js';
import { Problem } from '../../problems/problem.js';
import { parseReportSpec } from '../../report/parse-spec.js';
import { secureRandomBytes } from '../../security/tokens.js';
import type { Store } from '../../store/database.js';
import { withStore } from '../database.js';
import type { Io } from '../io.js';
import type { DatabaseFlags } from '../main.js';
import { printFieldworkStatus } from './fieldwork-status.js';
import { studyReport } from './report.js';
import { exampleStudyDir } from '../example.js';

const study = 'exile-panel';
const seed = 20220324;

export interface DemoOptions {
  /** Responses to start in each wave (returning panelists included). */
  n1: number;
  n2: number;
  /** Where the report goes. */
  out: string;
  /** The survey's address, for the links. */
  publicUrl: string;
  /** Stops between simulated respondents (the server is stopping). */
  signal?: AbortSignal;
}

/** Loads, simulates and checks the example where needed, builds the report and says where. */
export async function runDemo(store: Store, o: DemoOptions, io: Io): Promise<number> {
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  if (!(await listStudySummaries(store.db)).some((s) => s.id === study)) {
    await loadStudyFolder(store.db, exampleStudyDir);
    io.out(`Loaded the example study '${study}'.`);
  }
  const existing = await store.db
    .selectFrom('responses')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('study_id', '=', study)
    .executeTakeFirstOrThrow();
  if (Number(existing.n) === 0) {
    io.out(
      `Simulating the example study: ${o.n1} respondents in wave 1 and ${o.n2} in wave 2, page by page (about two minutes)…`,
    );
    const ctx = { db: store.db, now: () => new Date(), random: secureRandomBytes };
    const w1 = await simulateWave(ctx, {
      studyId: study,
      waveId: 'wave-1',
      n: o.n1,
      seed,
      start: new Date('2022-03-21T06:00:00Z'),
      ...(o.signal ? { signal: o.signal } : {}),
    });
    const w2 = await simulateWave(ctx, {
      studyId: study,
      waveId: 'wave-2',
      n: o.n2,
      seed,
      returning: w1.panel,
      start: new Date('2022-08-23T06:00:00Z'),
      days: 33,
      ...(o.signal ? { signal: o.signal } : {}),
    });
    io.out(
      `Simulated ${w1.counts.complete} complete responses in wave 1 and ${w2.counts.complete} in wave 2 (${w2.counts.returningComplete} of them panelists) in ${seconds()}.`,
    );
    const rules = path.join(exampleStudyDir, 'quality.yaml');
    const run = await runStudyQuality(store.db, study, await readFile(rules, 'utf8'), rules);
    io.out(
      `Checked ${run.responses} responses with the example's quality rules: ${run.flagged} flagged.`,
    );
  } else io.out(`The example study has ${existing.n} responses already: using them.`);

  const specFile = path.join(exampleStudyDir, 'report.yaml');
  const parsed = parseReportSpec(await readFile(specFile, 'utf8'), specFile);
  if (!parsed.spec)
    throw new Problem('study.invalid', `${specFile}: the example's report spec has problems.`);
  const made = await studyReport(
    store,
    study,
    { spec: parsed.spec, source: parsed.source },
    'en',
    o.out,
    io,
  );
  if (!made) return 1;

  io.out('');
  io.out('Survey links (open link per channel):');
  for (const wave of ['wave-1', 'wave-2']) {
    const sw = await loadSurveyWave(store.db, study, wave);
    const base = `${o.publicUrl.replace(/\/$/, '')}/s/${study}/${wave}`;
    io.out(`  ${wave}: ${base}`);
    for (const c of sw.study.channels ?? []) io.out(`    ${c.code}: ${base}/c/${c.code}`);
  }
  io.out('');
  io.out(
    `Report: ${path.resolve(o.out, 'index.html')} (${made.report.figures.length} figures; longitude report --lang ru for Russian)`,
  );
  io.out('');
  printFieldworkStatus(await fieldworkStatus({ db: store.db, now: () => new Date() }, study), io);
  io.out('');
  io.out(`Ready in ${seconds()}.`);
  return 0;
}

export async function demo(flags: DatabaseFlags & { out: string }, io: Io): Promise<number> {
  return withStore(flags, io, (store, config) =>
    runDemo(store, { ...config.demoSizes, out: flags.out, publicUrl: config.publicUrl }, io),
  );
}
