// The broadcasts API's shapes as the web app reads them, mirroring contracts/broadcasts.ts (which
// the server owns, built in parallel) with the same names. One file on purpose: after the merge the
// web app imports that module instead and this file goes.

export const POST_CATEGORIES = [
  'law',
  'local_rule',
  'crime_warning',
  'procedure',
  'wanted',
  'missing_person',
  'event',
  'other',
] as const;
export type PostCategory = (typeof POST_CATEGORIES)[number];

export const POST_STATUSES = ['draft', 'submitted', 'scheduled', 'published', 'rejected', 'retracted'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export const GROUP_KINDS = ['to_dan_pho', 'thon'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export const MEMBERSHIP_STATUSES = ['self_declared', 'confirmed'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export interface UnitRefView {
  slug: string;
  displayName: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A post as residents see it: published (or retracted), unit-wide or for groups they joined. */
export interface PublicPost {
  id: string;
  title: string;
  /** Empty once the post is retracted. */
  body: string;
  category: PostCategory;
  publishedAt: string;
  correctedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
  retracted: boolean;
  retractReason: string | null;
  verificationCode: string;
  unit: UnitRefView;
  /** Empty for a unit-wide post. */
  groups: { id: string; name: string }[];
  /** Whether this resident opened it; absent for a visitor without a resident cookie. */
  read?: boolean;
}

export interface FeedPage extends Page<PublicPost> {
  unread: number;
}

export interface PublicGroup {
  id: string;
  name: string;
  kind: GroupKind;
}

export interface MyFollows {
  units: UnitRefView[];
  groups: { id: string; name: string; unitSlug: string; status: MembershipStatus }[];
}

export type VerifyResult =
  | {
      valid: true;
      kind: 'post';
      /** retracted: it was official and the unit withdrew it. */
      post: { id: string; title: string; publishedAt: string; retracted: boolean; unit: UnitRefView };
    }
  | { valid: true; kind: 'phone' | 'account'; unit: UnitRefView }
  | { valid: false };

export type PostHistoryAction =
  'created' | 'edited' | 'submitted' | 'approved' | 'scheduled' | 'published' | 'rejected' | 'corrected' | 'retracted';

/** A post as officers see it in the console, with its workflow history and earlier versions. */
export interface ConsolePost {
  id: string;
  unitId: string;
  authorId: string | null;
  authorName: string | null;
  category: PostCategory;
  title: string;
  body: string;
  status: PostStatus;
  /** null: the whole unit. */
  audience: { groupIds: string[] } | null;
  publishAt: string | null;
  expiresAt: string | null;
  publishedAt: string | null;
  correctedAt: string | null;
  verificationCode: string | null;
  rejectReason: string | null;
  retractReason: string | null;
  createdAt: string;
  updatedAt: string;
  /** actorName null: the system did it (a scheduled post published at its time). */
  history: { at: string; actorName: string | null; action: PostHistoryAction; reason?: string }[];
  /** Every published version, oldest first: the first (note null) at publishing, then one per correction. */
  versions: { at: string; title: string; body: string; note: string | null }[];
}

export interface Recipients {
  followers: number;
  groupMembers: number;
  total: number;
  byChannel: { web: number; push: number; zalo: number };
}

export interface Group {
  id: string;
  unitId: string;
  name: string;
  kind: GroupKind;
  memberCount: number;
}

export interface GroupMember {
  residentId: string;
  displayName: string | null;
  status: MembershipStatus;
  joinedAt: string;
}

// Limits the forms check before sending (the server checks them again and has the last word).
export const MAX_POST_TITLE = 200;
export const MAX_POST_BODY = 10_000;
export const MAX_REASON = 1000;
export const MAX_GROUP_NAME = 120;
/** The unread count stops here; the portal shows "99+". */
export const MAX_UNREAD = 100;
