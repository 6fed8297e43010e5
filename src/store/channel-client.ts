/**
 * A command's side of the channel (see channel-server.ts): a Kysely driver whose connections
 * send each statement (SQL and parameters) to the running server and get its rows back. The
 * command runs as it would on the folder itself; only the statements travel. A connection
 * holds the server's database from its first statement until Kysely releases it, so a
 * transaction or a cursor here is one transaction there.
 */
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { Problem } from '../problems/problem.js';
import {
  decodeValue,
  encodeFrame,
  encodeValue,
  FrameReader,
  maxMessageBytes,
  type ChannelReply,
  type ChannelRequest,
} from './channel-frames.js';
import { channelFileName, type ChannelInfo } from './channel-server.js';

/** The channel file of the server that holds the folder, if that process wrote one. */
export function readChannelInfo(lockDir: string, pid: number): ChannelInfo | undefined {
  try {
    const info = JSON.parse(
      readFileSync(path.join(lockDir, channelFileName), 'utf8'),
    ) as ChannelInfo;
    return info.pid === pid && typeof info.port === 'number' && typeof info.token === 'string'
      ? info
      : undefined;
  } catch {
    return undefined;
  }
}

/** Opens one connection and checks the token; rejects when the server cannot be reached or refuses. */
export async function connectChannel<DB>(info: ChannelInfo): Promise<Kysely<DB>> {
  const first = await ChannelConnection.open(info);
  return new Kysely<DB>({ dialect: new ChannelDialect(info, first) });
}

class ChannelDialect implements Dialect {
  constructor(
    private readonly info: ChannelInfo,
    private readonly first: ChannelConnection,
  ) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new ChannelDriver(this.info, this.first);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

class ChannelDriver implements Driver {
  private idle: ChannelConnection[];
  private all = new Set<ChannelConnection>();

  constructor(
    private readonly info: ChannelInfo,
    first: ChannelConnection,
  ) {
    this.idle = [first];
    this.all.add(first);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const reused = this.idle.pop();
    if (reused) return reused;
    const c = await ChannelConnection.open(this.info);
    this.all.add(c);
    return c;
  }

  async beginTransaction(c: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let text = 'start transaction';
    if (settings.isolationLevel) text += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode) text += ` ${settings.accessMode}`;
    await (c as ChannelConnection).run(text, 'begin');
  }

  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await (c as ChannelConnection).run('commit', 'end');
  }

  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await (c as ChannelConnection).run('rollback', 'end');
  }

  async savepoint(c: DatabaseConnection, name: string): Promise<void> {
    await (c as ChannelConnection).run(`savepoint ${quoteName(name)}`);
  }

  async rollbackToSavepoint(c: DatabaseConnection, name: string): Promise<void> {
    await (c as ChannelConnection).run(`rollback to savepoint ${quoteName(name)}`);
  }

  async releaseSavepoint(c: DatabaseConnection, name: string): Promise<void> {
    await (c as ChannelConnection).run(`release savepoint ${quoteName(name)}`);
  }

  async releaseConnection(c: DatabaseConnection): Promise<void> {
    const connection = c as ChannelConnection;
    connection.release();
    if (connection.usable()) this.idle.push(connection);
    else this.all.delete(connection);
  }

  async destroy(): Promise<void> {
    for (const c of this.all) c.close();
    this.all.clear();
    this.idle = [];
  }
}

function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

interface Pending {
  resolve: (reply: ChannelReply) => void;
  reject: (error: Error) => void;
}

class ChannelConnection implements DatabaseConnection {
  private pending: Pending[] = [];
  private reader = new FrameReader(maxMessageBytes);
  private closed: Error | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly pid: number,
  ) {
    socket.on('data', (chunk) => {
      let messages: Buffer[];
      try {
        messages = this.reader.push(chunk);
      } catch (error) {
        this.fail(error as Error);
        return;
      }
      for (const m of messages) this.pending.shift()?.resolve(decodeValue(m) as ChannelReply);
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('closed')));
  }

  static open(info: ChannelInfo): Promise<ChannelConnection> {
    return new Promise<ChannelConnection>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: info.port });
      socket.setNoDelay(true);
      const c = new ChannelConnection(socket, info.pid);
      // The first answer is the server's welcome after the token; a refusal closes the socket.
      c.pending.push({ resolve: () => resolve(c), reject });
      socket.write(encodeFrame(Buffer.from(info.token)));
    });
  }

  usable(): boolean {
    return this.closed === undefined;
  }

  run(text: string, transaction?: 'begin' | 'end'): Promise<QueryResult<unknown>> {
    return this.executeQuery(CompiledQuery.raw(text), transaction);
  }

  async executeQuery<R>(
    query: CompiledQuery,
    transaction?: 'begin' | 'end',
  ): Promise<QueryResult<R>> {
    const reply = await this.send({
      sql: query.sql,
      parameters: query.parameters,
      ...(transaction ? { transaction } : {}),
    });
    if ('error' in reply) throw Object.assign(new Error(reply.error.message), reply.error);
    return {
      rows: reply.rows as R[],
      ...(reply.affected !== undefined ? { numAffectedRows: reply.affected } : {}),
    };
  }

  async *streamQuery<R>(
    query: CompiledQuery,
    chunkSize = 1000,
  ): AsyncIterableIterator<QueryResult<R>> {
    // Whole results, given in chunks (as the embedded driver does); exports page through a
    // cursor instead, which works here as on the folder.
    const { rows } = await this.executeQuery<R>(query);
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }

  /** Lets go of the server's connection (no answer awaited: the server goes on in order). */
  release(): void {
    if (!this.closed) this.write({ release: true });
  }

  close(): void {
    this.socket.destroy();
  }

  private send(request: ChannelRequest): Promise<ChannelReply> {
    if (this.closed) return Promise.reject(this.closed);
    return new Promise<ChannelReply>((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.write(request);
    });
  }

  private write(request: ChannelRequest): void {
    this.socket.write(encodeValue(request));
  }

  private fail(cause: Error): void {
    if (this.closed) return;
    this.closed = new Problem(
      'store.in-use',
      `The running 'longitude serve' (process ${this.pid}) closed the connection this command used (${cause.message}); run the command again once the server is up.`,
    );
    this.socket.destroy();
    for (const p of this.pending.splice(0)) p.reject(this.closed);
  }
}
