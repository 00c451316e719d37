import type { Selectable } from 'kysely';

/** An announcement of a unit (see modules/broadcasts/post-state.ts for its workflow). */
export interface PostTable {
  id: string;
  unitId: string;
  authorId: string | null;
  category: string;
  title: string;
  body: string;
  status: string;
  /** 'unit' (every follower of the unit) or 'groups' (members of the post_groups rows). */
  audience: string;
  publishAt: number | null;
  expiresAt: number | null;
  /** Set once, when it is first published; retracted posts keep it (feeds order by it). */
  publishedAt: number | null;
  correctedAt: number | null;
  /** `KN-XXXX-XX`, unique, set at publishing. */
  verificationCode: string | null;
  /** What the audio clip says (required with one). */
  audioTranscript: string | null;
  /** An http(s) link shown with the post. */
  linkUrl: string | null;
  rejectReason: string | null;
  retractReason: string | null;
  /** When an approver closed the alert (found, caught, over); it expired then. */
  closedAt: number | null;
  /** What residents read about the closing, e.g. "Đã tìm thấy cháu an toàn". */
  closeNote: string | null;
  createdAt: number;
  updatedAt: number;
}

export type PostRow = Selectable<PostTable>;
