// The reference report built from a fixed simulated study (both waves, the quality rules run):
// every figure present, each SVG well-formed with the marks its data asks for, every templated
// number the one in results.json, no placeholder left, in English and in Russian; and the
// command's files on disk.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combinedSample, panelSample } from '../../src/analysis/samples.js';
import { runStudyQuality } from '../../src/fieldwork/quality.js';
import { loadReportData } from '../../src/fieldwork/report-data.js';
import { simulateWave } from '../../src/fieldwork/simulate.js';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { buildReport, type BuiltReport } from '../../src/report/build-report.js';
import { expectMarks, parseSvg } from '../../src/report/figures/svg.test-helper.js';
import { parseReportSpec } from '../../src/report/parse-spec.js';
import { placeholders, renderPlaceholder } from '../../src/report/template.js';
import { secureRandomBytes } from '../../src/security/tokens.js';
import { openAndMigrate, type Store } from '../../src/store/database.js';
import { cli } from '../support/cli.js';

const specFile = 'examples/exile-panel/report.yaml';
/** The reference report's 19 figures, in its order, then the two fieldwork figures. */
const reference = [
  'income',
  'employment',
  'trust',
  'civic',
  'political',
  'outlook',
  'interest_ru',
  'interest_local',
  'attach_russia',
  'talk_relatives',
  'discuss_politics',
  'attach_host',
  'stay',
  'depressed',
  'sad',
  'happy',
  'satisfaction',
  'reasons',
  'returnee_income',
];

