/** Opens the configured database for a command, migrating it first. */
import { loadConfig, type Config } from '../config/config.js';
import { openAndMigrate, type Store } from '../store/database.js';
import type { Io } from './io.js';
import type { DatabaseFlags } from './main.js';

export function configFrom(
  flags: DatabaseFlags & { port?: string; host?: string; workers?: string; trustProxy?: string },
  io: Io,
): Config {
  return loadConfig(io.env, {
    DATABASE_URL: flags.databaseUrl,
    LONGITUDE_DATA: flags.data,
    PORT: flags.port,
    HOST: flags.host,
    LONGITUDE_WORKERS: flags.workers,
    LONGITUDE_TRUST_PROXY: flags.trustProxy,
  });
}

export async function withStore<T>(
  flags: DatabaseFlags,
  io: Io,
  work: (store: Store, config: Config) => Promise<T>,
): Promise<T> {
  const config = configFrom(flags, io);
  const store = await openAndMigrate({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    command: io.command,
  });
  try {
    return await work(store, config);
  } finally {
    await store.close();
  }
}
