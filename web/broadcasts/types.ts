// The broadcasts API's shapes as the web app reads them, mirroring the agreed contract
// (shared-notes/broadcasts-api.md). One file on purpose: after the merge it gives way to
// contracts/broadcasts.ts, which the server owns.

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

export type MembershipStatus = 'self_declared' | 'confirmed';

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
  /** Present when the request carries a resident. */
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
      post: { id: string; title: string; publishedAt: string; unit: UnitRefView };
    }
  | { valid: true; kind: 'phone' | 'account'; unit: UnitRefView }
  | { valid: false };

export type PostAction =
  'created' | 'edited' | 'submitted' | 'approved' | 'scheduled' | 'published' | 'rejected' | 'corrected' | 'retracted';

/** A post as officers see it in the console, with its workflow history and earlier versions. */
export interface ConsolePost {
  id: string;
  unitId: string;
  authorId: string;
  authorName: string;
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
  history: { at: string; actorName: string; action: PostAction; reason?: string }[];
  versions: { at: string; title: string; body: string; note: string }[];
}

/** What the console sends to create a post, or (every field optional) to edit one. */
export interface PostInput {
  title: string;
  body: string;
  category: PostCategory;
  audience: { groupIds: string[] } | null;
  publishAt: string | null;
  expiresAt: string | null;
  /** Required when correcting a published post. */
  correctionNote?: string;
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

// Limits the form checks before sending (the server checks them again and has the last word).
export const POST_TITLE_MAX = 200;
export const POST_BODY_MAX = 10_000;
export const REASON_MAX = 1_000;
export const GROUP_NAME_MAX = 120;
