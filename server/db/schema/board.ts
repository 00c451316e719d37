import type { Selectable } from 'kysely';

/** A message on a residential group's board: by a member, or by an officer as the unit. */
export interface BoardMessageTable {
  id: string;
  unitId: string;
  groupId: string;
  authorResidentId: string | null;
  /** Set when an officer wrote it as the unit. */
  authorOfficerId: string | null;
  text: string;
  photoKey: string | null;
  photoThumbKey: string | null;
  photoMime: string | null;
  photoWidth: number | null;
  photoHeight: number | null;
  hiddenAt: number | null;
  hiddenBy: string | null;
  hideReason: string | null;
  pinnedAt: number | null;
  pinnedBy: string | null;
  createdAt: number;
}

/** A published post of the unit pinned at the top of a group's board. */
export interface BoardPostPinTable {
  groupId: string;
  postId: string;
  unitId: string;
  pinnedBy: string | null;
  pinnedAt: number;
}

/** A member who may read but not write on a board until a time. */
export interface BoardMuteTable {
  groupId: string;
  residentId: string;
  unitId: string;
  until: number;
  reason: string;
  mutedBy: string | null;
  mutedAt: number;
}

/** A resident's report of a board message (one per resident and message). */
export interface BoardReportTable {
  id: string;
  unitId: string;
  groupId: string;
  messageId: string;
  residentId: string;
  /** spam | abuse | scam | other */
  category: string;
  text: string | null;
  createdAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
  /** hidden | dismissed */
  resolution: string | null;
}

export type BoardMessageRow = Selectable<BoardMessageTable>;
export type BoardPostPinRow = Selectable<BoardPostPinTable>;
export type BoardMuteRow = Selectable<BoardMuteTable>;
export type BoardReportRow = Selectable<BoardReportTable>;
