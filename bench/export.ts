/**
 * Exports at scale, as a researcher runs them: a study whose wave asks 100 questions (80 single
 * choices of five labelled answers, 10 numbers, 5 multiple choices of four options, 5 short
 * texts), `n` complete responses put into its database by one SQL statement (about 3% of
 * single choices unanswered), then `longitude export` of every response to CSV, SPSS (.sav,
 * bytecode-compressed) and Parquet, each in a process of its own so that its peak memory is
 * its own (the database server's is not counted; the embedded database's is, being inside).
 *
 *   tsx bench/export.ts seed DIR N [DATABASE_URL]   # writes the study, loads it, adds N responses
 *   tsx bench/export.ts run DIR FORMAT [DATABASE_URL] # one export, prints JSON
 */
import { execFileSync } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { openAndMigrate } from '../src/store/database.js';

export const exportStudy = 'export-bench';
const root = path.resolve(import.meta.dirname, '..');

export interface ExportBench {
  format: string;
  responses: number;
  variables: number;
  columns: number;
  seconds: number;
  megabytes: number;
  peakMegabytes: number;
}

const studyYaml = `id: ${exportStudy}
title: { en: 'Exports at scale', ru: 'Экспорт большого опроса' }
languages: [en, ru]
default_language: en
consent: { version: 1, text: { en: 'Consent', ru: 'Согласие' } }
channels:
  - { code: open, name: Open link }
waves:
  - { id: wave-1, file: wave-1.yaml, title: { en: 'Wave 1', ru: 'Первая волна' } }
`;

function waveYaml(): string {
  const lines = [
    'wave: wave-1',
    "title: { en: 'Wave 1', ru: 'Первая волна' }",
    'choices:',
    '  five:',
  ];
  for (let c = 1; c <= 5; c++)
    lines.push(`    - { name: c${c}, code: ${c}, label: { en: 'Answer ${c}', ru: 'Ответ ${c}' } }`);
  lines.push('pages:');
  const item = (name: string, type: string, extra = '') =>
    `      - { name: ${name}, type: ${type}${extra}, label: { en: 'Question ${name}', ru: 'Вопрос ${name}' } }`;
  for (let p = 0; p < 10; p++) {
    lines.push(`  - id: p${p}`, '    items:');
    for (let v = p * 8; v < p * 8 + 8; v++) lines.push(item(`q${v}`, 'select_one', ', list: five'));
    lines.push(item(`x${p}`, 'decimal'));
    if (p < 5) lines.push(item(`m${p}`, 'select_multiple', ', list: five'));
    if (p < 5) lines.push(item(`t${p}`, 'text'));
  }
  return lines.join('\n') + '\n';
}

/** The answers of row g as SQL: names of choices, numbers, lists, short Cyrillic and Latin text. */
function answersSql(): string {
  const pairs: string[] = [];
  for (let v = 0; v < 80; v++)
    pairs.push(
      `'q${v}', case when random() < 0.03 then null else 'c' || (1 + floor(random() * 5))::int end`,
    );
  for (let v = 0; v < 10; v++) pairs.push(`'x${v}', round((random() * 1000)::numeric, 2)`);
  for (let v = 0; v < 5; v++)
    pairs.push(
      `'m${v}', (select coalesce(jsonb_agg('c' || k), '[]'::jsonb) from generate_series(1, 4) k where random() < 0.3 + 0 * g)`,
    );
  const words = `(array['Москва','Тбилиси','Ереван','Berlin','Astana','Istanbul','Belgrade'])`;
  for (let v = 0; v < 5; v++)
    pairs.push(
      `'t${v}', case when random() < 0.5 then null else ${words}[1 + floor(random() * 7)::int] || ' ' || floor(random() * 1000)::int end`,
    );
  // jsonb_build_object takes at most 100 arguments: 50 pairs a call.
  const calls: string[] = [];
  for (let i = 0; i < pairs.length; i += 50)
    calls.push(`jsonb_build_object(${pairs.slice(i, i + 50).join(', ')})`);
  return calls.join(' || ');
}

