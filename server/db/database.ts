import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CamelCasePlugin,
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase,
  type Transaction,
} from 'kysely';
import type pg from 'pg';
import type { Config } from '../config.js';
import { registerDirect } from './direct.js';
import { GroupCommit, runAfterCommit, type CommitStats, type Work } from './group-commit.js';
import { migrationProvider } from './migrations/index.js';
import type { DB } from './schema/index.js';

export type Dialect = 'sqlite' | 'postgres';
export type Executor = Kysely<DB> | Transaction<DB>;

/** A Kysely handle plus what the services need to know about the database behind it. */
export interface Database {
  /**
   * Reads. On SQLite a read-only connection that sees committed data only: every write goes
   * through transaction(), so that what a caller is told was stored is on disk.
   */
  db: Kysely<DB>;
  dialect: Dialect;
  /**
   * Runs fn in one transaction and resolves once it is committed; afterCommit callbacks run only
   * after the commit. On SQLite concurrent transactions share one commit (see GroupCommit).
   */
  transaction<T>(fn: Work<T>): Promise<T>;
  /** Migrations only: the writing connection, outside any transaction. */
  schema: Kysely<DB>;
  /** SQLite's group commit counters (PostgreSQL commits each transaction itself). */
  commitStats(): CommitStats | null;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Which database an executor talks to (for the few statements the two dialects spell differently). */
export function dialectOf(db: Executor): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
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
 * keep their prepared statements (shared with runSql's direct statements). Safe because
 * better-sqlite3 runs each statement to completion, synchronously, one at a time per connection.
 */
function statementCache(sqlite: SQLite.Database): (sql: string) => SQLite.Statement {
  const cache = new Map<string, SQLite.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= 1000) cache.clear();
      statement = sqlite.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}

/** A Kysely instance over a connection, and the connection's cached prepare for direct statements. */
function sqliteKysely(sqlite: SQLite.Database): { db: Kysely<DB>; prepare: (sql: string) => SQLite.Statement } {
  const prepare = statementCache(sqlite);
  const database: SqliteDatabase = { close: () => sqlite.close(), prepare };
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database }), plugins: [new CamelCasePlugin()] });
  return { db, prepare };
}

/**
 * SQLite in WAL mode: one connection writes (all transactions, group-committed), another,
 * read-only, serves reads of committed data and never waits for a commit.
 */
function openSqlite(file: string, options: OpenOptions): Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const writerHandle = new SQLite(file);
  writerHandle.pragma('journal_mode = WAL');
  // FULL: an acknowledged write survives a power cut, not only a process crash. The group commit
  // shares each fsync among all the transactions of a batch.
  writerHandle.pragma('synchronous = FULL');
  writerHandle.pragma('foreign_keys = ON');
  writerHandle.pragma('busy_timeout = 5000');
  const readerHandle = new SQLite(file, { readonly: true });
  readerHandle.pragma('busy_timeout = 5000');
  for (const handle of [writerHandle, readerHandle]) handle.pragma('cache_size = -65536');
  const { db: writer, prepare: prepareWriter } = sqliteKysely(writerHandle);
  const { db, prepare: prepareReader } = sqliteKysely(readerHandle);
  registerDirect(db, prepareReader);
  const group = new GroupCommit(
    {
      writer,
      onBatch: (trx) => registerDirect(trx, prepareWriter),
      exec: (text) => void prepareWriter(text).run(),
      ...(options.report ? { report: options.report } : {}),
    },
    { maxBatch: 256, maxWaitMs: 20 },
  );
  return {
    db,
    dialect: 'sqlite',
    schema: writer,
    transaction: (fn) => group.run(fn),
    commitStats: () => ({ ...group.stats }),
    async ping() {
      await db.selectFrom('auditHead').select('id').limit(1).execute();
    },
    async close() {
      await db.destroy();
      await writer.destroy();
    },
  };
}

export interface OpenOptions {
  /**
   * Told about failures no caller sees: an idle pooled PostgreSQL connection that died (the pool
   * replaces it), a failed rollback, an afterCommit callback that threw.
   */
  report?: (where: string, err: unknown) => void;
}

/** Opens the configured database (SQLite file in WAL mode, or a PostgreSQL pool). */
export async function openDatabase(config: Pick<Config, 'database'>, options: OpenOptions = {}): Promise<Database> {
  const { database } = config;
  if (database.kind === 'sqlite') return openSqlite(database.file, options);
  // Loaded only when PostgreSQL is configured: a SQLite installation never pays for it.
  const { default: pgLib } = await import('pg');
  const pool = new pgLib.Pool({ connectionString: database.url, max: 10, types: epochMillisTypes(pgLib) });
  // An idle client whose server connection died (PostgreSQL restarted, an admin ended it) must not
  // crash the process: the pool discards it and connects anew; queries in flight still fail to
  // their callers.
  pool.on('error', (err) => options.report?.('db.pool', err));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  return {
    db,
    dialect: 'postgres',
    schema: db,
    async transaction(fn) {
      const callbacks: (() => void)[] = [];
      const result = await db.transaction().execute((trx) => fn(trx, (cb) => callbacks.push(cb)));
      runAfterCommit(callbacks, options.report);
      return result;
    },
    commitStats: () => null,
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
  const migrator = new Migrator({ db: database.schema, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(
      `Migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
    );
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
