import { describe, expect, it } from 'vitest';
import { POST_STATUSES, type PostStatus } from '../../../contracts/broadcasts.js';
import {
  changeEvent,
  InvalidPostTransitionError,
  isExpired,
  timesProblem,
  transition,
  type PostEvent,
  type PostState,
} from './post-state.js';

const NOW = 1_800_000_000_000;
const state = (status: PostStatus, publishAt: number | null = null): PostState => ({
  status,
  publishAt,
  expiresAt: null,
});

describe('post state machine', () => {
  // Every event against every status: what it leads to, or null where it is refused.
  const allowed: Record<PostEvent['type'], Partial<Record<PostStatus, PostStatus>>> = {
    edit: { draft: 'draft', rejected: 'rejected' },
    submit: { draft: 'submitted', rejected: 'submitted' },
    approve: { draft: 'published', submitted: 'published' },
    publish_due: { scheduled: 'published' },
    reject: { submitted: 'rejected', scheduled: 'rejected' },
    correct: { published: 'published' },
    retract: { published: 'retracted' },
    close: { published: 'published' },
  };
  for (const [type, to] of Object.entries(allowed) as [PostEvent['type'], Partial<Record<PostStatus, PostStatus>>][]) {
    for (const from of POST_STATUSES) {
      const expected = to[from];
      it(`${type} from ${from} ${expected ? `→ ${expected}` : 'is refused'}`, () => {
        const run = () => transition(state(from), { type }, NOW);
        if (expected) expect(run().status).toBe(expected);
        else expect(run).toThrow(InvalidPostTransitionError);
      });
    }
  }

  it('never publishes a rejected or retracted post', () => {
    for (const status of ['rejected', 'retracted'] as const) {
      for (const type of ['approve', 'publish_due'] as const) {
        expect(() => transition(state(status), { type }, NOW)).toThrow(InvalidPostTransitionError);
      }
    }
  });

  it('schedules an approval whose publish time is ahead, and publishes it when due', () => {
    const approved = transition(state('submitted', NOW + 60_000), { type: 'approve' }, NOW);
    expect(approved).toEqual({ status: 'scheduled', history: ['approved', 'scheduled'], publishes: false });
    expect(() => transition(state('scheduled', NOW + 60_000), { type: 'publish_due' }, NOW)).toThrow(
      InvalidPostTransitionError,
    );
    expect(transition(state('scheduled', NOW + 60_000), { type: 'publish_due' }, NOW + 60_000)).toEqual({
      status: 'published',
      history: ['published'],
      publishes: true,
    });
  });

  it('publishes an approval at once when the publish time is past or absent', () => {
    for (const publishAt of [null, NOW, NOW - 1]) {
      expect(transition(state('draft', publishAt), { type: 'approve' }, NOW)).toEqual({
        status: 'published',
        history: ['approved', 'published'],
        publishes: true,
      });
    }
  });

  it('corrects, never re-publishes, a published post', () => {
    expect(changeEvent('published')).toEqual({ type: 'correct' });
    expect(changeEvent('draft')).toEqual({ type: 'edit' });
    expect(transition(state('published'), { type: 'correct' }, NOW)).toEqual({
      status: 'published',
      history: ['corrected'],
      publishes: false,
    });
  });

  it('checks expiry against the publish time and the clock, and how far ahead a post is scheduled', () => {
    expect(timesProblem({ publishAt: NOW + 10, expiresAt: NOW + 10 }, NOW)).toBe('expires_before_publish');
    expect(timesProblem({ publishAt: null, expiresAt: NOW }, NOW)).toBe('expires_in_past');
    expect(timesProblem({ publishAt: NOW + 400 * 24 * 3600_000, expiresAt: null }, NOW)).toBe('publish_too_far');
    expect(timesProblem({ publishAt: NOW + 10, expiresAt: NOW + 20 }, NOW)).toBeNull();
    expect(timesProblem({ publishAt: null, expiresAt: null }, NOW)).toBeNull();
    expect(isExpired(NOW, NOW)).toBe(true);
    expect(isExpired(NOW + 1, NOW)).toBe(false);
    expect(isExpired(null, NOW)).toBe(false);
  });
});
