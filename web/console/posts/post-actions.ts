import type { ConsolePost } from '../../broadcasts/types';

export type PostButton = 'edit' | 'submit' | 'approve' | 'reject' | 'correct' | 'retract' | 'close';

export interface PostRights {
  meId: string;
  canWrite: boolean;
  canApprove: boolean;
}

/**
 * The buttons a post shows this officer, following the server's workflow: the author (or an
 * approver) edits a draft or a rejected post and submits it; an approver (the owner, a supervisor
 * above) approves a draft or a submitted post, rejects a submitted or scheduled one, corrects and
 * retracts a published one, and closes it once (a missing person found, a suspect caught).
 */
export function postButtons(
  post: Pick<ConsolePost, 'status' | 'authorId' | 'closedAt'>,
  rights: PostRights,
): PostButton[] {
  const approver = rights.canApprove;
  const mine = approver || (rights.canWrite && post.authorId === rights.meId);
  switch (post.status) {
    case 'draft':
      // An approver publishes a draft directly; submitting is for the others.
      return mine ? ['edit', approver ? 'approve' : 'submit'] : [];
    case 'submitted':
      return approver ? ['approve', 'reject'] : [];
    case 'rejected':
      return mine ? ['edit', 'submit'] : [];
    case 'scheduled':
      return approver ? ['reject'] : [];
    case 'published':
      if (!approver) return [];
      return post.closedAt ? ['correct', 'retract'] : ['correct', 'close', 'retract'];
    case 'retracted':
      return [];
  }
}
