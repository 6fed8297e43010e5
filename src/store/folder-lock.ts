/**
 * One process at a time owns an embedded database folder: two PGlite instances on one folder
 * overwrite each other's control file and write-ahead log, and the folder never opens again.
 *
 * The lock is a folder, `longitude.lock`, in the data folder. A process that wants the data
 * folder writes its own entry there (a file named by its pid, its start time and a random
 * part, written whole and renamed into place), then lists the entries: alone, it owns the
 * folder; with another live entry beside it, it removes its own and gives way. Of two
 * processes that arrive together at least one sees the other, so never both win (both may
 * give way: each then tries again after a random pause). An entry whose process is gone is
 * removed by whoever finds it; the name is its process's alone, so removing it can never
 * remove a live owner's entry, and a stale lock is taken over without a race.
 *
 * A process is gone when its pid is free or belongs to a process started at another time
 * (/proc/PID/stat, Linux; elsewhere the pid alone), or is a zombie. An entry made on another
 * machine (a shared folder) is never judged gone.
 */
import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export const lockFolderName = 'longitude.lock';
const entryPrefix = 'holder-';

const isEntry = (name: string): boolean => name.startsWith(entryPrefix) && name.endsWith('.json');

/** Who owns a data folder, from its lock entry. */
export interface FolderHolder {
  pid: number;
  /** The command, e.g. `longitude serve`. */
  command: string;
  /** When it took the folder (ISO 8601). */
  since: string;
  host: string;
}

export interface FolderLock {
  holder: FolderHolder;
  /** The lock folder (the server's channel file lives there). */
  dir: string;
  /** Removes this process's entry; safe to call more than once. */
  release(): void;
}

export type LockAttempt = { lock: FolderLock } | { heldBy: FolderHolder };

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Takes the folder, or names the live process that holds it. */
export async function lockFolder(
  dataDir: string,
  command: string,
  now: Date = new Date(),
): Promise<LockAttempt> {
  const dir = path.join(dataDir, lockFolderName);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const me: FolderHolder = {
    pid: process.pid,
    command,
    since: now.toISOString(),
    host: hostname(),
  };
  for (let attempt = 0; ; attempt++) {
    const name = `${entryPrefix}${process.pid}-${processStart(process.pid) ?? 0}-${randomBytes(6).toString('hex')}.json`;
    const mine = path.join(dir, name);
    const tmp = path.join(dir, `.${name}.tmp`);
    writeFileSync(tmp, JSON.stringify(me), { mode: 0o600 });
    renameSync(tmp, mine);
    const others = liveEntries(dir).filter((e) => e !== name);
    if (others.length === 0) return { lock: hold(dir, mine, me) };
    removeQuietly(mine);
    // Another live entry: an owner, or a process arriving at the same moment that gives way
    // too. A few tries with random pauses settle the second case.
    const holder = readHolder(dir, others);
    const settled = holder && Date.now() - Date.parse(holder.since) > 2000;
    if (holder && (settled || attempt >= 3)) return { heldBy: holder };
    if (attempt >= 20) return { heldBy: holder ?? me };
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
  }
}

/** The live owner of a data folder, if any (read only: nothing is taken or removed). */
export function folderHolder(dataDir: string): FolderHolder | undefined {
  const dir = path.join(dataDir, lockFolderName);
  let names: string[];
  try {
    names = readdirSync(dir).filter(isEntry);
  } catch {
    return undefined;
  }
  return readHolder(
    dir,
    names.filter((n) => !entryGone(dir, n)),
  );
}

function hold(dir: string, file: string, holder: FolderHolder): FolderLock {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    removeQuietly(file);
    process.off('exit', release);
    for (const s of signals) process.off(s, onSignal);
  };
  // A signal with no other listener would end the process without 'exit': leave the folder
  // first, then end as the signal would. With another listener (the server's own orderly
  // stop), that listener closes the database, which releases the lock.
  const onSignal = (signal: NodeJS.Signals): void => {
    if (process.listenerCount(signal) > 1) return;
    release();
    process.kill(process.pid, signal);
  };
  process.on('exit', release);
  for (const s of signals) process.on(s, onSignal);
  return { holder, dir, release };
}

/** Entry names whose processes live; entries of gone processes are removed on the way. */
function liveEntries(dir: string): string[] {
  const live: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!isEntry(name)) continue;
    if (entryGone(dir, name)) removeQuietly(path.join(dir, name));
    else live.push(name);
  }
  return live;
}

function entryGone(dir: string, name: string): boolean {
  const [pidText, startText] = name.slice(entryPrefix.length).split('-');
  const pid = Number(pidText);
  const start = Number(startText);
  if (!Number.isSafeInteger(pid) || pid <= 0) return true;
  const holder = readEntry(path.join(dir, name));
  if (holder && holder.host !== hostname()) return false;
  return !processAlive(pid, start);
}

function readHolder(dir: string, names: string[]): FolderHolder | undefined {
  const holders = names
    .map((n) => readEntry(path.join(dir, n)))
    .filter((h): h is FolderHolder => h !== undefined)
    .sort((a, b) => a.since.localeCompare(b.since));
  return holders[0];
}

function readEntry(file: string): FolderHolder | undefined {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as FolderHolder;
    return typeof h.pid === 'number' && typeof h.command === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

/** Is `pid` the process that started at `start` (clock ticks after boot; 0: unknown)? */
export function processAlive(pid: number, start: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, but another user's.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = readStat(pid);
  if (!stat) return true;
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return start === 0 || stat.start === start;
}

/** When a process started, in clock ticks after boot (Linux), or undefined elsewhere. */
export function processStart(pid: number): number | undefined {
  return readStat(pid)?.start;
}

function readStat(pid: number): { state: string; start: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count after the last.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const start = Number(fields[19]);
  return Number.isSafeInteger(start) ? { state: fields[0]!, start } : undefined;
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already removed by its owner or by another process that found it gone.
  }
}
