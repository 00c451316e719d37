import { ZaloApiError } from './zalo-error.js';
import { field, idOf } from './zalo-json.js';
import { oaGet, type ZaloTransport } from './zalo-request.js';

/** What the inbox shows of a Zalo user. */
export interface ZaloUserDetail {
  userId: string;
  displayName: string | null;
  avatarUrl: string | null;
  /** null when Zalo does not say. */
  isFollower: boolean | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

/** A follower's or recent writer's profile: display name and avatar (the 240 px one when given). */
export async function getUserDetail(t: ZaloTransport, accessToken: string, userId: string): Promise<ZaloUserDetail> {
  const data = await oaGet(t, accessToken, '/v3.0/oa/user/detail', { user_id: userId });
  const id = idOf(data.user_id) ?? userId;
  if (id !== userId) throw new ZaloApiError('bad_response', null, 'Zalo answered with another user');
  return {
    userId,
    displayName: text(data.display_name),
    avatarUrl: text(field(data.avatars, '240')) ?? text(data.avatar),
    isFollower: typeof data.user_is_follower === 'boolean' ? data.user_is_follower : null,
  };
}
