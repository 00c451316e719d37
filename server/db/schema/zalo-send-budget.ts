import type { Selectable } from 'kysely';

/** An OA's token bucket of Zalo API calls, shared by all processes (modules/zalo/zalo-send-budget.ts). */
export interface ZaloSendBudgetTable {
  oaId: string;
  /** Calls that may be made now (fractional: refilled continuously). */
  tokens: number;
  /** When `tokens` was last brought up to date. */
  refilledAt: number;
  /** After Zalo answered -32: no call before this (0: not paused). */
  pausedUntil: number;
}

export type ZaloSendBudgetRow = Selectable<ZaloSendBudgetTable>;
