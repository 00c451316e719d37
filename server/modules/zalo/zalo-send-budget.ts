import { zaloCallsOf, type ZaloSendStep } from '../../channels/zalo/outbound-plan.js';
import { ZALO_RATE_LIMIT_RETRY_MS } from '../../channels/zalo/send-steps.js';
import type { AppContext } from '../../context.js';
import type { Database, Executor } from '../../db/database.js';
import type { ZaloSendBudgetRow } from '../../db/schema/index.js';

// Each OA's budget of Zalo API calls, a token bucket kept in a row so every process draws on the
// same one: Zalo counts an OA's calls (and answers -32) whichever server makes them. A send takes
// what its calls need before the first call, or is deferred untried; -32 pauses the OA for all.

export interface ZaloSendLimits {
  /** Calls per minute the bucket refills. */
  perMinute: number;
  /** Calls that may go at once after a quiet spell (the bucket's size). */
  burst: number;
}

export type BudgetState = Pick<ZaloSendBudgetRow, 'tokens' | 'refilledAt' | 'pausedUntil'>;

export type BudgetDecision =
  | { granted: true; next: BudgetState }
  /** waitMs: how long until what was asked for is there (or the pause ends). */
  | { granted: false; waitMs: number; next: BudgetState };

/** The bucket's answer to `want` calls at `now`; pure. A send of more calls than the burst takes the whole burst. */
export function takeFromBudget(
  current: BudgetState,
  want: number,
  now: number,
  limits: ZaloSendLimits,
): BudgetDecision {
  if (now < current.pausedUntil) return { granted: false, waitMs: current.pausedUntil - now, next: current };
  const elapsed = Math.max(0, now - current.refilledAt);
  const tokens = Math.min(limits.burst, current.tokens + (elapsed * limits.perMinute) / 60_000);
  const need = Math.min(Math.max(want, 0), limits.burst);
  if (tokens >= need) return { granted: true, next: { tokens: tokens - need, refilledAt: now, pausedUntil: 0 } };
  const waitMs = Math.ceil(((need - tokens) * 60_000) / limits.perMinute);
  return { granted: false, waitMs, next: { tokens, refilledAt: now, pausedUntil: current.pausedUntil } };
}

/**
 * The OA's row, created full when missing and locked on PostgreSQL until the transaction ends
 * (SQLite has one writer); two processes' first sends both find the one row.
 */
async function lockBudget(
  trx: Executor,
  database: Database,
  oaId: string,
  now: number,
  limits: ZaloSendLimits,
): Promise<BudgetState> {
  await trx
    .insertInto('zaloSendBudgets')
    .values({ oaId, tokens: limits.burst, refilledAt: now, pausedUntil: 0 })
    .onConflict((oc) => oc.column('oaId').doNothing())
    .execute();
  return trx
    .selectFrom('zaloSendBudgets')
    .select(['tokens', 'refilledAt', 'pausedUntil'])
    .where('oaId', '=', oaId)
    .$if(database.dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirstOrThrow();
}

async function saveBudget(trx: Executor, oaId: string, next: BudgetState): Promise<void> {
  await trx.updateTable('zaloSendBudgets').set(next).where('oaId', '=', oaId).execute();
}

/**
 * Takes `calls` from the OA's budget: 0 when granted, else the milliseconds to wait before asking
 * again. The row is locked for the read and write on PostgreSQL (SQLite has one writer).
 */
export async function takeZaloCalls(
  database: Database,
  oaId: string,
  calls: number,
  now: number,
  limits: ZaloSendLimits,
): Promise<number> {
  return database.transaction(async (trx) => {
    const decision = takeFromBudget(await lockBudget(trx, database, oaId, now, limits), calls, now, limits);
    await saveBudget(trx, oaId, decision.next);
    return decision.granted ? 0 : decision.waitMs;
  });
}

/** Zalo answered -32: no process calls for this OA until `until`, and the bucket starts empty. */
export async function pauseZaloCalls(
  database: Database,
  oaId: string,
  until: number,
  now: number,
  limits: ZaloSendLimits,
): Promise<void> {
  await database.transaction(async (trx) => {
    const row = await lockBudget(trx, database, oaId, now, limits);
    const pausedUntil = Math.max(row.pausedUntil, until);
    await saveBudget(trx, oaId, { tokens: 0, refilledAt: pausedUntil, pausedUntil });
  });
}

/** What a Zalo sender asks of the budget before its first call: 0 to go ahead, else the ms to defer. */
export async function budgetSteps(
  ctx: Pick<AppContext, 'database' | 'clock' | 'config'>,
  oaId: string,
  steps: readonly ZaloSendStep[],
): Promise<number> {
  return takeZaloCalls(ctx.database, oaId, zaloCallsOf(steps), ctx.clock.now(), ctx.config.zalo.calls);
}

/** Zalo answered -32 to one of the OA's calls: every process waits a minute for that OA. */
export async function pauseAfterRateLimit(
  ctx: Pick<AppContext, 'database' | 'clock' | 'config'>,
  oaId: string,
): Promise<void> {
  const now = ctx.clock.now();
  await pauseZaloCalls(ctx.database, oaId, now + ZALO_RATE_LIMIT_RETRY_MS, now, ctx.config.zalo.calls);
}
