import type { Selectable } from 'kysely';

/** A resident read a post (once per post). */
export interface PostReadTable {
  postId: string;
  residentId: string;
  unitId: string;
  readAt: number;
}

export type PostReadRow = Selectable<PostReadTable>;
