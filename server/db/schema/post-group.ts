import type { Selectable } from 'kysely';

/** A residential group a post is addressed to. */
export interface PostGroupTable {
  postId: string;
  groupId: string;
  unitId: string;
}

export type PostGroupRow = Selectable<PostGroupTable>;
