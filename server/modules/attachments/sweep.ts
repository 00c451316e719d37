import type { AppContext } from '../../context.js';
import { deleteQuotasBefore, deleteUnsent, listUnsent } from './attachments.repository.js';
import { quotaDay } from './quota.js';

const BATCH = 200;

/**
 * Deletes uploads that no message claimed within the configured time (a resident who picked a
 * photo and never sent it), and the upload counts of days before yesterday. The rows go first, in
 * a transaction that skips any upload a message claimed meanwhile; their files go after the
 * commit, so a crash in between leaves at most an unreferenced file, never a message pointing at a
 * missing one. Returns how many uploads were deleted.
 */
export async function sweepUnsentUploads(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const before = now - ctx.config.uploads.unsentTtlMs;
  const storage = ctx.storage;
  let deleted = 0;
  for (;;) {
    const candidates = await listUnsent(ctx.database.db, before, BATCH);
    if (!candidates.length) break;
    const gone = await ctx.database.transaction((trx) =>
      deleteUnsent(
        trx,
        candidates.map((c) => c.id),
      ),
    );
    const keys = gone.flatMap((row) => (row.thumbnailKey ? [row.storageKey, row.thumbnailKey] : [row.storageKey]));
    await Promise.all(keys.map((key) => storage.delete(key)));
    deleted += gone.length;
    if (candidates.length < BATCH) break;
  }
  await ctx.database.transaction((trx) => deleteQuotasBefore(trx, quotaDay(now) - 1));
  return deleted;
}
