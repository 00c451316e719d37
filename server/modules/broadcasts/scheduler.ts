import type { AppContext } from '../../context.js';
import type { AuditActor } from '../audit/audit.service.js';
import { InvalidPostTransitionError, transition } from './post-state.js';
import { stateOf, writeStep } from './post-writes.js';
import * as repo from './posts.repository.js';

const BATCH = 100;
const SCHEDULER: AuditActor = { actorId: null, actorName: 'system:scheduler', ip: null };

/**
 * Publishes the scheduled posts whose time has come (main.ts runs it every minute; tests call it
 * after moving their clock). Each post in its own transaction, re-read there: one rejected
 * meanwhile stays rejected. Returns how many were published.
 */
export async function publishDuePosts(ctx: AppContext): Promise<number> {
  const { database } = ctx;
  let published = 0;
  for (;;) {
    const now = ctx.clock.now();
    const due = await repo.listDuePosts(database.db, now, BATCH);
    const before = published;
    for (const { id, unitId } of due) {
      const done = await database.transaction(async (trx) => {
        const post = await repo.lockPost(trx, database.dialect, unitId, id);
        if (!post) return false;
        let t;
        try {
          t = transition(stateOf(post), { type: 'publish_due' }, now);
        } catch (err) {
          if (err instanceof InvalidPostTransitionError) return false;
          throw err;
        }
        await writeStep(ctx, trx, post, {
          transition: t,
          author: { actorId: null, actorName: null },
          audit: SCHEDULER,
          auditAction: 'post.publish',
          details: { title: post.title },
          now,
          patch: {},
        });
        return true;
      });
      if (done) published++;
    }
    if (due.length < BATCH || published === before) return published;
  }
}
