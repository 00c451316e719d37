import type { Config } from './config.js';
import { migrateToLatest, openDatabase, type Database } from './db/database.js';
import { loadOrCreateKey } from './lib/crypto.js';
import { systemClock, type Clock } from './lib/time.js';

/** Everything the services need, built once per process (or per test). */
export interface AppContext {
  config: Config;
  database: Database;
  /** 32-byte key from KEY_FILE that seals secrets at rest. */
  key: Buffer;
  clock: Clock;
}

/** Opens the database, runs migrations and loads the key: the composition root. */
export async function createContext(config: Config, clock: Clock = systemClock): Promise<AppContext> {
  const key = loadOrCreateKey(config.keyFile);
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  return { config, database, key, clock };
}
