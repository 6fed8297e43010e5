/**
 * `npm run bench`: page weight and requests, page saves per second under 50 and 200
 * concurrent respondents on PostgreSQL and on the embedded database (with pgbench's
 * single-row INSERT rate on the same server for scale), and crash trials. Prints figures;
 * asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { createServerDatabase } from '../test/support/server-database.js';
import { besideCommands, crashTrial } from './crash.js';
import { nearDuplicateBench } from './quality.js';
import { simulateStudy, type ReportBench } from './report.js';
import type { ExportBench } from './export.js';
import { invitationCrashTrial, runPrepare, seedInvitationStudy } from './invitations.js';
import { startSmtp } from './smtp-process.js';
import { seededRandom } from '../test/support/seeded-random.js';
import { measurePageSaves, prepareRespondents } from './page-saves.js';
import { pageWeights, requestsPerPage, servedBytes } from './page-weight.js';
import { kill, root, startServer } from './server-process.js';
import { generate, largestDifference, runLongitude, runR } from './stats.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmUpSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const trials = Number(process.env.BENCH_CRASH_TRIALS ?? 20);
const only = (
  process.env.BENCH_ONLY ??
  'weight,saves,crash,crash-beside,invitations,quality,stats,report,export'
).split(',');
const invitationCount = Number(process.env.BENCH_INVITATIONS ?? 10_000);
const statsN = Number(process.env.BENCH_STATS_N ?? 100_000);
const exportN = Number(process.env.BENCH_EXPORT_N ?? 1_000_000);
const exportEmbeddedN = Number(process.env.BENCH_EXPORT_EMBEDDED_N ?? exportN / 10);
const reportN1 = Number(process.env.BENCH_REPORT_N1 ?? 2270);
const reportN2 = Number(process.env.BENCH_REPORT_N2 ?? 2830);

async function pgbenchInsertRate(url: string): Promise<number> {
  const script = path.join(tmpdir(), `longitude-pgbench-${process.pid}.sql`);
  execFileSync('psql', [
    url,
    '-q',
    '-c',
    'create table if not exists bench_rows (id bigint generated always as identity primary key, v double precision)',
  ]);
  await writeFile(script, 'insert into bench_rows (v) values (random());\n');
  const out = execFileSync(
    'pgbench',
    ['-n', '-c', '16', '-j', '2', '-T', String(seconds), '-f', script, url],
    { encoding: 'utf8' },
  );
  const m = /tps = ([\d.]+)/.exec(out);
  return m ? Math.round(Number(m[1])) : NaN;
}

async function main(): Promise<void> {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  const database = await createServerDatabase();
  const data = await mkdtemp(path.join(tmpdir(), 'longitude-bench-'));
  const lines: string[] = [];
  const say = (s: string) => {
    lines.push(s);
    console.log(s);
  };
  try {
    if (only.includes('weight')) {
      const server = await startServer({ LONGITUDE_DATA: path.join(data, 'weight') }, [
        '--example',
      ]);
      try {
        const weights = await pageWeights(server.url);
        say('Page weight (wave 1 of the example; brotli quality 4 and gzip, bytes):');
        for (const w of weights)
          say(
            `  ${w.page.padEnd(22)} ${String(w.bytes).padStart(7)} raw ${String(w.brotli).padStart(6)} br ${String(w.gzip).padStart(6)} gzip`,
          );
        const heaviest = weights.reduce((a, b) => (b.brotli > a.brotli ? b : a));
        say(
          `  heaviest page: ${heaviest.page}, ${heaviest.brotli} bytes brotli, ${heaviest.gzip} bytes gzip (goal ≤ 14336)`,
        );
        const served = await servedBytes(server.url, '/s/exile-panel/wave-1?lang=ru');
        say(`  consent page as served: ${served.bytes} bytes (${served.encoding})`);
        for (const r of await requestsPerPage(server.url))
          say(`  requests: ${r.page}: ${r.requests}`);
      } finally {
        await kill(server, 'SIGTERM');
      }
    }
    if (only.includes('saves')) {
      const rate = await pgbenchInsertRate(database.url);
      say(`pgbench, single-row INSERT, 16 clients, ${seconds} s, same server: ${rate} per second`);
      const cores = availableParallelism();
      for (const [name, env] of [
        ['PostgreSQL', { DATABASE_URL: database.url }],
        [
          `PostgreSQL, ${cores} server processes`,
          { DATABASE_URL: database.url, LONGITUDE_WORKERS: String(cores) },
        ],
        ['embedded', { LONGITUDE_DATA: path.join(data, 'saves') }],
      ] as const) {
        const server = await startServer({ ...env, LONGITUDE_LOG_LEVEL: 'warn' }, ['--example']);
        try {
          const respondents = await prepareRespondents(server.url, 200);
          // Compiled code and open connections first: a server runs for weeks, not seconds.
          const warm = await measurePageSaves(server.url, respondents, 200, warmUpSeconds);
          say(
            `page saves, ${name}, warm-up (${warmUpSeconds} s, 200 respondents, not counted): ${warm.savesPerSecond}/s, p99 ${warm.p99Ms} ms`,
          );
          for (const connections of [50, 200]) {
            const r = await measurePageSaves(server.url, respondents, connections, seconds);
            const ratio =
              name !== 'embedded' ? ` (${(r.savesPerSecond / rate).toFixed(2)} × pgbench)` : '';
            say(
              `page saves, ${name}, ${connections} respondents: ${r.savesPerSecond}/s${ratio}, median ${r.medianMs} ms, p99 ${r.p99Ms} ms, errors ${r.errors}, other than redirect ${r.non303}`,
            );
          }
        } finally {
          await kill(server, 'SIGTERM');
        }
      }
    }
    if (only.includes('crash')) {
      for (const [name, env, db] of [
        ['PostgreSQL', { DATABASE_URL: database.url }, { databaseUrl: database.url }],
        [
          'embedded',
          { LONGITUDE_DATA: path.join(data, 'crash') },
          { dataDir: path.join(data, 'crash') },
        ],
      ] as const) {
        let acknowledged = 0;
        let missing = 0;
        let inconsistent = 0;
        for (let i = 0; i < trials; i++) {
          const t = await crashTrial(env, db, {
            respondents: name === 'embedded' ? 4 : 8,
            minMs: 200,
            maxMs: 2000,
          });
          acknowledged += t.acknowledged;
          missing += t.missing;
          inconsistent += t.inconsistent;
        }
        say(
          `crash trials, ${name}: ${trials} kills (SIGKILL), ${acknowledged} acknowledged saves, ${missing} missing, ${inconsistent} half-written`,
        );
      }
    }
    if (only.includes('crash-beside')) {
      // The embedded database with a command run beside the server during the load.
      const dir = path.join(data, 'crash-beside');
      const total = {
        acknowledged: 0,
        missing: 0,
        inconsistent: 0,
        commandsFailed: 0,
        notReopened: 0,
      };
      for (let i = 0; i < trials; i++) {
        const command = besideCommands[i % besideCommands.length]!;
        const t = await crashTrial(
          { LONGITUDE_DATA: dir },
          { dataDir: dir },
          { respondents: 4, minMs: 200, maxMs: 2000, command },
        );
        const failed = t.command?.code !== 0 || t.command.err !== '';
        total.acknowledged += t.acknowledged;
        total.missing += t.missing;
        total.inconsistent += t.inconsistent;
        total.commandsFailed += failed ? 1 : 0;
        total.notReopened += t.reopened ? 0 : 1;
        say(
          `  trial ${i + 1}, longitude ${command.join(' ')}: ${failed ? `failed (${t.command?.err.trim()})` : 'ok'}; killed ${t.killedAfterMs} ms after; ${t.reopened ? 'reopened' : `DID NOT OPEN (${t.reopenError?.trim()})`}; ${t.acknowledged} acknowledged, ${t.missing} missing, ${t.inconsistent} half-written`,
        );
      }
      say(
        `crash trials, embedded with a command beside the server: ${trials} kills (SIGKILL), ${total.commandsFailed} commands failed, ${total.notReopened} databases did not open, ${total.acknowledged} acknowledged saves, ${total.missing} missing, ${total.inconsistent} half-written`,
      );
    }
    if (only.includes('invitations')) {
      const quiet = await startSmtp({ quiet: true });
      try {
        for (const [name, env, store] of [
          ['PostgreSQL', { DATABASE_URL: database.url }, { databaseUrl: database.url }],
          [
            'embedded',
            { LONGITUDE_DATA: path.join(data, 'invitations') },
            { dataDir: path.join(data, 'invitations') },
          ],
        ] as const) {
          const key = path.join(data, `invitations-${name}.key`);
          if (name === 'PostgreSQL')
            execFileSync('psql', [
              database.url,
              '-q',
              '-c',
              'drop schema public cascade; create schema public',
            ]);
          await seedInvitationStudy(store, invitationCount, key);
          const before = quiet.acceptedCount();
          const started = performance.now();
          const run = await runPrepare(env, key, quiet, ['--rate', '100000', '--connections', '8'])
            .done;
          const s = (performance.now() - started) / 1000;
          const report = JSON.parse(run.out) as { mail: { sent: number } };
          say(
            `invitations, ${name}: ${invitationCount} prepared and sent to a local SMTP server in ${s.toFixed(1)} s (${Math.round(report.mail.sent / s)} per second; server counted ${quiet.acceptedCount() - before} at the last thousand)`,
          );
        }
      } finally {
        await quiet.stop();
      }
      const slow = await startSmtp({ delayMs: 30 });
      try {
        const random = seededRandom(5);
        for (const kind of ['PostgreSQL', 'embedded'] as const)
          for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
            let missing = 0;
            let different = 0;
            let repeats = 0;
            let resumed = 0;
            const runs = Math.max(1, Math.round(trials / 4));
            for (let i = 0; i < runs; i++) {
              const key = path.join(data, `crash-${kind}-${signal}-${i}.key`);
              const db = kind === 'PostgreSQL' ? await createServerDatabase() : undefined;
              const dir = path.join(data, `crash-invitations-${signal}-${i}`);
              await seedInvitationStudy(db ? { databaseUrl: db.url } : { dataDir: dir }, 200, key);
              const env: Record<string, string> = db
                ? { DATABASE_URL: db.url }
                : { LONGITUDE_DATA: dir };
              const t = await invitationCrashTrial(env, key, slow, 200, signal, random);
              await db?.drop();
              missing += t.missing;
              different += t.different;
              repeats += t.repeats;
              resumed += t.resumed;
            }
            say(
              `invitation runs killed mid-way, ${kind}, ${signal}: ${runs} runs of 200, ${missing} panelists missed, ${different} sent two different invitations, ${repeats} repeats of one message (${resumed} resent after the kill)`,
            );
          }
      } finally {
        await slow.stop();
      }
    }
    if (only.includes('quality')) {
      const q = nearDuplicateBench(100_000);
      say(
        `near duplicates, ${q.responses} responses x 60 answers: ${q.seconds.toFixed(1)} s (goal under 10 s); ${q.found} of ${q.planted} planted near copies found`,
      );
    }
    if (only.includes('stats')) {
      const data = generate(statsN);
      const ours = runLongitude(data);
      const peak = process.memoryUsage().rss / 1e6;
      const f = (x: number) => x.toFixed(2);
      say(
        `statistics, ${statsN} respondents x 50 items: rake ${f(ours.seconds.rake!)} s, 50 weighted proportions with SEs ${f(ours.seconds.svymean!)} s, 20 Rao-Scott crosstabs ${f(ours.seconds.svychisq!)} s, total ${f(ours.seconds.total!)} s`,
      );
      const r = await runR(data);
      if (!r) say('  R is not installed: no comparison.');
      else {
        say(
          `  R survey package: total ${f(r.seconds.total!)} s (rake ${f(r.seconds.rake!)}, svymean ${f(r.seconds.svymean!)}, svychisq ${f(r.seconds.svychisq!)}); Longitude is ${(r.seconds.total! / ours.seconds.total!).toFixed(0)}x faster`,
        );
        say(
          `  largest relative difference from R: means ${largestDifference(ours.means, r.means).toExponential(1)}, SEs ${largestDifference(ours.se, r.se).toExponential(1)}, crosstabs ${largestDifference(ours.chisq.flat(), r.chisq.flat()).toExponential(1)}`,
        );
      }
      const million = generate(1_000_000);
      const big = runLongitude(million);
      say(
        `statistics, 1,000,000 respondents: total ${f(big.seconds.total!)} s (rake ${f(big.seconds.rake!)}, proportions ${f(big.seconds.svymean!)}, crosstabs ${f(big.seconds.svychisq!)}); peak memory ${Math.max(peak, process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
      );
    }
    if (only.includes('report')) {
      // The example study at the reference size (about 1,700 and 2,200 complete), then built
      // in processes of their own: once as it is, once 100 times larger.
      const study = path.join(data, 'report');
      const started = Date.now();
      await simulateStudy(study, reportN1, reportN2);
      say(
        `report: simulated ${reportN1} + ${reportN2} respondents in ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
      for (const scale of [1, 100]) {
        const out = execFileSync('npx', ['tsx', 'bench/report.ts', study, String(scale)], {
          cwd: root,
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        });
        const r = JSON.parse(out.trim().split('\n').at(-1)!) as ReportBench;
        say(
          `  reference report from ${r.responses.toLocaleString('en')} responses${scale > 1 ? ` (the study ${scale} times)` : ''}: ${r.seconds.toFixed(2)} s (samples, 49 findings, 21 figures at two widths, the page), peak memory ${r.peakMegabytes} MB (goals: ${scale > 1 ? 'under 60 s and 4 GB' : 'under 2 s'})`,
        );
      }
    }
    if (only.includes('export')) {
      // A study of 100 questions with `exportN` complete responses in a database of its own,
      // then `longitude export` of all of them, each format in a process of its own.
      // Two sizes on PostgreSQL, to show that memory does not grow with the responses; the
      // embedded database at a tenth by default (it reads about four times slower).
      const runs = [
        ['PostgreSQL', Math.round(exportN / 10)],
        ['PostgreSQL', exportN],
        ['embedded', exportEmbeddedN],
      ] as const;
      for (const [kind, n] of runs) {
        const server = kind === 'PostgreSQL' ? await createServerDatabase() : undefined;
        const dir = await mkdtemp(path.join(tmpdir(), 'longitude-export-'));
        const url = server ? [server.url] : [];
        try {
          const seeded = Date.now();
          execFileSync('npx', ['tsx', 'bench/export.ts', 'seed', dir, String(n), ...url], {
            cwd: root,
            stdio: 'inherit',
          });
          const opening = JSON.parse(
            execFileSync('npx', ['tsx', 'bench/export.ts', 'open', dir, '', ...url], {
              cwd: root,
              encoding: 'utf8',
            })
              .trim()
              .split('\n')
              .at(-1)!,
          ) as { peakMegabytes: number };
          say(
            `export (${kind}): ${n.toLocaleString('en')} responses x 100 questions stored in ${((Date.now() - seeded) / 1000).toFixed(0)} s; opening the database alone (study list) peaks at ${opening.peakMegabytes} MB`,
          );
          for (const format of ['csv', 'sav', 'parquet']) {
            const out = execFileSync(
              'npx',
              ['tsx', 'bench/export.ts', 'run', dir, format, ...url],
              {
                cwd: root,
                encoding: 'utf8',
                maxBuffer: 1 << 20,
              },
            );
            const r = JSON.parse(out.trim().split('\n').at(-1)!) as ExportBench;
            say(
              `  ${r.format}: ${r.responses.toLocaleString('en')} rows x ${r.columns} columns in ${r.seconds.toFixed(1)} s (${Math.round(r.responses / r.seconds).toLocaleString('en')} rows/s, ${r.megabytes} MB), peak memory ${r.peakMegabytes} MB (goal: flat, under 300 MB)`,
            );
          }
        } finally {
          await server?.drop();
          await rm(dir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await database.drop();
    await rm(data, { recursive: true, force: true });
  }
  await writeFile(path.join(tmpdir(), 'longitude-bench.txt'), lines.join('\n') + '\n');
}

await main();
