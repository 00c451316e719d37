import type { Dialect, Executor } from '../../db/database.js';
import { waitAfter, type ThrottleRule } from './login-throttle.js';

export type Admission = { admitted: true; attempts: number } | { admitted: false; retryAt: number };

/**
 * Counts an attempt on one throttle row unless its wait is still running, and starts the wait the
 * new count calls for. Atomic on both databases: the conditional UPDATE takes the row lock (or
 * SQLite's single writer), so of concurrent attempts only those the count allows get through.
 */
export async function admit(trx: Executor, key: string, rule: ThrottleRule, now: number): Promise<Admission> {
  // Twice at most: a prune may delete the row between the insert and the update.
  for (let round = 0; ; round++) {
    await trx
      .insertInto('loginThrottle')
      .values({ key, failures: 0, blockedUntil: 0, lastAttemptAt: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const counted = await trx
      .updateTable('loginThrottle')
      .set((eb) => ({
        failures: eb
          .case()
          .when('lastAttemptAt', '<', now - rule.forgetMs)
          .then(1)
          .else(eb('failures', '+', 1))
          .end(),
        lastAttemptAt: now,
      }))
      .where('key', '=', key)
      .where('blockedUntil', '<=', now)
      .returning('failures')
      .executeTakeFirst();
    if (counted) {
      const wait = waitAfter(rule, counted.failures);
      if (wait > 0) {
        await trx
          .updateTable('loginThrottle')
          .set({ blockedUntil: now + wait })
          .where('key', '=', key)
          .execute();
      }
      return { admitted: true, attempts: counted.failures };
    }
    const row = await trx.selectFrom('loginThrottle').select('blockedUntil').where('key', '=', key).executeTakeFirst();
    if (row) return { admitted: false, retryAt: row.blockedUntil };
    if (round >= 1) throw new Error('login throttle row deleted twice while counting');
  }
}

/** Takes back one counted attempt that turned out not to be a wrong guess (the wait it started stays). */
export async function refund(trx: Executor, key: string): Promise<void> {
  await trx
    .updateTable('loginThrottle')
    .set((eb) => ({
      failures: eb
        .case()
        .when('failures', '>', 0)
        .then(eb('failures', '-', 1))
        .else(0)
        .end(),
    }))
    .where('key', '=', key)
    .execute();
}

/** Forgets a row (a client that just signed in, or whose officer's password was reset). */
export async function forget(trx: Executor, key: string): Promise<void> {
  await trx.deleteFrom('loginThrottle').where('key', '=', key).execute();
}

/**
 * Deletes rows nobody has touched since `before`. On PostgreSQL it skips rows an attempt holds, so it
 * never waits for one (and never takes part in a deadlock); admit() copes with a row deleted under it.
 */
export async function prune(trx: Executor, dialect: Dialect, before: number): Promise<void> {
  await trx
    .deleteFrom('loginThrottle')
    .where('key', 'in', (eb) =>
      eb
        .selectFrom('loginThrottle')
        .select('key')
        .where('lastAttemptAt', '<', before)
        .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
    )
    .execute();
}
