import type { Sender, SendResult } from '../../channels/channel-adapter.js';
import { planZaloSends } from '../../channels/zalo/outbound-plan.js';
import { sendResultForZaloError, sendZaloSteps, type ZaloStepsResult } from '../../channels/zalo/send-steps.js';
import { ZaloApiError } from '../../channels/zalo/zalo-error.js';
import type { AppContext } from '../../context.js';
import type { ZaloGroupPostRow } from '../../db/schema/index.js';
import { DeliveryDispatcher, type DeliverySource, type DispatcherOptions } from '../../jobs/dispatcher.js';
import { markZaloLinkBroken, zaloLinksOf } from '../broadcasts/groups.repository.js';
import { ZALO_TEXTS } from './texts.js';
import { findByUnit } from './zalo-connections.repository.js';
import { budgetSteps, pauseAfterRateLimit } from './zalo-send-budget.js';
import {
  groupPostStepsDone,
  saveGroupPostStepsDone,
  ZALO_GROUP_CHANNEL,
  zaloGroupPostQueue,
} from './zalo-group-posts.repository.js';

// Published posts sent to residential groups' Zalo groups (GMF) with `POST /v3.0/oa/group/message`:
// the post's text in pieces of at most 2,000 characters (groups take no buttons), the pieces done
// saved on the queue row after every attempt so a retry sends none twice. Zalo refusing the group
// (-237 GMF asset expired, -403 OA not in it) fails the row and marks the group's link broken.

/** Group sends per second from this process (Zalo's limits are per OA and minute; -32 backs off). */
const ZALO_GROUP_RATE_PER_SECOND = 5;

/** What a post says in a Zalo group. */
export interface ZaloGroupPostContent {
  title: string;
  body: string;
  /** The post's page on this site (absolute: BASE_URL). */
  url: string;
  /** KN-XXXX-XX: residents check on the verification page that the post is the unit's. */
  verificationCode: string | null;
}

/**
 * The port the broadcasts module implements: the content of each post still published, by post
 * id. A post retracted, expired or gone maps to nothing, and its rows fail instead of being sent.
 */
export interface ZaloGroupPostSource {
  postsFor(postIds: string[]): Promise<Map<string, ZaloGroupPostContent>>;
}

/** One claimed row's message to a Zalo group. */
export interface ZaloGroupMessage {
  rowId: string;
  unitId: string;
  postId: string;
  groupId: string;
  zaloGroupId: string;
  text: string;
}

/** The text sent to the group: title, body, then the link and the verification code. */
export function zaloGroupPostText(post: ZaloGroupPostContent): string {
  const tail = [`${ZALO_TEXTS.postLink}: ${post.url}`];
  if (post.verificationCode) tail.push(`${ZALO_TEXTS.postCode}: ${post.verificationCode}`);
  return [post.title.trim(), post.body.trim(), tail.join('\n')].filter(Boolean).join('\n\n');
}

/** Turns the broadcasts module's port into the dispatcher's: rows whose post is live and whose link still holds. */
export function zaloGroupPosts(
  ctx: AppContext,
  source: ZaloGroupPostSource,
): DeliverySource<ZaloGroupPostRow, ZaloGroupMessage> {
  return {
    async messagesFor(rows) {
      const posts = await source.postsFor([...new Set(rows.map((r) => r.postId))]);
      // Unlinked, linked elsewhere or broken since the post was queued: not sent.
      const links = await zaloLinksOf(ctx.database.db, [...new Set(rows.map((r) => r.groupId))]);
      const out = new Map<string, ZaloGroupMessage>();
      for (const row of rows) {
        const post = posts.get(row.postId);
        const link = links.get(row.groupId);
        if (!post || link?.zaloLinkState !== 'linked' || link.zaloGroupId !== row.zaloGroupId) continue;
        out.set(row.id, {
          rowId: row.id,
          unitId: row.unitId,
          postId: row.postId,
          groupId: row.groupId,
          zaloGroupId: row.zaloGroupId,
          text: zaloGroupPostText(post),
        });
      }
      return out;
    },
    // The row's status is the record.
    delivered: () => Promise.resolve(),
    failed(_trx, row, reason) {
      ctx.log.info({ postId: row.postId, groupId: row.groupId, reason }, 'post not sent to the Zalo group');
      return Promise.resolve();
    },
  };
}

