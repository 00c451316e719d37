import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CamelCasePlugin,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase,
  type Transaction,
} from 'kysely';
import type pg from 'pg';
import type { Config } from '../config.js';
import { migrationProvider } from './migrations/index.js';
import type { DB } from './schema/index.js';

export type Dialect = 'sqlite' | 'postgres';
export type Executor = Kysely<DB> | Transaction<DB>;

/** A Kysely handle plus what the services need to know about the database behind it. */
export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Runs fn in one transaction; afterCommit callbacks run only once the commit succeeded. */
  transaction<T>(fn: (trx: Transaction<DB>, afterCommit: (cb: () => void) => void) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

// Epoch-millisecond columns are bigint; pg returns those as strings unless told otherwise.
const INT8_OID = 20;
function epochMillisTypes(pgLib: typeof pg): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID
        ? (v: string) => Number(v)
        : (pgLib.types.getTypeParser(oid, format) as (v: string) => unknown)) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/**
 * Kysely prepares every query anew; the same few dozen SQL strings repeat on every request, so
 * keep their prepared statements. Safe because Kysely runs one statement at a time per connection.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        if (cache.size >= 1000) cache.clear();
        statement = sqlite.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/** Opens the configured database (SQLite file in WAL mode, or a PostgreSQL pool). */
export async function openDatabase(config: Pick<Config, 'database'>): Promise<Database> {
  const { database } = config;
  let db: Kysely<DB>;
  if (database.kind === 'sqlite') {
    if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true });
    const sqlite = new SQLite(database.file);
    sqlite.pragma('journal_mode = WAL');
    // FULL: an acknowledged write survives a power cut, not only a process crash.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<DB>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
      plugins: [new CamelCasePlugin()],
    });
  } else {
    // Loaded only when PostgreSQL is configured: a SQLite installation never pays for it.
    const { default: pgLib } = await import('pg');
    const pool = new pgLib.Pool({ connectionString: database.url, max: 10, types: epochMillisTypes(pgLib) });
    // An idle client whose server connection died (PostgreSQL restarted, an admin ended it) must not
    // crash the process: the pool discards it and connects anew; queries in flight still fail to
    // their callers.
    pool.on('error', () => undefined);
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  }
  const dialect: Dialect = database.kind;
  return {
    db,
    dialect,
    async transaction(fn) {
      const callbacks: (() => void)[] = [];
      const result = await db.transaction().execute((trx) => fn(trx, (cb) => callbacks.push(cb)));
      for (const cb of callbacks) cb();
      return result;
    },
    async ping() {
      await db.selectFrom('auditHead').select('id').limit(1).execute();
    },
    async close() {
      await db.destroy();
    },
  };
}

export interface MigrationReport {
  applied: string[];
}

export class MigrationError extends Error {
  readonly code = 'migration_failed';
}

/** Brings the schema to the newest migration. */
export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  const migrator = new Migrator({ db: database.db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(
      `Migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
    );
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