function cliEnv(dir: string, url?: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...(url ? { DATABASE_URL: url } : { LONGITUDE_DATA: path.join(dir, 'data') }),
  };
}

/** The study loaded and `n` complete responses added, in batches of 100,000. */
export async function seedExportStudy(dir: string, n: number, url?: string): Promise<void> {
  const folder = path.join(dir, 'study');
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'study.yaml'), studyYaml);
  await writeFile(path.join(folder, 'wave-1.yaml'), waveYaml());
  execFileSync('node', ['bin/longitude.js', 'study', 'load', folder], {
    cwd: root,
    env: cliEnv(dir, url),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const store = await openAndMigrate(
    url ? { databaseUrl: url } : { dataDir: path.join(dir, 'data') },
  );
  try {
    const version = await store.db
      .selectFrom('questionnaire_versions')
      .select('id')
      .where('study_id', '=', exportStudy)
      .executeTakeFirstOrThrow();
    await sql`select setseed(0.2022)`.execute(store.db);
    for (let from = 0; from < n; from += 100_000) {
      const to = Math.min(n, from + 100_000);
      await sql`
        insert into responses (study_id, wave_id, questionnaire_version_id, channel_code, language,
          status, answers, completion_share, created_at, updated_at, completed_at)
        select ${exportStudy}, 'wave-1', ${version.id}, 'open', 'ru', 'complete',
          ${sql.raw(answersSql())}, 1,
          timestamptz '2022-03-21 06:00:00+00' + g * interval '1 second',
          timestamptz '2022-03-21 06:20:00+00' + g * interval '1 second',
          timestamptz '2022-03-21 06:20:00+00' + g * interval '1 second'
        from generate_series(${from}::int, ${to - 1}::int) g`.execute(store.db);
    }
  } finally {
    await store.close();
  }
}

/** One `longitude export` of every response, in a process of its own. */
export async function runExport(dir: string, format: string, url?: string): Promise<ExportBench> {
  const file = path.join(dir, `export.${format}`);
  const started = performance.now();
  const out = execFileSync(
    'node',
    [
      'bench/peak-memory.mjs',
      'bin/longitude.js',
      'export',
      '--study',
      exportStudy,
      '--sample',
      'all',
      '--format',
      format,
      '--out',
      file,
      '--json',
    ],
    { cwd: root, env: cliEnv(dir, url), encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  const seconds = (performance.now() - started) / 1000;
  const peak = /peak-memory (\d+)/.exec(out);
  const result = JSON.parse(out.slice(0, out.lastIndexOf('peak-memory'))) as {
    rows: number;
    columns: number;
  };
  return {
    format,
    responses: result.rows,
    variables: 100,
    columns: result.columns,
    seconds,
    megabytes: Math.round((await stat(file)).size / 1e6),
    peakMegabytes: Math.round(Number(peak?.[1]) / 1024),
  };
}

/** Peak memory of a command that only opens the database (`study list`), for comparison. */
export function openingPeak(dir: string, url?: string): number {
  const out = execFileSync('node', ['bench/peak-memory.mjs', 'bin/longitude.js', 'study', 'list'], {
    cwd: root,
    env: cliEnv(dir, url),
    encoding: 'utf8',
  });
  return Math.round(Number(/peak-memory (\d+)/.exec(out)?.[1]) / 1024);
}

// As its own process: `tsx bench/export.ts seed DIR N [URL]` or `run DIR FORMAT [URL]`.
if (process.argv[1]?.endsWith('export.ts')) {
  const [what, dir, arg, url] = process.argv.slice(2);
  if (what === 'seed') await seedExportStudy(dir!, Number(arg), url);
  else if (what === 'run') console.log(JSON.stringify(await runExport(dir!, arg!, url)));
  else if (what === 'open') console.log(JSON.stringify({ peakMegabytes: openingPeak(dir!, url) }));
}
