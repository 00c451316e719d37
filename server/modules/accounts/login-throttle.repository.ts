import type { Executor } from '../../db/database.js';
import { waitAfter, type ThrottleRule } from './login-throttle.js';

export type Admission = { admitted: true; attempts: number } | { admitted: false; retryAt: number };

/**
 * Counts an attempt on one throttle row unless its wait is still running, and starts the wait the
 * new count calls for. Atomic on both databases: the conditional UPDATE takes the row lock (or
 * SQLite's single writer), so of concurrent attempts only those the count allows get through.
 */
export async function admit(trx: Executor, key: string, rule: ThrottleRule, now: number): Promise<Admission> {
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
  if (!counted) {
    const row = await trx
      .selectFrom('loginThrottle')
      .select('blockedUntil')
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    return { admitted: false, retryAt: row.blockedUntil };
  }
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

/** Deletes rows nobody has touched since `before`. */
export async function prune(trx: Executor, before: number): Promise<void> {
  await trx.deleteFrom('loginThrottle').where('lastAttemptAt', '<', before).execute();
}
