import type { WebPushSubscriptions } from '../../channels/webpush/subscriptions.js';
import type { AppContext } from '../../context.js';
import * as repo from './push-subscriptions.repository.js';

/** The web push channel's port to the subscriptions table. */
export function webPushSubscriptions(ctx: AppContext): WebPushSubscriptions {
  return {
    of: (residentId) => repo.listResidentSubscriptions(ctx.database.db, residentId),
    record: (attempt) =>
      ctx.database.transaction(async (trx) => {
        await repo.deleteSubscriptions(trx, attempt.gone);
        await repo.recordAttempts(trx, attempt);
      }),
  };
}