let dir: string;
let store: Store;
const built: Record<string, BuiltReport> = {};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'longitude-report-'));
  store = await openAndMigrate({ dataDir: path.join(dir, 'data') });
  await loadStudyFolder(store.db, 'examples/exile-panel');
  const ctx = { db: store.db, now: () => new Date(), random: secureRandomBytes };
  const w1 = await simulateWave(ctx, {
    studyId: 'exile-panel',
    waveId: 'wave-1',
    n: 450,
    seed: 11,
    start: new Date('2022-03-21T06:00:00Z'),
  });
  await simulateWave(ctx, {
    studyId: 'exile-panel',
    waveId: 'wave-2',
    n: 600,
    seed: 11,
    returning: w1.panel,
    start: new Date('2022-08-23T06:00:00Z'),
    days: 33,
  });
  await runStudyQuality(
    store.db,
    'exile-panel',
    await readFile('examples/exile-panel/quality.yaml', 'utf8'),
    'quality.yaml',
  );
  const parsed = parseReportSpec(await readFile(specFile, 'utf8'), specFile);
  expect(parsed.problems).toEqual([]);
  const data = await loadReportData(store.db, 'exile-panel');
  for (const language of ['en', 'ru'] as const)
    built[language] = await buildReport({
      spec: parsed.spec!,
      source: parsed.source,
      language,
      waves: data.source.waves,
      panel: panelSample(data.source, data.kept),
      combined: combinedSample(data.source, data.kept),
      flows: data.flows,
      timeline: data.timeline,
    });
  // The commands below open the folder themselves: one process owns it at a time.
  await store.close();
}, 300_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(['en', 'ru'] as const)('the reference report in %s', (language) => {
  it('has the 19 figures of the reference report and the two of fieldwork, numbered in order', () => {
    const report = built[language]!;
    const ids = report.figures.map((f) => f.id);
    for (const id of reference) expect(ids).toContain(id);
    expect(ids.filter((id) => reference.includes(id))).toEqual(reference);
    expect(ids).toEqual(expect.arrayContaining(['exclusions', 'fieldwork']));
    expect(report.figures.map((f) => f.number)).toEqual(report.figures.map((_, i) => i + 1));
  });

  it('draws each figure as well-formed SVG with the marks its data asks for', () => {
    for (const f of built[language]!.figures) {
      expect(f.svg.length, f.id).toBeGreaterThan(1000);
      parseSvg(f.svg);
      expect(
        Object.values(f.drawing.marks).some((n) => n > 0),
        f.id,
      ).toBe(true);
      expectMarks(f.svg, f.drawing.marks);
      // The phone's drawing of the same data.
      parseSvg(f.svgNarrow);
      expectMarks(f.svgNarrow, f.drawingNarrow.marks);
      // Drawn for a phone (340 px; a stroke may add a pixel, which the page's CSS scales away).
      expect(Number(/width="(\d+)"/.exec(f.svgNarrow)![1]), f.id).toBeLessThanOrEqual(342);
      expect(f.rows.length, f.id).toBeGreaterThan(0);
      // Self-contained: nothing fetched when the page shows it.
      expect(f.svg).not.toMatch(/(href|src)="(https?:|\/\/)/);
    }
  });

  it('writes every templated number as results.json has it, and leaves no placeholder', async () => {
    const report = built[language]!;
    const spec = parseReportSpec(await readFile(specFile, 'utf8'), specFile).spec!;
    const results = JSON.parse(JSON.stringify(report.results)) as typeof report.results;
    let cited = 0;
    for (const section of spec.sections) {
      const text = section.text?.[language] ?? '';
      for (const p of placeholders(text)) {
        const written = renderPlaceholder(p, results.findings, language);
        // As Markdown writes text into HTML.
        const escaped = written.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
        expect(report.html.includes(escaped), `${p.source} written as '${escaped}'`).toBe(true);
        cited++;
      }
    }
    expect(cited).toBeGreaterThan(60);
    // No placeholder left in the text (styles and drawings aside, which use braces of their own).
    const text = report.html.replace(/<style>.*?<\/style>/s, '').replace(/<svg.*?<\/svg>/gs, '');
    expect(/\{\{|\}\}/.test(text), 'a {{ or }} left in the text').toBe(false);
    expect(report.html.startsWith(`<!doctype html>\n<html lang="${language}">`)).toBe(true);
    expect(report.html.includes(language === 'ru' ? 'Рисунок 1.' : 'Figure 1.')).toBe(true);
  });

  it('states the test, n and p under the figures that compare', () => {
    const html = built[language]!.html;
    expect(html).toMatch(
      language === 'en' ? /McNemar&#39;s test \(paired answers\): / : /Критерий Макнемара/,
    );
    const p = built[language]!.results.findings.trust_general!.test!.p;
    expect(p).toBeGreaterThan(0);
  });
});

describe('longitude report', () => {
  it('writes index.html, SVG and PNG per figure, the data behind each and results.json', async () => {
    const out = path.join(dir, 'out');
    const r = await cli(
      ['report', '--study', 'exile-panel', '--spec', specFile, '--out', out, '--lang', 'ru'],
      { LONGITUDE_DATA: path.join(dir, 'data') },
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\(ru\) to .*index\.html: 21 figures, \d+ findings, 65 files/);
    const figures = await readdir(path.join(out, 'figures'));
    expect(figures.filter((f) => f.endsWith('.svg'))).toHaveLength(21);
    expect(figures.filter((f) => f.endsWith('.png'))).toHaveLength(21);
    const png = await readFile(path.join(out, 'figures', '03-income.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const csv = await readFile(path.join(out, 'data', '05-trust.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('finding,label,wave,share,ci_low,ci_high,n,p_value');
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8'));
    expect(results.findings.trust_general.share['wave-2']).toBe(
      built.ru!.results.findings.trust_general!.share!['wave-2' as never],
    );
    const html = await readFile(path.join(out, 'index.html'), 'utf8');
    expect(html).toBe(built.ru!.html);
  });

  it('prints the page to PDF with Chromium', async () => {
    const out = path.join(dir, 'pdf');
    const r = await cli(
      ['report', '--study', 'exile-panel', '--spec', specFile, '--out', out, '--pdf'],
      { LONGITUDE_DATA: path.join(dir, 'data') },
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`PDF: ${path.resolve(out, 'report.pdf')}`);
    const pdf = await readFile(path.join(out, 'report.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Many pages: every figure is in it, not a blank page.
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThan(5);
  }, 120_000);

  it('refuses a spec that asks for what the questionnaires do not have, with file and line', async () => {
    const bad = path.join(dir, 'bad.yaml');
    const text = (await readFile(specFile, 'utf8')).replace(
      'variable: discrimination, values',
      'variable: discrimnation, values',
    );
    await import('node:fs/promises').then((fs) => fs.writeFile(bad, text));
    const r = await cli(
      ['report', '--study', 'exile-panel', '--spec', bad, '--out', path.join(dir, 'bad')],
      {
        LONGITUDE_DATA: path.join(dir, 'data'),
      },
    );
    expect(r.code).toBe(1);
    const line = text.split('\n').findIndex((l) => l.includes('discrimnation')) + 1;
    expect(r.err).toContain(`${bad}:${line}:`);
    expect(r.err).toMatch(
      /Finding 'discrimination': wave 'wave-1' has no variable 'discrimnation'; did you mean 'discrimination'\?/,
    );
  });
});