/** The sender of posts to Zalo groups, with the unit's OA token (refreshed once when refused). */
export function zaloGroupSender(ctx: AppContext): Sender<ZaloGroupMessage> {
  const groupExpired = async (message: ZaloGroupMessage, error: ZaloApiError): Promise<SendResult> => {
    const now = ctx.clock.now();
    const broke = await ctx.database.transaction((trx) =>
      markZaloLinkBroken(trx, message.groupId, message.zaloGroupId, ZALO_TEXTS.groupExpired, now),
    );
    if (broke) {
      ctx.log.warn(
        { unitId: message.unitId, groupId: message.groupId, zaloGroupId: message.zaloGroupId, code: error.zaloCode },
        "the residential group's Zalo link is broken",
      );
    }
    return { kind: 'permanent-failure', error: ZALO_TEXTS.groupExpired };
  };

  return {
    channel: ZALO_GROUP_CHANNEL,
    ratePerSecond: ZALO_GROUP_RATE_PER_SECOND,
    async send(message) {
      const connection = await findByUnit(ctx.database.db, message.unitId);
      if (!connection) return { kind: 'permanent-failure', error: 'the unit has no Zalo OA connected' };
      const steps = planZaloSends({ text: message.text, quickReplies: [], attachments: [] }, 'numbered');
      let from = await groupPostStepsDone(ctx.database.db, message.rowId);
      const waitMs = await budgetSteps(ctx, connection.oaId, steps.slice(from));
      if (waitMs > 0) return { kind: 'deferred', ms: waitMs };
      const attempt = async (accessToken: string): Promise<ZaloStepsResult> => {
        const result = await sendZaloSteps(ctx.zalo, {
          accessToken,
          recipientId: message.zaloGroupId,
          target: 'group',
          steps,
          from,
          // A post's text only: there is nothing to upload.
          readAttachment: (attachment) =>
            Promise.reject(
              new ZaloApiError('attachment_unreadable', null, `attachment ${attachment.id} is not sent to groups`, {
                errorClass: 'not_allowed',
              }),
            ),
        });
        await ctx.database.transaction((trx) => saveGroupPostStepsDone(trx, message.rowId, result.done));
        from = result.done;
        return result;
      };
      const accessToken = await ctx.zaloTokens.getAccessToken(message.unitId);
      let result = await attempt(accessToken);
      if (result.kind === 'failed' && result.error.errorClass === 'token') {
        result = await attempt(await ctx.zaloTokens.forceRefresh(message.unitId, accessToken));
      }
      if (result.kind === 'sent') return { kind: 'sent', channelMessageId: result.messageIds.at(-1) ?? message.rowId };
      const { error } = result;
      if (error.errorClass === 'group_expired') return groupExpired(message, error);
      if (error.errorClass === 'rate_limited') await pauseAfterRateLimit(ctx, connection.oaId);
      // The 7-day window is the cs messages' rule: a group refusing so is refusing for good.
      if (error.errorClass === 'window_closed') {
        return { kind: 'permanent-failure', error: `${error.code}: ${error.message}` };
      }
      return sendResultForZaloError(error);
    },
  };
}

/** The dispatcher of posts to residential groups' Zalo groups. */
export function zaloGroupPostDispatcher(
  ctx: AppContext,
  source: ZaloGroupPostSource,
  options: DispatcherOptions = {},
): DeliveryDispatcher<ZaloGroupPostRow, ZaloGroupMessage> {
  return new DeliveryDispatcher(ctx, zaloGroupPostQueue, [zaloGroupSender(ctx)], zaloGroupPosts(ctx, source), options);
}
