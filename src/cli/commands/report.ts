/**
 * `longitude report --study S --spec FILE --out DIR [--lang ru|en] [--pdf]`: builds the report
 * from the study's data as the quality rules left it, and writes `index.html` (one page, figures
 * inline), `figures/*.svg` and `*.png`, `data/*.csv` (the numbers behind each figure) and
 * `results.json` (every computed value). With --pdf, also `report.pdf` through Chromium.
 */
import { execFile } from 'node:child_process';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { combinedSample, panelSample } from '../../analysis/samples.js';
import { loadReportData } from '../../fieldwork/report-data.js';
import { csvLine } from '../../formats/csv-write.js';
import { Problem } from '../../problems/problem.js';
import { formatCheckProblem, sortProblems } from '../../questionnaire/check-problem.js';
import { buildReport, ReportProblems, type BuiltReport } from '../../report/build-report.js';
import { renderPng } from '../../report/figures/index.js';
import { checkVariables, parseReportSpec } from '../../report/parse-spec.js';
import type { Row } from '../../report/figure-inputs.js';
import type { ReportSpec } from '../../report/spec.js';
import type { Source } from '../../questionnaire/source.js';
import type { Store } from '../../store/database.js';
import { withStore } from '../database.js';
import type { Io } from '../io.js';
import type { DatabaseFlags } from '../main.js';

export interface ReportFlags extends DatabaseFlags {
  study: string;
  spec: string;
  out: string;
  lang?: string;
  pdf?: boolean;
  json?: boolean;
}

const chromium = '/usr/bin/chromium';

function csv(rows: Row[]): string {
  if (rows.length === 0) return '';
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [
    csvLine(names),
    ...rows.map((r) =>
      csvLine(names.map((n) => (r[n] === null || r[n] === undefined ? null : String(r[n])))),
    ),
  ].join('');
}

/** Writes the report's files into `dir`; returns their paths, relative to it. */
export async function writeReport(report: BuiltReport, dir: string): Promise<string[]> {
  await mkdir(path.join(dir, 'figures'), { recursive: true });
  await mkdir(path.join(dir, 'data'), { recursive: true });
  const written: string[] = [];
  const put = async (name: string, content: string | Buffer) => {
    await writeFile(path.join(dir, name), content);
    written.push(name);
  };
  await put('index.html', report.html);
  for (const f of report.figures) {
    const stem = `${String(f.number).padStart(2, '0')}-${f.id}`;
    await put(`figures/${stem}.svg`, f.svg);
    await put(`figures/${stem}.png`, renderPng(f.svg, { scale: 2 }));
    await put(`data/${stem}.csv`, csv(f.rows));
  }
  await put('results.json', `${JSON.stringify(report.results, null, 2)}\n`);
  return written;
}

export async function report(flags: ReportFlags, io: Io): Promise<number> {
  let text: string;
  try {
    text = await readFile(flags.spec, 'utf8');
  } catch (error) {
    throw new Problem(
      'input.invalid',
      `${flags.spec}: cannot read the report spec (${(error as Error).message}).`,
      {
        file: flags.spec,
      },
    );
  }
  const parsed = parseReportSpec(text, flags.spec);
  if (!parsed.spec) {
    for (const p of sortProblems(parsed.problems)) io.err(formatCheckProblem(p));
    return 1;
  }
  const spec = parsed.spec;
  const language = flags.lang ?? spec.languages[0]!;
  if (!spec.languages.includes(language as 'en'))
    throw new Problem(
      'input.invalid',
      `--lang must be one of the report's languages (${spec.languages.join(', ')}), not '${language}'.`,
      { field: 'lang' },
    );
  return withStore(flags, io, async (store) => {
    const started = Date.now();
    const made = await studyReport(
      store,
      flags.study,
      { spec, source: parsed.source },
      language as 'en' | 'ru',
      flags.out,
      io,
    );
    if (!made) return 1;
    let pdf: string | undefined;
    if (flags.pdf) pdf = await printPdf(flags.out, io);
    const seconds = (Date.now() - started) / 1000;
    if (flags.json) {
      io.out(
        JSON.stringify(
          {
            study: flags.study,
            out: flags.out,
            language,
            figures: made.report.figures.length,
            files: made.files,
            pdf: pdf ?? null,
            seconds,
          },
          null,
          2,
        ),
      );
      return 0;
    }
    if (!made.checked)
      io.out(
        `Study '${flags.study}' has not been checked for quality: every complete response counts.`,
      );
    io.out(
      `Wrote the report of '${flags.study}' (${language}) to ${path.join(flags.out, 'index.html')}: ${made.report.figures.length} figures, ${Object.keys(made.report.results.findings).length} findings, ${made.files.length} files, in ${seconds.toFixed(1)} s.`,
    );
    if (pdf) io.out(`PDF: ${pdf}`);
    return 0;
  });
}

/**
 * Builds a study's report from its data and writes its files into `out`; problems go to the
 * error output and give undefined.
 */
export async function studyReport(
  store: Store,
  study: string,
  parsed: { spec: ReportSpec; source: Source },
  language: 'en' | 'ru',
  out: string,
  io: Io,
): Promise<{ report: BuiltReport; files: string[]; checked: boolean } | undefined> {
  const { spec } = parsed;
  const data = await loadReportData(store.db, study);
  const studyWaves = data.source.waves;
  const waves = spec.waves ?? ([studyWaves[0]!, studyWaves.at(-1)!] as const);
  const problems = checkVariables(parsed, data.source.variables ?? new Map(), waves);
  if (problems.length > 0) {
    for (const p of sortProblems(problems)) io.err(formatCheckProblem(p));
    return undefined;
  }
  let built: BuiltReport;
  try {
    built = await buildReport({
      spec,
      source: parsed.source,
      language,
      waves: studyWaves,
      panel: panelSample(data.source, data.kept, [waves[0], waves[1]]),
      combined: combinedSample(data.source, data.kept, waves[1]),
      flows: data.flows,
      timeline: data.timeline,
    });
  } catch (error) {
    if (!(error instanceof ReportProblems)) throw error;
    for (const p of sortProblems(error.problems)) io.err(formatCheckProblem(p));
    return undefined;
  }
  const files = await writeReport(built, out);
  return { report: built, files, checked: data.checked };
}

/** Prints index.html to report.pdf with Chromium, when it is installed. */
async function printPdf(dir: string, io: Io): Promise<string | undefined> {
  try {
    await access(chromium);
  } catch {
    io.err(
      `No PDF: Chromium is not installed at ${chromium}; the HTML report prints from any browser.`,
    );
    return undefined;
  }
  const out = path.resolve(dir, 'report.pdf');
  await promisify(execFile)(chromium, [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-pdf-header-footer',
    `--print-to-pdf=${out}`,
    `file://${path.resolve(dir, 'index.html')}`,
  ]);
  return out;
}
