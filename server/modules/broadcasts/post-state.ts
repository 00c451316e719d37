import { MAX_SCHEDULE_AHEAD_MS, type PostHistoryAction, type PostStatus } from '../../../contracts/broadcasts.js';

// The post workflow: pure, so its rules are tested alone (post-state.test.ts).
// draft → submitted → published | scheduled (approved with a publish time ahead) → published;
// submitted or scheduled → rejected (with a reason) → edited and submitted again;
// published → corrected (stays published, the earlier version kept) | retracted (with a reason) |
// closed (stays published and expires now, with a note: a missing person found, a suspect caught).
// An approver (the unit's owner, a supervisor above) may approve a draft directly.

export type PostEvent =
  /** Content changes of a draft or a rejected post. */
  | { type: 'edit' }
  | { type: 'submit' }
  /** Publishes now, or schedules when the post's publish time is still ahead. */
  | { type: 'approve' }
  /** The scheduler publishing a scheduled post whose time has come. */
  | { type: 'publish_due' }
  | { type: 'reject' }
  /** Content changes of a published post, with a note. */
  | { type: 'correct' }
  | { type: 'retract' }
  /** The alert is over (found, caught, ended): once, with a note residents read. */
  | { type: 'close' };

/** Who may cause an event: the author or an approver, an approver only, or only the scheduler. */
export type Right = 'author_or_approver' | 'approver' | 'system';

export const RIGHT_OF: Record<PostEvent['type'], Right> = {
  edit: 'author_or_approver',
  submit: 'author_or_approver',
  approve: 'approver',
  publish_due: 'system',
  reject: 'approver',
  correct: 'approver',
  retract: 'approver',
  close: 'approver',
};

export interface PostState {
  status: PostStatus;
  publishAt: number | null;
  expiresAt: number | null;
}

export interface Transition {
  status: PostStatus;
  /** What the post's history records for this step, in order. */
  history: PostHistoryAction[];
  /** This step publishes the post (its code and first version are made now). */
  publishes: boolean;
}

export class InvalidPostTransitionError extends Error {
  readonly code = 'invalid_transition';
  constructor(
    readonly from: PostStatus,
    readonly event: PostEvent['type'],
  ) {
    super(`Cannot ${event.replace('_', ' ')} a post that is ${from}`);
  }
}

/** The event a content change is: an edit before publishing, a correction after. */
export function changeEvent(status: PostStatus): PostEvent {
  return status === 'published' ? { type: 'correct' } : { type: 'edit' };
}

const FROM: Record<PostEvent['type'], readonly PostStatus[]> = {
  edit: ['draft', 'rejected'],
  submit: ['draft', 'rejected'],
  approve: ['draft', 'submitted'],
  publish_due: ['scheduled'],
  reject: ['submitted', 'scheduled'],
  correct: ['published'],
  retract: ['published'],
  close: ['published'],
};

/** Applies one event at time `now`; throws InvalidPostTransitionError for events the state does not allow. */
export function transition(s: PostState, e: PostEvent, now: number): Transition {
  if (!FROM[e.type].includes(s.status)) throw new InvalidPostTransitionError(s.status, e.type);
  switch (e.type) {
    case 'edit':
      return { status: s.status, history: ['edited'], publishes: false };
    case 'submit':
      return { status: 'submitted', history: ['submitted'], publishes: false };
    case 'approve':
      if (s.publishAt !== null && s.publishAt > now) {
        return { status: 'scheduled', history: ['approved', 'scheduled'], publishes: false };
      }
      return { status: 'published', history: ['approved', 'published'], publishes: true };
    case 'publish_due':
      if (s.publishAt !== null && s.publishAt > now) throw new InvalidPostTransitionError(s.status, e.type);
      return { status: 'published', history: ['published'], publishes: true };
    case 'reject':
      return { status: 'rejected', history: ['rejected'], publishes: false };
    case 'correct':
      return { status: 'published', history: ['corrected'], publishes: false };
    case 'retract':
      return { status: 'retracted', history: ['retracted'], publishes: false };
    case 'close':
      return { status: 'published', history: ['closed'], publishes: false };
  }
}

/** Why a post's times cannot stand, or null: expiry after the publish time and still ahead, schedule within reach. */
export function timesProblem(
  t: { publishAt: number | null; expiresAt: number | null },
  now: number,
): 'expires_before_publish' | 'expires_in_past' | 'publish_too_far' | null {
  if (t.expiresAt !== null && t.publishAt !== null && t.expiresAt <= t.publishAt) return 'expires_before_publish';
  if (t.expiresAt !== null && t.expiresAt <= now) return 'expires_in_past';
  if (t.publishAt !== null && t.publishAt > now + MAX_SCHEDULE_AHEAD_MS) return 'publish_too_far';
  return null;
}

/** Whether a post's expiry has passed (it stays listed, flagged expired). */
export function isExpired(expiresAt: number | null, now: number): boolean {
  return expiresAt !== null && expiresAt <= now;
}
