/**
 * `longitude serve` (what `npm start` runs): migrate, optionally load the example study,
 * listen, print the addresses to open, and close the database cleanly on SIGINT/SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStudyFolder, listStudySummaries } from '../../fieldwork/studies.js';
import { openAndMigrate } from '../../store/database.js';
import { buildApp } from '../../web/app.js';
import { configFrom } from '../database.js';
import type { Io } from '../io.js';
import type { DatabaseFlags } from '../main.js';

export const exampleStudyDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../examples/exile-panel',
);

export async function serve(
  flags: DatabaseFlags & { port?: string; host?: string; example?: boolean },
  io: Io,
): Promise<number> {
  const config = configFrom(flags, io);
  const store = await openAndMigrate({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (flags.example && (await listStudySummaries(store.db)).length === 0) {
      const loaded = await loadStudyFolder(store.db, exampleStudyDir);
      io.out(
        `Loaded the example study '${loaded.study}' from ${path.relative(process.cwd(), exampleStudyDir) || '.'}.`,
      );
    }
    const app = await buildApp({ store, logLevel: config.logLevel });
    await app.listen({ port: config.port, host: config.host });
    const database =
      store.kind === 'embedded'
        ? `embedded database in ${config.dataDir} (for pilots and demos; use DATABASE_URL for fieldwork)`
        : 'PostgreSQL server from DATABASE_URL';
    for (const address of addresses(app.addresses())) io.out(`Longitude is running at ${address}`);
    io.out(`Database: ${database}.`);
    io.out('Press Ctrl+C to stop.');
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    io.out('Stopping…');
    await app.close();
    return 0;
  } finally {
    await store.close();
  }
}

function addresses(list: (string | AddressInfo)[]): string[] {
  return list
    .map((a) => (typeof a === 'string' ? { address: a, port: 0, family: 'unix' } : a))
    .map(({ address, port, family }) =>
      family === 'IPv6' ? `http://[${address}]:${port}/` : `http://${address}:${port}/`,
    );
}
