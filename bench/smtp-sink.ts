/**
 * A real SMTP server (the `smtp-server` package) on loopback, run as its own process by the
 * mail tests and the invitation benchmark. It prints `listening <port>` once ready, then one
 * JSON line per accepted message (parsed with mailparser), or a count only with SINK_QUIET=1.
 *
 * Recipients whose address starts with `bounce` are refused for good (550 at RCPT TO); those
 * starting with `flaky` are refused for now (451) the first time they are seen, then taken.
 * SINK_DELAY_MS delays each accepted message (a slow server, for the crash tests).
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const quiet = process.env.SINK_QUIET === '1';
const delayMs = Number(process.env.SINK_DELAY_MS ?? 0);
const seenFlaky = new Set<string>();
let accepted = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 1024 * 1024,
  maxClients: 200,
  onRcptTo(address, _session, callback) {
    const to = address.address.toLowerCase();
    if (to.startsWith('bounce')) {
      const error = new Error('5.1.1 mailbox unavailable') as Error & { responseCode: number };
      error.responseCode = 550;
      callback(error);
      return;
    }
    if (to.startsWith('flaky') && !seenFlaky.has(to)) {
      seenFlaky.add(to);
      const error = new Error('4.2.0 try again later') as Error & { responseCode: number };
      error.responseCode = 451;
      callback(error);
      return;
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks);
      const done = async () => {
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        accepted++;
        if (quiet) {
          if (accepted % 1000 === 0) process.stdout.write(`accepted ${accepted}\n`);
        } else {
          const parsed = await simpleParser(raw);
          process.stdout.write(
            JSON.stringify({
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              from: parsed.from?.text,
              subject: parsed.subject,
              text: parsed.text,
              messageId: parsed.messageId,
              language: parsed.headers.get('content-language'),
              listUnsubscribe: parsed.headerLines
                .find((h) => h.key === 'list-unsubscribe')
                ?.line.replace(/^List-Unsubscribe:\s*/i, ''),
            }) + '\n',
          );
        }
        callback();
      };
      done().catch((error: Error) => callback(error));
    });
  },
});

// A client killed mid-conversation resets its connection; the server carries on.
server.on('error', () => undefined);
server.listen(Number(process.env.SINK_PORT ?? 0), '127.0.0.1', () => {
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`listening ${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
