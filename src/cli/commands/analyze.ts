/**
 * `longitude analyze --data FILE.csv --spec SPEC.yaml [--json]`: analyses on any CSV, with no
 * study or database (see docs/analysis.md).
 */
import { readFile } from 'node:fs/promises';
import { analyse } from '../../analysis/run-analyses.js';
import { specSchema } from '../../analysis/spec.js';
import { readCsv } from '../../formats/csv-read.js';
import { Problem } from '../../problems/problem.js';
import { formatCheckProblem } from '../../questionnaire/check-problem.js';
import { readSource } from '../../questionnaire/source.js';
import { describeIssues } from '../../questionnaire/structure.js';
import type { Io } from '../io.js';

async function text(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new Problem('file.unreadable', `The ${what} file ${file} could not be read.`, { file });
  }
}

export async function analyze(
  flags: { data: string; spec: string; json?: boolean },
  io: Io,
): Promise<number> {
  const source = readSource(flags.spec, await text(flags.spec, 'spec'));
  if (source.syntax.length > 0) {
    for (const p of source.syntax) io.err(formatCheckProblem(p));
    return 1;
  }
  const parsed = specSchema.safeParse(source.value);
  if (!parsed.success) {
    for (const p of describeIssues(source, parsed.error.issues, [])) io.err(formatCheckProblem(p));
    return 1;
  }
  const data = readCsv(await text(flags.data, 'data'), flags.data);
  const { weighting, results } = analyse(data, parsed.data);
  if (flags.json) {
    io.out(JSON.stringify({ data: flags.data, n: data.n, weighting, results }, null, 2));
    return 0;
  }
  const f = (v: number | null | undefined) =>
    v === null || v === undefined ? '' : Number(v.toPrecision(6)).toString();
  if (weighting) {
    const how =
      weighting.method === 'rake'
        ? weighting.converged
          ? `raked, converged after ${weighting.passes} passes`
          : `raked, NOT converged after ${weighting.passes} passes (raise maxit or check the margins)`
        : 'from a column';
    io.out(
      `weights: ${how}; design effect ${f(weighting.deff)}, effective n ${f(weighting.effective_n)}`,
    );
  }
  for (const [id, r] of Object.entries(results)) {
    io.out(`${id} (${r.kind}, sample ${r.sample}, n = ${r.n}${r.weighted ? ', weighted' : ''})`);
    for (const e of r.estimates)
      io.out(
        `  ${e.label}: ${f(e.estimate)}${e.se !== null ? ` (se ${f(e.se)})` : ''}${e.ci_low !== null ? ` [${f(e.ci_low)}, ${f(e.ci_high)}]` : ''} n = ${e.n}`,
      );
    for (const t of r.tests)
      io.out(
        `  ${t.name}: statistic ${f(t.statistic)}${t.ndf !== undefined ? `, ndf ${f(t.ndf)}, ddf ${f(t.ddf)}` : t.df !== null ? `, df ${f(t.df)}` : ''}, p = ${t.p_value.toPrecision(3)} (${t.method})`,
      );
  }
  return 0;
}
