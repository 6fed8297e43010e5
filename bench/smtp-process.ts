/** Starts the SMTP sink (bench/smtp-sink.ts) as a child process and collects what it accepts. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ReceivedMail {
  envelopeTo: string[];
  from?: string;
  subject?: string;
  text?: string;
  messageId?: string;
  language?: string;
  listUnsubscribe?: string;
}

export interface SmtpProcess {
  url: string;
  child: ChildProcess;
  /** Messages accepted so far (full when not quiet). */
  received: ReceivedMail[];
  /** In quiet mode: the last count printed (every 1,000). */
  acceptedCount(): number;
  stop(): Promise<void>;
}

const sink = path.resolve(import.meta.dirname, 'smtp-sink.ts');

export function startSmtp(
  options: { quiet?: boolean; delayMs?: number } = {},
): Promise<SmtpProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', sink], {
    env: {
      ...process.env,
      SINK_QUIET: options.quiet ? '1' : '0',
      SINK_DELAY_MS: String(options.delayMs ?? 0),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const received: ReceivedMail[] = [];
  let count = 0;
  let buffer = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const listening = /^listening (\d+)$/.exec(line);
        const accepted = /^accepted (\d+)$/.exec(line);
        if (listening)
          resolve({
            url: `smtp://127.0.0.1:${listening[1]}`,
            child,
            received,
            acceptedCount: () => count,
            stop: () =>
              new Promise((done) => {
                if (child.exitCode !== null) return done();
                child.removeAllListeners('exit');
                child.once('exit', () => done());
                child.kill('SIGTERM');
              }),
          });
        else if (accepted) count = Number(accepted[1]);
        else if (line.startsWith('{')) {
          received.push(JSON.parse(line) as ReceivedMail);
          count = received.length;
        }
      }
    });
  });
}
