/**
 * `longitude serve` (what `npm start` runs): migrate, optionally load the example study,
 * listen, print the addresses to open, and close the database cleanly on SIGINT/SIGTERM.
 */
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadStudyFolder, listStudySummaries } from '../../fieldwork/studies.js';
import { Problem } from '../../problems/problem.js';
import { loadServerSecret } from '../../security/server-secret.js';
import { openAndMigrate, openDatabase } from '../../store/database.js';
import { buildApp, type ServerSecrets } from '../../web/app.js';
import { configFrom } from '../database.js';
import { exampleStudyDir } from '../example.js';
import { runDemo } from './demo.js';
import type { Io } from '../io.js';
import type { DatabaseFlags } from '../main.js';

type ServeFlags = DatabaseFlags & {
  port?: string;
  host?: string;
  example?: boolean;
  empty?: boolean;
  workers?: string;
  trustProxy?: string;
};

export async function serve(flags: ServeFlags, io: Io): Promise<number> {
  if (cluster.isWorker) return serveWorker(flags, io);
  const config = configFrom(flags, io);
  if (config.workers > 1 && !config.databaseUrl)
    throw new Problem(
      'config.invalid',
      'LONGITUDE_WORKERS (--workers) above 1 needs a PostgreSQL server (DATABASE_URL): the embedded database belongs to one process.',
      { field: 'LONGITUDE_WORKERS' },
    );
  // The data folder is this server's alone; other commands use it through the server.
  const store = await openAndMigrate({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    command: 'longitude serve',
    alone: true,
  });
  try {
    // Made before any worker starts, so that every process reads the same one.
    await loadServerSecret(config.secretFile);
    if (flags.example && (await listStudySummaries(store.db)).length === 0) {
      const loaded = await loadStudyFolder(store.db, exampleStudyDir);
      io.out(
        `Loaded the example study '${loaded.study}' from ${path.relative(process.cwd(), exampleStudyDir) || '.'}.`,
      );
    }
    if (config.workers > 1) {
      await store.close();
      return await servePrimary(config.workers, io);
    }
    const app = await buildApp({
      store,
      logLevel: config.logLevel,
      serverSecret: await loadServerSecret(config.secretFile),
      web: config,
    });
    await app.listen({ port: config.port, host: config.host });
    await store.share?.();
    const database =
      store.kind === 'embedded'
        ? `embedded database in ${config.dataDir} (for pilots and demos; use DATABASE_URL for fieldwork)`
        : 'PostgreSQL server from DATABASE_URL';
    for (const address of addresses(app.addresses())) io.out(`Longitude is running at ${address}`);
    io.out(`Database: ${database}.`);
    const stop = stopSignal();
    // The first run with the example: simulated data, quality rules and the report, while the
    // server already answers.
    if (flags.example && !flags.empty && !config.empty) {
      const out =
        store.kind === 'embedded'
          ? path.join(config.dataDir, 'report')
          : path.resolve('longitude-report');
      const publicUrl = config.publicUrlGiven
        ? config.publicUrl
        : (addresses(app.addresses())[0] ?? config.publicUrl);
      // Stopping mid-way ends the simulation between respondents: what was simulated stays,
      // and the next start simulates again only if the study has no responses at all.
      const abort = new AbortController();
      void stop.then(() => abort.abort());
      try {
        await runDemo(store, { ...config.demoSizes, out, publicUrl, signal: abort.signal }, io);
      } catch (error) {
        if (!abort.signal.aborted) throw error;
      }
    }
    io.out('Press Ctrl+C to stop.');
    await stop;
    io.out('Stopping…');
    await app.close();
    return 0;
  } finally {
    await store.close();
  }
}

/** Resolves on the first SIGINT or SIGTERM. */
function stopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Several server processes on one port (node's cluster module): this process made the schema
 * and loaded the example; it gives each worker the same in-memory keys over the IPC channel,
 * replaces a worker that dies, and stops them all on SIGINT or SIGTERM.
 */
async function servePrimary(workers: number, io: Io): Promise<number> {
  const secrets = { signing: randomBytes(32), proofOfWork: randomBytes(32) };
  const message = {
    longitudeSecrets: {
      signing: secrets.signing.toString('base64'),
      proofOfWork: secrets.proofOfWork.toString('base64'),
    },
  };
  let stopping = false;
  const start = (): Worker => {
    const worker = cluster.fork();
    // The worker asks once its listener is in place (a message sent earlier would be lost).
    worker.on('message', (m: unknown) => {
      if ((m as { longitudeNeedsSecrets?: boolean }).longitudeNeedsSecrets) worker.send(message);
    });
    return worker;
  };
  let announced = false;
  cluster.on('listening', (_worker, address) => {
    if (announced) return;
    announced = true;
    const host = address.address ?? '127.0.0.1';
    const url = host.includes(':')
      ? `http://[${host}]:${address.port}/`
      : `http://${host}:${address.port}/`;
    io.out(`Longitude is running at ${url}`);
    io.out(`Database: PostgreSQL server from DATABASE_URL; ${workers} server processes.`);
    io.out('Press Ctrl+C to stop.');
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    io.err(
      `A server process (${worker.process.pid}) stopped (${signal ?? `exit ${code}`}); starting another.`,
    );
    start();
  });
  for (let k = 0; k < workers; k++) start();
  await stopSignal();
  stopping = true;
  io.out('Stopping…');
  await Promise.all(
    Object.values(cluster.workers ?? {}).map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (!worker || worker.isDead()) return resolve();
          worker.once('exit', () => resolve());
          worker.process.kill('SIGTERM');
        }),
    ),
  );
  return 0;
}

/** A worker: waits for the shared keys, then serves until told to stop. */
async function serveWorker(flags: ServeFlags, io: Io): Promise<number> {
  const config = configFrom(flags, io);
  const secrets = await new Promise<ServerSecrets>((resolve) => {
    const onMessage = (m: unknown): void => {
      const s = (m as { longitudeSecrets?: { signing: string; proofOfWork: string } })
        .longitudeSecrets;
      if (!s) return;
      process.off('message', onMessage);
      resolve({
        signing: Buffer.from(s.signing, 'base64'),
        proofOfWork: Buffer.from(s.proofOfWork, 'base64'),
      });
    };
    process.on('message', onMessage);
    process.send?.({ longitudeNeedsSecrets: true });
  });
  const store = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const app = await buildApp({
      store,
      logLevel: config.logLevel,
      secrets,
      serverSecret: await loadServerSecret(config.secretFile),
      web: config,
    });
    await app.listen({ port: config.port, host: config.host });
    await stopSignal();
    await app.close();
    return 0;
  } finally {
    await store.close();
    // The channel to the first process would keep this one alive.
    cluster.worker?.disconnect();
  }
}

function addresses(list: (string | AddressInfo)[]): string[] {
  return list
    .map((a) => (typeof a === 'string' ? { address: a, port: 0, family: 'unix' } : a))
    .map(({ address, port, family }) =>
      family === 'IPv6' ? `http://[${address}]:${port}/` : `http://${address}:${port}/`,
    );
}
