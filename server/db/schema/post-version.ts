import type { Selectable } from 'kysely';

/** A published version of a post: the first at publishing, then one per correction (with its note). */
export interface PostVersionTable {
  id: string;
  unitId: string;
  postId: string;
  title: string;
  body: string;
  category: string;
  /** The version's media ids in order, as a JSON array. */
  mediaIds: string;
  audioTranscript: string | null;
  linkUrl: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: number;
}

export type PostVersionRow = Selectable<PostVersionTable>;
