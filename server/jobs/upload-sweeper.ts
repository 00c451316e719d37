import type { AppContext } from '../context.js';
import { deleteUnsent, listUnsent } from '../modules/attachments/attachments.repository.js';

const BATCH = 200;

/**
 * Deletes uploads that no message claimed within the configured time (a resident who picked a
 * photo and never sent it). The rows go first, in a transaction that skips any upload a message
 * claimed meanwhile; their files go after the commit, so a crash in between leaves at most an
 * unreferenced file, never a message pointing at a missing one. Returns how many were deleted.
 */
export async function sweepUnsentUploads(ctx: AppContext): Promise<number> {
  const before = ctx.clock.now() - ctx.config.uploads.unsentTtlMs;
  const storage = ctx.storage;
  let deleted = 0;
  for (;;) {
    const candidates = await listUnsent(ctx.database.db, before, BATCH);
    if (!candidates.length) return deleted;
    const gone = await ctx.database.transaction((trx) =>
      deleteUnsent(
        trx,
        candidates.map((c) => c.id),
      ),
    );
    const keys = gone.flatMap((row) => (row.thumbnailKey ? [row.storageKey, row.thumbnailKey] : [row.storageKey]));
    await Promise.all(keys.map((key) => storage.delete(key)));
    deleted += gone.length;
    if (candidates.length < BATCH) return deleted;
  }
}

/** Runs the sweep now and then every `everyMs` until stopped; failures go to onError. */
export function startUploadSweeper(
  ctx: AppContext,
  options: { everyMs: number; onSwept?: (n: number) => void; onError?: (err: unknown) => void },
): () => void {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= sweepUnsentUploads(ctx)
      .then((n) => {
        if (n > 0) options.onSwept?.(n);
      })
      .catch((err: unknown) => options.onError?.(err))
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
