import { sql } from 'kysely';
import type { Dialect, Executor } from './database.js';
import { runSql } from './direct.js';

// The SQL every durable send queue shares (the chat outbox, post deliveries, Zalo group posts): each table has
// status, channel, attempts, next_attempt_at, claimed_until and last_error. SQL text, so that the
// literal status = 'pending' lets the planners use a partial index on pending rows.

/** Tables the delivery dispatcher drains. */
export type QueueTable = 'outbox' | 'post_deliveries' | 'zalo_group_posts';

export const QUEUE_TABLES: readonly QueueTable[] = ['outbox', 'post_deliveries', 'zalo_group_posts'];

export interface Claim {
  dialect: Dialect;
  channel: string;
  now: number;
  /** How long the claim holds before another worker may take the row over. */
  leaseMs: number;
  limit: number;
}

/**
 * Claims due rows of one channel with a lease and counts the attempt. PostgreSQL skips rows other
 * workers hold (FOR UPDATE SKIP LOCKED); SQLite runs a single worker.
 */
export async function claimDueRows<R>(db: Executor, table: QueueTable, claim: Claim): Promise<R[]> {
  const { now, limit } = claim;
  if (limit <= 0) return [];
  const t = sql.table(table);
  const lock = claim.dialect === 'postgres' ? sql` for update skip locked` : sql``;
  return runSql(
    db,
    sql<R>`update ${t} set claimed_until = ${now + claim.leaseMs}, attempts = attempts + 1
    where id in (select id from ${t} where status = 'pending' and channel = ${claim.channel}
      and next_attempt_at <= ${now} and (claimed_until is null or claimed_until < ${now})
      order by next_attempt_at limit ${limit}${lock})
    returning *`,
  );
}

/** Releases a claimed row to be tried again at `at`. */
export async function scheduleRetryRow(
  db: Executor,
  table: QueueTable,
  id: string,
  at: number,
  error: string,
): Promise<void> {
  await runSql(
    db,
    sql`update ${sql.table(table)} set next_attempt_at = ${at}, claimed_until = null,
    last_error = ${error.slice(0, 500)} where id = ${id}`,
  );
}

/**
 * Releases a claimed row untried, to be taken again at `at`: the attempt its claim counted is
 * given back (a send held back by a rate limit shared between processes is no failed attempt).
 */
export async function deferRow(db: Executor, table: QueueTable, id: string, at: number): Promise<void> {
  await runSql(
    db,
    sql`update ${sql.table(table)} set next_attempt_at = ${at}, claimed_until = null,
    attempts = attempts - 1 where id = ${id}`,
  );
}

/** Gives up on a claimed row for good. */
export async function markFailedRow(db: Executor, table: QueueTable, id: string, error: string): Promise<void> {
  await runSql(
    db,
    sql`update ${sql.table(table)} set status = 'failed', claimed_until = null,
    last_error = ${error.slice(0, 500)} where id = ${id}`,
  );
}

/** Rows waiting to be sent (due or not), per channel. */
export async function pendingCounts(db: Executor, table: QueueTable): Promise<{ channel: string; pending: number }[]> {
  const rows = await runSql(
    db,
    sql<{ channel: string; pending: number | string }>`select channel, count(*) as pending
    from ${sql.table(table)} where status = 'pending' group by channel`,
  );
  return rows.map((r) => ({ channel: r.channel, pending: Number(r.pending) }));
}
