import type { Selectable } from 'kysely';

/** One step in a post's history: who did what, when, and why. */
export interface PostEventTable {
  id: string;
  unitId: string;
  postId: string;
  /** Null when the system did it (a scheduled post published at its time). */
  actorId: string | null;
  actorName: string | null;
  action: string;
  reason: string | null;
  at: number;
}

export type PostEventRow = Selectable<PostEventTable>;
