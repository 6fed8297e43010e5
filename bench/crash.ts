/**
 * Crash trials: start the server, let respondents save pages, kill the server with SIGKILL at
 * a random moment, start it again on the same database, and check that every save the server
 * acknowledged is stored and that nothing half-written is visible (every page save's answers
 * are in its response; no save id twice).
 *
 * With a command (embedded database): while respondents save, a `longitude` command runs as
 * its own process beside the server (as a researcher would run `longitude links`), and the
 * kill comes at a random moment after it has finished. It must succeed, and the database must
 * open again after the kill.
 */
import { execFile } from 'node:child_process';
import { sql } from 'kysely';
import { openDatabase } from '../src/store/database.js';
import { HttpRespondent } from './http-respondent.js';
import { kill, root, startServer } from './server-process.js';

export interface CrashTrial {
  acknowledged: number;
  missing: number;
  inconsistent: number;
  killedAfterMs: number;
  /** With a command: its exit code and what it wrote to stderr. */
  command?: { code: number; err: string };
  /** Whether the server started again after the kill; if not, what it said. */
  reopened: boolean;
  reopenError?: string;
}

/** Commands a researcher runs beside the server, one per trial in turn. */
export const besideCommands: string[][] = [
  ['links', '--study', 'exile-panel', '--wave', 'wave-1'],
  ['study', 'show', 'exile-panel', '--json'],
  ['responses', 'show', '--study', 'exile-panel', '--json'],
  ['fieldwork', 'status', '--study', 'exile-panel'],
];

function runCommand(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/longitude.js', ...args],
      {
        cwd: root,
        env: { ...process.env, LONGITUDE_LOG_LEVEL: 'warn', ...env },
        // `responses show --json` grows with every trial's responses: past execFile's 1 MB
        // default the command would be cut off and counted as failed.
        maxBuffer: 1024 ** 3,
      },
      (error, _out, err) =>
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          err: error && typeof error.code !== 'number' ? `${err}${error.message}` : err,
        }),
    );
  });
}

/** Recovery after a kill, on a busy machine, may take a while. */
const startWaitMs = 300_000;

export async function crashTrial(
  env: Record<string, string>,
  database: { databaseUrl?: string; dataDir?: string },
  options: { respondents: number; minMs: number; maxMs: number; command?: string[] },
): Promise<CrashTrial> {
  const server = await startServer(env, ['--example'], undefined, startWaitMs);
  const acknowledged: string[] = [];
  let stop = false;
  const work = Array.from({ length: options.respondents }, async () => {
    while (!stop) {
      const r = new HttpRespondent(server.url);
      try {
        await r.begin('/s/exile-panel/wave-1/c/noda?lang=en');
        while (!stop && !r.finished()) {
          const saved = await r.answerCurrent();
          if (saved) acknowledged.push(saved);
          else break;
        }
      } catch {
        return; // the server was killed mid-request: this save was never acknowledged
      }
    }
  });
  // The random moment is counted from the first acknowledged save, so that every trial kills
  // the server while saves are flowing, however slow the machine is to start.
  const started = Date.now();
  while (acknowledged.length === 0 && Date.now() - started < 30_000)
    await new Promise((resolve) => setTimeout(resolve, 10));
  const command = options.command ? await runCommand(options.command, env) : undefined;
  const killedAfterMs = options.minMs + Math.floor(Math.random() * (options.maxMs - options.minMs));
  await new Promise((resolve) => setTimeout(resolve, killedAfterMs));
  // Everything counted as acknowledged so far was answered before the kill.
  const before = acknowledged.slice();
  await kill(server, 'SIGKILL');
  stop = true;
  await Promise.allSettled(work);

  // Restart on the same database (as an operator would), then look at what is stored.
  try {
    const again = await startServer(env, ['--example'], undefined, startWaitMs);
    await kill(again, 'SIGTERM');
  } catch (error) {
    return {
      acknowledged: before.length,
      missing: before.length,
      inconsistent: 0,
      killedAfterMs,
      command,
      reopened: false,
      reopenError: (error as Error).message,
    };
  }
  const store = await openDatabase(database);
  try {
    const saves = await sql<{ save_id: string }>`select save_id from page_saves`.execute(store.db);
    const stored = new Set(saves.rows.map((r) => r.save_id));
    const missing = before.filter((id) => !stored.has(id)).length;
    const broken = await sql<{ n: number }>`
      select count(*)::int as n from page_saves p join responses r on r.id = p.response_id
      where exists (select 1 from jsonb_object_keys(p.answers) k where not (r.answers ? k))`.execute(
      store.db,
    );
    const dupes = await sql<{ n: number }>`
      select count(*)::int as n from (select response_id, save_id from page_saves
      group by 1, 2 having count(*) > 1) d`.execute(store.db);
    return {
      acknowledged: before.length,
      missing,
      inconsistent: broken.rows[0]!.n + dupes.rows[0]!.n,
      killedAfterMs,
      command,
      reopened: true,
    };
  } finally {
    await store.close();
  }
}
