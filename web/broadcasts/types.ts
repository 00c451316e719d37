// The broadcasts API's shapes as the web app reads them: the contract's own (contracts/broadcasts.ts).
import type { z } from 'zod';
import type { feedSchema, myFollowsSchema, publicGroupListSchema, PublicPost } from '../../contracts/broadcasts';

export {
  GROUP_KINDS,
  isSafeLink,
  MAX_AUDIO_TRANSCRIPT,
  MAX_GROUP_NAME,
  MAX_LINK_URL,
  MAX_POST_BODY,
  MAX_POST_MEDIA_OF,
  MAX_POST_TITLE,
  MAX_REASON,
  MAX_UNREAD,
  MEMBERSHIP_STATUSES,
  POST_CATEGORIES,
  POST_STATUSES,
} from '../../contracts/broadcasts';
export type {
  ConsolePost,
  Group,
  GroupKind,
  GroupMember,
  MembershipStatus,
  PostCategory,
  PostHistoryAction,
  PostLink,
  PostMedia,
  PostMediaKind,
  PostStatus,
  PublicPost,
  Recipients,
  VerifyResult,
} from '../../contracts/broadcasts';

export type UnitRefView = PublicPost['unit'];
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export type FeedPage = z.infer<typeof feedSchema>;
export type PublicGroup = z.infer<typeof publicGroupListSchema>['items'][number];
export type MyFollows = z.infer<typeof myFollowsSchema>;
