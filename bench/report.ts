/**
 * Building the reference report once the data is loaded: the example study simulated (both
 * waves through the survey services, the quality rules run), its records read from the embedded
 * database, then samples, findings, figures (twice each: page and phone width) and the page
 * built from them. A study `scale` times larger is the same records repeated with new response
 * ids and pseudonyms (each copy's answers its own objects, as loading them would make).
 */
import { readFile } from 'node:fs/promises';
import type { Kept, SampleSource, WaveResponse } from '../src/analysis/samples.js';
import { combinedSample, panelSample } from '../src/analysis/samples.js';
import { runStudyQuality } from '../src/fieldwork/quality.js';
import { loadReportData, type ReportData } from '../src/fieldwork/report-data.js';
import { simulateWave } from '../src/fieldwork/simulate.js';
import { loadStudyFolder } from '../src/fieldwork/studies.js';
import { buildReport } from '../src/report/build-report.js';
import { parseReportSpec } from '../src/report/parse-spec.js';
import { secureRandomBytes } from '../src/security/tokens.js';
import { openAndMigrate } from '../src/store/database.js';

const specFile = 'examples/exile-panel/report.yaml';

export interface ReportBench {
  responses: number;
  seconds: number;
  peakMegabytes: number;
}

/** Simulates the example study into a fresh embedded database in `dir`. */
export async function simulateStudy(dir: string, n1: number, n2: number): Promise<void> {
  const store = await openAndMigrate({ dataDir: dir });
  try {
    await loadStudyFolder(store.db, 'examples/exile-panel');
    const ctx = { db: store.db, now: () => new Date(), random: secureRandomBytes };
    const w1 = await simulateWave(ctx, {
      studyId: 'exile-panel',
      waveId: 'wave-1',
      n: n1,
      seed: 2022,
      start: new Date('2022-03-21T06:00:00Z'),
    });
    await simulateWave(ctx, {
      studyId: 'exile-panel',
      waveId: 'wave-2',
      n: n2,
      seed: 2022,
      returning: w1.panel,
      start: new Date('2022-08-23T06:00:00Z'),
      days: 33,
    });
    const rules = await readFile('examples/exile-panel/quality.yaml', 'utf8');
    await runStudyQuality(store.db, 'exile-panel', rules, 'quality.yaml');
  } finally {
    await store.close();
  }
}

/** The study's records as the report command reads them. */
export async function loadStudy(dir: string): Promise<ReportData> {
  const store = await openAndMigrate({ dataDir: dir });
  try {
    return await loadReportData(store.db, 'exile-panel');
  } finally {
    await store.close();
  }
}

/** The records repeated `scale` times, each copy with its own ids and answer objects. */
export function scaled(data: ReportData, scale: number): { source: SampleSource; kept: Kept } {
  const test =
    typeof data.kept === 'function'
      ? data.kept
      : (id: string) => (data.kept as Set<string>).has(id);
  const responses: WaveResponse[] = [];
  const kept = new Set<string>();
  for (let k = 0; k < scale; k++)
    for (const r of data.source.responses) {
      const id = `${r.responseId}#${k}`;
      responses.push({
        responseId: id,
        pseudonym: r.pseudonym === null ? null : `${r.pseudonym}#${k}`,
        waveId: r.waveId,
        answers: structuredClone(r.answers),
      });
      if (test(r.responseId)) kept.add(id);
    }
  return { source: { ...data.source, responses }, kept };
}

/** Samples, findings, figures and the page, in English, timed; peak memory of the process. */
export async function reportBench(data: ReportData, scale: number): Promise<ReportBench> {
  const parsed = parseReportSpec(await readFile(specFile, 'utf8'), specFile);
  if (!parsed.spec) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  const { source, kept } =
    scale === 1 ? { source: data.source, kept: data.kept } : scaled(data, scale);
  const started = performance.now();
  await buildReport({
    spec: parsed.spec,
    source: parsed.source,
    language: 'en',
    waves: source.waves,
    panel: panelSample(source, kept),
    combined: combinedSample(source, kept),
    flows: data.flows,
    timeline: data.timeline,
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    responses: source.responses.length,
    seconds,
    peakMegabytes: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

// As its own process (`tsx bench/report.ts DIR SCALE`), so that its peak memory is its own.
if (process.argv[1]?.endsWith('report.ts') && process.argv.length === 4) {
  const [dir, scale] = process.argv.slice(2) as [string, string];
  const data = await loadStudy(dir);
  console.log(JSON.stringify(await reportBench(data, Number(scale))));
}
