import type { ConsolePost } from '../../broadcasts/types';

export type PostButton = 'edit' | 'submit' | 'approve' | 'reject' | 'correct' | 'retract';

export interface PostRights {
  meId: string;
  canWrite: boolean;
  canApprove: boolean;
}

/**
 * The buttons a post shows this officer, following the workflow: the author (or the owner)
 * edits a draft or a rejected post; an officer submits it; the owner or a supervisor approves a
 * draft or a submitted post, rejects a submitted one, corrects and retracts a published one.
 */
export function postButtons(post: Pick<ConsolePost, 'status' | 'authorId'>, rights: PostRights): PostButton[] {
  const author = rights.canWrite && post.authorId === rights.meId;
  const approver = rights.canApprove;
  switch (post.status) {
    case 'draft':
      return [
        ...(author || approver ? (['edit'] as const) : []),
        ...(author && !approver ? (['submit'] as const) : []),
        ...(approver ? (['approve'] as const) : []),
      ];
    case 'submitted':
      return approver ? ['approve', 'reject'] : [];
    case 'rejected':
      return [
        ...(author || approver ? (['edit'] as const) : []),
        ...(author && !approver ? (['submit'] as const) : []),
      ];
    case 'scheduled':
      return approver ? ['retract'] : [];
    case 'published':
      return approver ? ['correct', 'retract'] : [];
    case 'retracted':
      return [];
  }
}
