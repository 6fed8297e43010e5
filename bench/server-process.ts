// Starts `longitude serve` as its own process (as `npm start` would) and waits for its address.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

export function startServer(
  env: Record<string, string>,
  args: string[] = [],
  /** The command that starts it: the server itself, or `npm start` as a researcher types it. */
  command: string[] = ['node', 'bin/longitude.js', 'serve'],
  /** How long to wait for its address; then it is killed (a busy machine may need minutes). */
  waitMs = 60_000,
): Promise<ServerProcess> {
  const child = spawn(command[0]!, [...command.slice(1), ...args], {
    cwd: root,
    // The example study without the first run's simulated data, unless a caller asks for it.
    env: { ...process.env, PORT: '0', LONGITUDE_LOG_LEVEL: 'warn', LONGITUDE_EMPTY: '1', ...env },
    // Its own process group, so that a Ctrl+C-like stop reaches npm and the server alike.
    detached: command[0] === 'npm',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    // A server left running would hold its data folder (or port) for the next one.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no address printed in ${waitMs} ms:\n${output}`));
    }, waitMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Longitude is running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${output}`));
    });
  });
}

export function kill(server: ServerProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill(signal);
  });
}
