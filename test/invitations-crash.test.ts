// An invitation run killed in the middle and run again: every panelist gets their invitation,
// nobody gets two different ones. After SIGTERM the run finishes the mails in flight, so each
// panelist gets exactly one mail; after SIGKILL a mail the server accepted just before the
// kill may come twice, as the same message (same message id), never more often than the
// second run says it resent. `npm run bench` runs more trials and prints the counts.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationCrashTrial, seedInvitationStudy } from '../bench/invitations.js';
import { root } from '../bench/server-process.js';
import { startSmtp, type SmtpProcess } from '../bench/smtp-process.js';
import { seededRandom } from './support/seeded-random.js';
import { createServerDatabase, type ServerDatabase } from './support/server-database.js';

const panelists = 200;
let dir: string;
let smtp: SmtpProcess;
const servers: ServerDatabase[] = [];

beforeAll(async () => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  dir = await mkdtemp(path.join(tmpdir(), 'longitude-invitation-crash-'));
  // A slow server (30 ms a message) so that a run lasts long enough to be killed mid-way.
  smtp = await startSmtp({ delayMs: 30 });
});
afterAll(async () => {
  await smtp.stop();
  for (const s of servers) await s.drop();
  await rm(dir, { recursive: true, force: true });
});

async function fresh(
  kind: 'postgres' | 'embedded',
  trial: number,
): Promise<{ env: Record<string, string>; keyFile: string }> {
  const keyFile = path.join(dir, `${kind}-${trial}.private.key`);
  if (kind === 'postgres') {
    const server = await createServerDatabase();
    servers.push(server);
    await seedInvitationStudy({ databaseUrl: server.url }, panelists, keyFile);
    return { env: { DATABASE_URL: server.url }, keyFile };
  }
  const data = path.join(dir, `data-${trial}`);
  await seedInvitationStudy({ dataDir: data }, panelists, keyFile);
  return { env: { LONGITUDE_DATA: data }, keyFile };
}

describe.each(['postgres', 'embedded'] as const)('invitation runs killed mid-way [%s]', (kind) => {
  const random = seededRandom(kind === 'postgres' ? 11 : 12);

  it(
    'SIGKILL: everyone invited once, a repeat only of one message',
    { timeout: 180_000 },
    async () => {
      for (let trial = 0; trial < 2; trial++) {
        const { env, keyFile } = await fresh(kind, trial);
        const t = await invitationCrashTrial(env, keyFile, smtp, panelists, 'SIGKILL', random);
        expect(t.atKill).toBeGreaterThan(0);
        expect(t.atKill).toBeLessThan(panelists);
        expect({ missing: t.missing, different: t.different }).toEqual({
          missing: 0,
          different: 0,
        });
        expect(t.repeats).toBeLessThanOrEqual(t.resumed);
      }
    },
  );

  it(
    'SIGTERM: the run stops cleanly and everyone gets exactly one mail',
    { timeout: 180_000 },
    async () => {
      for (let trial = 2; trial < 3; trial++) {
        const { env, keyFile } = await fresh(kind, trial);
        const t = await invitationCrashTrial(env, keyFile, smtp, panelists, 'SIGTERM', random);
        expect(t.atKill).toBeGreaterThan(0);
        expect(t.atKill).toBeLessThan(panelists);
        expect(t).toMatchObject({ missing: 0, different: 0, repeats: 0, resumed: 0 });
      }
    },
  );
});
