import { describe, expect, it } from 'vitest';
import type { PostStatus } from '../../broadcasts/types';
import { postButtons, type PostRights } from './post-actions';

const officer: PostRights = { meId: 'officer', canWrite: true, canApprove: false };
const otherOfficer: PostRights = { meId: 'other', canWrite: true, canApprove: false };
const owner: PostRights = { meId: 'owner', canWrite: true, canApprove: true };
const buttons = (status: PostStatus, rights: PostRights) =>
  postButtons({ status, authorId: 'officer', closedAt: null }, rights);

describe('post buttons', () => {
  it('let the author edit and submit a draft, and the owner approve it directly', () => {
    expect(buttons('draft', officer)).toEqual(['edit', 'submit']);
    expect(buttons('draft', owner)).toEqual(['edit', 'approve']);
    expect(buttons('draft', otherOfficer)).toEqual([]);
  });

  it('leave a submitted post to the owner to approve or reject', () => {
    expect(buttons('submitted', officer)).toEqual([]);
    expect(buttons('submitted', owner)).toEqual(['approve', 'reject']);
  });

  it('send a rejected post back to be edited and submitted again, never straight to publishing', () => {
    expect(buttons('rejected', officer)).toEqual(['edit', 'submit']);
    expect(buttons('rejected', owner)).toEqual(['edit', 'submit']);
    expect(buttons('rejected', otherOfficer)).toEqual([]);
  });

  it('let only the owner stop a scheduled post, and correct or retract a published one', () => {
    expect(buttons('scheduled', officer)).toEqual([]);
    expect(buttons('scheduled', owner)).toEqual(['reject']);
    expect(buttons('published', officer)).toEqual([]);
    expect(buttons('published', owner)).toEqual(['correct', 'close', 'retract']);
    expect(postButtons({ status: 'published', authorId: 'officer', closedAt: '2026-12-01T00:00:00Z' }, owner)).toEqual([
      'correct',
      'retract',
    ]);
    expect(buttons('retracted', owner)).toEqual([]);
  });
});
