import type SQLite from 'better-sqlite3';
import type { Kysely, RawBuilder, Transaction } from 'kysely';
import type { DB } from './schema/index.js';

/** What runSql runs on (database.ts's Executor, spelt out here so the two files do not import each other). */
type Executor = Kysely<DB> | Transaction<DB>;

// Kysely's executor costs a few microseconds a statement (connection provider, plugins, promise
// hops). The statements every resident message runs are SQL text (see conversations.repository.ts);
// on SQLite they go straight to the connection's prepared statement when the executor is one this
// process opened: the same SQL and parameters Kysely would send, rows mapped to camelCase as the
// CamelCasePlugin maps them. Any other executor (PostgreSQL) goes through Kysely.

type Runner = (query: RawBuilder<unknown>) => unknown[];

// The runner is a property of the executors this process's SQLite connections hand out (the
// reader, and each group-commit batch's transaction), set by database.ts when it opens them.
const DIRECT = Symbol('ketnoi.direct');
type WithRunner = { [DIRECT]?: Runner };
const camelNames = new Map<string, string>();

function camel(name: string): string {
  let out = camelNames.get(name);
  if (out === undefined) {
    out = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    camelNames.set(name, out);
  }
  return out;
}

function camelRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in row) out[camel(key)] = row[key];
  return out;
}

/** Lets `runSql` use this SQLite connection directly for statements run on `executor`. */
export function registerDirect(executor: Executor, prepare: (sql: string) => SQLite.Statement): void {
  // SQL text names its columns itself: compile without the CamelCasePlugin's pass over the query.
  const compiler = executor.withoutPlugins();
  Object.defineProperty(executor, DIRECT, {
    enumerable: false,
    value: (query: RawBuilder<unknown>) => {
      const { sql, parameters } = query.compile(compiler);
      const statement = prepare(sql);
      if (statement.reader) return (statement.all(parameters) as Record<string, unknown>[]).map(camelRow);
      statement.run(parameters);
      return [];
    },
  });
}

/** Runs SQL text and returns its rows (camelCase keys). */
export async function runSql<R>(db: Executor, query: RawBuilder<R>): Promise<R[]> {
  const run = (db as WithRunner)[DIRECT];
  if (!run) return (await query.execute(db)).rows;
  return run(query) as R[];
}
