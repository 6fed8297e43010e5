/**
 * The server's side of the channel: while `longitude serve` owns an embedded data folder, other
 * `longitude` commands use its open database through this listener instead of opening the
 * folder themselves. It listens on 127.0.0.1 only, on a port the system picks, and writes the
 * port and a random token to `longitude.lock/channel.json` (mode 0600, in a folder of mode
 * 0700), so only the folder's owner can connect; a connection that does not send the token
 * first is closed.
 *
 * A command's statement takes the server's one connection and holds it until the command lets
 * go (after a single statement, or at the end of a transaction), so nothing of the server's
 * own interleaves with a command's transaction. A command that disconnects or stays silent for
 * a minute while holding it is rolled back and let go.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import path from 'node:path';
import { CompiledQuery, type DatabaseConnection, type Kysely } from 'kysely';
import {
  decodeValue,
  encodeValue,
  FrameReader,
  maxMessageBytes,
  maxTokenBytes,
  type ChannelReply,
  type ChannelRequest,
} from './channel-frames.js';

export const channelFileName = 'channel.json';

/** What a command reads to connect. */
export interface ChannelInfo {
  pid: number;
  port: number;
  token: string;
}

/** Longest a command may hold the server's connection without a word. */
const holdLimitMs = 60_000;
const authLimitMs = 5_000;

export interface Channel {
  port: number;
  close(): Promise<void>;
}

export async function openChannel(db: Kysely<unknown>, lockDir: string): Promise<Channel> {
  const token = randomBytes(32).toString('hex');
  const sessions = new Set<Session>();
  const server = createServer((socket) => {
    const session = new Session(db, socket, Buffer.from(token));
    sessions.add(session);
    void session.ended.then(() => sessions.delete(session));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const file = path.join(lockDir, channelFileName);
  const info: ChannelInfo = { pid: process.pid, port, token };
  writeFileSync(`${file}.tmp`, JSON.stringify(info), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return {
    port,
    async close() {
      try {
        unlinkSync(file);
      } catch {
        // Already gone.
      }
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sessions) s.end();
      });
      await Promise.all([...sessions].map((s) => s.ended));
    },
  };
}

interface Held {
  connection: DatabaseConnection;
  letGo: () => void;
}

/** One command's connection: statements run one after another, in the order they came. */
class Session {
  private reader = new FrameReader(maxTokenBytes);
  private authenticated = false;
  private held: Held | undefined;
  private inTransaction = false;
  private work: Promise<void> = Promise.resolve();
  private idle: NodeJS.Timeout | undefined;
  readonly ended: Promise<void>;

  constructor(
    private readonly db: Kysely<unknown>,
    private readonly socket: Socket,
    private readonly token: Buffer,
  ) {
    this.idle = setTimeout(() => socket.destroy(), authLimitMs);
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
    this.ended = new Promise<void>((resolve) => {
      socket.on('close', () => {
        clearTimeout(this.idle);
        // Whatever was still running finishes first; then an open transaction is rolled back.
        this.work = this.work.then(() => this.letGo());
        void this.work.then(resolve);
      });
    });
  }

  end(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    let messages: Buffer[];
    try {
      messages = this.reader.push(chunk);
    } catch {
      this.socket.destroy();
      return;
    }
    for (const m of messages) {
      if (!this.authenticated) {
        if (m.length !== this.token.length || !timingSafeEqual(m, this.token)) {
          this.socket.destroy();
          return;
        }
        this.authenticated = true;
        this.reader.limit = maxMessageBytes;
        clearTimeout(this.idle);
        this.socket.write(encodeValue({ ok: true }));
        continue;
      }
      let request: ChannelRequest;
      try {
        request = decodeValue(m) as ChannelRequest;
      } catch {
        this.socket.destroy();
        return;
      }
      clearTimeout(this.idle);
      this.work = this.work.then(() => this.handle(request));
    }
  }

  private async handle(request: ChannelRequest): Promise<void> {
    if (this.socket.destroyed) return;
    if ('release' in request) {
      await this.letGo();
      return;
    }
    let reply: ChannelReply;
    try {
      this.held ??= await this.take();
      const result = await this.held.connection.executeQuery(
        CompiledQuery.raw(request.sql, [...request.parameters]),
      );
      if (request.transaction === 'begin') this.inTransaction = true;
      if (request.transaction === 'end') this.inTransaction = false;
      reply = { rows: result.rows, affected: result.numAffectedRows };
    } catch (error) {
      if (request.transaction === 'end') this.inTransaction = false;
      reply = { error: errorFields(error) };
    }
    if (this.held) this.idle = setTimeout(() => this.socket.destroy(), holdLimitMs);
    try {
      this.socket.write(encodeValue(reply));
    } catch {
      this.socket.destroy();
    }
  }

  /** Takes the database's connection and keeps it until letGo(). */
  private take(): Promise<Held> {
    return new Promise<Held>((resolve, reject) => {
      this.db
        .getExecutor()
        .provideConnection(
          (connection) =>
            new Promise<void>((letGo) => {
              resolve({ connection, letGo });
            }),
        )
        .catch(reject);
    });
  }

  private async letGo(): Promise<void> {
    clearTimeout(this.idle);
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    if (this.inTransaction) {
      this.inTransaction = false;
      await held.connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined);
    }
    held.letGo();
  }
}

/** A database error's message and fields (SQLSTATE `code`, `constraint`, `detail`...). */
function errorFields(error: unknown): { message: string; [property: string]: unknown } {
  const e = error as Record<string, unknown>;
  const fields: { message: string; [property: string]: unknown } = {
    message: error instanceof Error ? error.message : String(error),
  };
  for (const [k, v] of Object.entries(e ?? {}))
    if (typeof v === 'string' || typeof v === 'number') fields[k] = v;
  return fields;
}
