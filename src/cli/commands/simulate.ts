/** `longitude simulate --study S --wave W --n N --seed X`: simulated respondents, see simulate.ts. */
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { problemKinds, simulateWave, type PanelMember } from '../../fieldwork/simulate.js';
import { Problem } from '../../problems/problem.js';
import { secureRandomBytes } from '../../security/tokens.js';
import { withStore } from '../database.js';
import type { Io } from '../io.js';
import type { DatabaseFlags } from '../main.js';
import { writePrivateFile } from '../private-file.js';

export interface SimulateFlags extends DatabaseFlags {
  study: string;
  wave: string;
  n: string;
  seed: string;
  rate?: string;
  panel?: string;
  truth?: string;
  start?: string;
  days?: string;
  json?: boolean;
}

const number = (text: string, field: string): number => {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0)
    throw new Problem('input.invalid', `--${field} must be a number, not '${text}'.`, { field });
  return n;
};

/**
 * Stops before anything is simulated when `file` could not be written at the end: a folder, or
 * in a folder that does not exist or cannot be written to.
 */
async function checkWritable(file: string, flag: string): Promise<void> {
  const fail = (why: string): never => {
    throw new Problem(
      'input.invalid',
      `--${flag} ${file}: cannot be written (${why}); nothing was simulated.`,
      { file, field: flag },
    );
  };
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) fail('it is a folder');
  const folder = path.dirname(path.resolve(file));
  const info = await stat(folder).catch(() => undefined);
  if (!info) return fail(`the folder ${folder} does not exist`);
  if (!info.isDirectory()) fail(`${folder} is not a folder`);
  await access(folder, constants.W_OK | constants.X_OK).catch(() =>
    fail(`the folder ${folder} is not writable`),
  );
}

export async function simulate(flags: SimulateFlags, io: Io): Promise<number> {
  if (flags.truth) await checkWritable(flags.truth, 'truth');
  const returning = flags.panel
    ? ((JSON.parse(await readFile(flags.panel, 'utf8')) as { panel: PanelMember[] }).panel ?? [])
    : undefined;
  const rate = flags.rate === undefined ? undefined : number(flags.rate, 'rate');
  return withStore(flags, io, async (store) => {
    const result = await simulateWave(
      { db: store.db, now: () => new Date(), random: secureRandomBytes },
      {
        studyId: flags.study,
        waveId: flags.wave,
        n: Math.round(number(flags.n, 'n')),
        seed: Math.round(number(flags.seed, 'seed')),
        problems:
          rate === undefined ? undefined : Object.fromEntries(problemKinds.map((k) => [k, rate])),
        returning,
        start: flags.start ? new Date(flags.start) : undefined,
        days: flags.days === undefined ? undefined : number(flags.days, 'days'),
      },
    );
    if (flags.truth)
      await writePrivateFile(flags.truth, [JSON.stringify(result, null, 2)], 'truth');
    if (flags.json) io.out(JSON.stringify(result.counts, null, 2));
    else {
      const c = result.counts;
      io.out(`responses\t${c.responses}`);
      io.out(`complete\t${c.complete}`);
      io.out(`panel invited\t${c.returningInvited}`);
      io.out(`panel complete\t${c.returningComplete}`);
      io.out(`joined the panel\t${c.enrolled}`);
      for (const k of problemKinds) io.out(`planted ${k}\t${c.problems[k]}`);
    }
    return 0;
  });
}
