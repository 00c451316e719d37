import type { PostHistoryAction, PostStatus } from '../../../contracts/broadcasts.js';
import type { AuditAction } from '../../../contracts/audit.js';
import { ACCOUNT_KINDS, type UnitKind } from '../../../contracts/units.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { PostRow, UnitRow } from '../../db/schema/index.js';
import { BadRequestError, ConflictError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import * as groupsRepo from './groups.repository.js';
import {
  InvalidPostTransitionError,
  transition,
  type PostEvent,
  type PostState,
  type Transition,
} from './post-state.js';
import { enqueueNotifications } from './deliveries.js';
import * as mediaRepo from './post-media.repository.js';
import * as repo from './posts.repository.js';
import { newVerificationCode } from './verification.js';

// The one path by which a post changes state: the row, its published version, its history and the
// audit entry are written in the caller's transaction (officers' steps and the scheduler alike).

export function stateOf(post: Pick<PostRow, 'status' | 'publishAt' | 'expiresAt'>): PostState {
  return { status: post.status as PostStatus, publishAt: post.publishAt, expiresAt: post.expiresAt };
}

/** The transition, or 409 invalid_transition when the post's state does not allow the event. */
export function applyEvent(state: PostState, event: PostEvent, now: number): Transition {
  try {
    return transition(state, event, now);
  } catch (err) {
    if (err instanceof InvalidPostTransitionError) throw new ConflictError(err.code, err.message);
    throw err;
  }
}

/** Fails with 400 unless the unit is a ward or commune, the units whose posts residents read. */
/** Cities and the province publish area-wide: to every follower of the wards and communes below them. */
const AREA_KINDS: readonly UnitKind[] = ['city', 'province'];

/** A ward or commune posts to its followers or its groups; a city or province to every follower below it. */
export function requirePublisher(unit: UnitRow, groupIds: string[]): void {
  if (ACCOUNT_KINDS.includes(unit.kind as UnitKind)) return;
  if (!AREA_KINDS.includes(unit.kind as UnitKind)) {
    throw new BadRequestError('not_an_account', 'Only a ward, commune, city or province publishes posts');
  }
  if (groupIds.length) {
    throw new BadRequestError('area_wide_only', 'audience: a city or province post goes to every unit below it');
  }
}

/** Fails with 400 unless every id is a residential group of the unit (one query). */
export async function requireGroupsOfUnit(db: Executor, unitId: string, ids: string[]): Promise<void> {
  const found = await groupsRepo.groupIdsOfUnit(db, unitId, ids);
  if (found.length !== ids.length) {
    throw new BadRequestError('unknown_group', 'audience.groupIds: not residential groups of this unit');
  }
}

async function uniqueCode(db: Executor): Promise<string> {
  // 729 million codes: a clash is rare, two in a row rarer still.
  for (let i = 0; i < 8; i++) {
    const code = newVerificationCode();
    if (!(await repo.codeTaken(db, code))) return code;
  }
  throw new Error('no free verification code after 8 tries');
}

/** Who did a step, as the post's history names them (null: the system). */
export interface StepAuthor {
  actorId: string | null;
  actorName: string | null;
}

export interface Step {
  transition: Transition;
  author: StepAuthor;
  audit: AuditActor;
  auditAction: AuditAction;
  details: Record<string, unknown>;
  now: number;
  /** Columns to change besides the status; absent for a post just inserted. */
  patch?: Partial<Omit<PostRow, 'id' | 'unitId'>>;
  /** Why: kept with the rejected, retracted and corrected history entries. */
  reason?: string | undefined;
  /** Keep the new content as a published version (corrections; publishing keeps the first itself). */
  version?: { note: string | null };
}

const WITH_REASON: ReadonlySet<PostHistoryAction> = new Set(['rejected', 'retracted', 'corrected', 'closed']);

/** Writes a step of a post (its row as read in the transaction) and returns the row as stored. */
export async function writeStep(ctx: AppContext, trx: Executor, post: PostRow, step: Step): Promise<PostRow> {
  const { transition: t, now, author } = step;
  const after: PostRow = { ...post, ...step.patch, status: t.status };
  if (step.patch) {
    const publishing = t.publishes ? { publishedAt: now, verificationCode: await uniqueCode(trx) } : {};
    Object.assign(after, publishing, { updatedAt: now });
    await repo.updatePost(trx, post.unitId, post.id, {
      ...step.patch,
      ...publishing,
      status: t.status,
      updatedAt: now,
    });
  }
  if (t.publishes || step.version) {
    await repo.insertVersion(trx, {
      id: newId(),
      unitId: post.unitId,
      postId: post.id,
      title: after.title,
      body: after.body,
      category: after.category,
      mediaIds: JSON.stringify(await mediaRepo.currentMediaIds(trx, post.id)),
      audioTranscript: after.audioTranscript,
      linkUrl: after.linkUrl,
      note: step.version?.note ?? null,
      createdBy: author.actorId,
      createdAt: now,
    });
  }
  await repo.insertEvents(
    trx,
    t.history.map((action) => ({
      id: newId(),
      unitId: post.unitId,
      postId: post.id,
      actorId: author.actorId,
      actorName: author.actorName,
      action,
      reason: WITH_REASON.has(action) ? (step.reason ?? null) : null,
      at: now,
    })),
  );
  // Publishing queues every recipient's notification in the same transaction: all of them or none.
  if (t.publishes) await enqueueNotifications(trx, after, now);
  await appendAudit(
    ctx,
    trx,
    step.audit,
    { unitId: post.unitId, action: step.auditAction, targetType: 'post', targetId: post.id, details: step.details },
    now,
  );
  return after;
}
