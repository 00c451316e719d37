import type { AppContext } from '../../context.js';
import type { ZaloEventRow, ZaloUserRow } from '../../db/schema/index.js';
import { choiceFromNumber } from '../../channels/zalo/outbound-plan.js';
import { parseJsonKeepingBigIntegers } from '../../channels/zalo/zalo-json.js';
import { newId } from '../../lib/ids.js';
import { storeChannelUpload } from '../attachments/attachments.service.js';
import { deleteFollower, insertFollower } from '../broadcasts/groups.repository.js';
import { postChannelMessage, recordChannelOfficerMessage } from '../conversations/channel-messages.service.js';
import { insertResident, updateResident } from '../residents/residents.repository.js';
import { ZALO_TEXTS } from './texts.js';
import { claimZaloEvents, markZaloEventDone, markZaloEventFailed, retryZaloEventAt } from './zalo-events.repository.js';
import { findByOaId } from './zalo-connections.repository.js';
import { confirmPieceByEcho } from './zalo-in-flight.js';
import { mediaOf, messageContent, zaloInboundEventSchema, type ZaloInboundEvent } from './zalo-inbound-event.js';
import { fetchZaloMedia } from './zalo-media.js';
import * as users from './zalo-users.repository.js';

// The job that turns stored webhook events into conversation messages, followers and profiles.
// Run by the periodic runner and woken after every webhook commit; each event is claimed with a
// lease, so a crash between receiving and processing only delays it, and every write it makes is
// idempotent (messages by Zalo's msg_id), so processing an event twice makes nothing new.

const BATCH = 20;
const MAX_ATTEMPTS = 8;
/** Zalo's profile of a user is fetched again after this long. */
const PROFILE_TTL_MS = 24 * 3600_000;
/** After a failed fetch, the profile is asked for again after this long. */
const PROFILE_RETRY_MS = 3600_000;

type Outcome = { kind: 'done' } | { kind: 'later'; reason: string; atMs: number } | { kind: 'failed'; reason: string };

/** Processes due Zalo events until none is left (or a batch made no progress); returns how many were handled. */
export async function processZaloEvents(ctx: AppContext): Promise<number> {
  let handled = 0;
  for (;;) {
    const now = ctx.clock.now();
    const rows = await ctx.database.transaction((trx) =>
      claimZaloEvents(trx, { dialect: ctx.database.dialect, now, leaseMs: ctx.config.zalo.eventLeaseMs, limit: BATCH }),
    );
    for (const row of rows) await processOne(ctx, row);
    handled += rows.length;
    if (rows.length < BATCH) return handled;
  }
}

async function processOne(ctx: AppContext, row: ZaloEventRow): Promise<void> {
  let outcome: Outcome;
  try {
    outcome = await handle(ctx, row);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (row.attempts >= MAX_ATTEMPTS) {
      ctx.reportError('zalo.inbound', err, { eventId: row.id, unitId: row.unitId });
      outcome = { kind: 'failed', reason };
    } else {
      outcome = { kind: 'later', reason, atMs: Math.min(15 * 60_000, 2_000 * 2 ** (row.attempts - 1)) };
    }
  }
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx) => {
    if (outcome.kind === 'done') await markZaloEventDone(trx, row.id, now);
    else if (outcome.kind === 'later') await retryZaloEventAt(trx, row.id, now + outcome.atMs, outcome.reason);
    else await markZaloEventFailed(trx, row.id, outcome.reason, now);
  });
}

function parse(row: ZaloEventRow): ZaloInboundEvent | null {
  try {
    const parsed = zaloInboundEventSchema.safeParse(parseJsonKeepingBigIntegers(row.payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function handle(ctx: AppContext, row: ZaloEventRow): Promise<Outcome> {
  const event = parse(row);
  if (!event) return { kind: 'failed', reason: 'unreadable event' };
  const name = event.event_name;
  if (name.startsWith('user_send_')) return userMessage(ctx, row, event);
  if (name.startsWith('oa_send_')) return oaEcho(ctx, row, event);
  switch (name) {
    case 'follow':
    case 'unfollow':
      return follow(ctx, row, event, name);
    case 'user_submit_info':
      return submitInfo(ctx, row, event);
    default:
      // Seen, received, reactions, tags…: nothing to keep yet.
      return { kind: 'done' };
  }
}

async function userMessage(ctx: AppContext, row: ZaloEventRow, event: ZaloInboundEvent): Promise<Outcome> {
  const userId = event.sender?.id;
  const msgId = event.message?.msg_id;
  if (!userId || !msgId) return { kind: 'failed', reason: 'message without sender or msg_id' };
  const user = await residentOf(ctx, row, userId);
  const content = messageContent(event);
  const media = mediaOf(event);
  await postChannelMessage(ctx, {
    ...(media
      ? {
          attach: (conversationId: string) => storeMedia(ctx, row, conversationId, user.residentId, media),
          textWithMedia: event.message?.text ?? '',
        }
      : {}),
    unitId: row.unitId,
    residentId: user.residentId,
    channel: 'zalo',
    channelMessageId: msgId,
    text: content.text,
    placeholder: content.placeholder,
    choose: choiceFromNumber,
    ...(content.location ? { location: content.location } : {}),
  });
  return { kind: 'done' };
}

/** Fetches and stores a resident's media; nothing (the stand-in text stays) when it cannot be had or is refused. */
async function storeMedia(
  ctx: AppContext,
  row: ZaloEventRow,
  conversationId: string,
  residentId: string,
  media: { url: string; name: string },
): Promise<string[]> {
  const upload = await fetchZaloMedia(media.url, media.name);
  if (!upload) {
    ctx.log.warn({ unitId: row.unitId, eventId: row.id }, 'could not fetch the media of a Zalo message');
    return [];
  }
  try {
    return [await storeChannelUpload(ctx, conversationId, residentId, upload)];
  } catch (err) {
    // A type the chat does not take (sniffed from the bytes): the stand-in says what came.
    ctx.log.warn({ err, unitId: row.unitId, eventId: row.id }, 'media of a Zalo message not kept');
    return [];
  }
}

/**
 * The echo of a message the OA sent. Ours (its msg_id recorded when Zalo accepted it, or the next
 * piece of a send in flight to that user, which it then confirms) is ignored; anything else was
 * typed in Zalo's OA manager and becomes an officer message. An echo may arrive before our send is
 * recorded, so an unknown one waits once before it is taken as the manager's.
 */
async function oaEcho(ctx: AppContext, row: ZaloEventRow, event: ZaloInboundEvent): Promise<Outcome> {
  const userId = event.recipient?.id;
  const msgId = event.message?.msg_id;
  if (!userId || !msgId) return { kind: 'failed', reason: 'echo without recipient or msg_id' };
  if (await users.isOurSend(ctx.database.db, row.oaId, msgId)) return { kind: 'done' };
  const { text } = messageContent(event);
  const echo = { oaId: row.oaId, zaloUserId: userId, zaloMessageId: msgId, text, at: ctx.clock.now() };
  if (text && (await confirmPieceByEcho(ctx.database, echo))) return { kind: 'done' };
  if (row.attempts < 2) {
    return { kind: 'later', reason: 'echo not matched to a send yet', atMs: ctx.config.zalo.echoWaitMs };
  }
  const user = await residentOf(ctx, row, userId);
  await recordChannelOfficerMessage(ctx, {
    unitId: row.unitId,
    residentId: user.residentId,
    channel: 'zalo',
    channelMessageId: msgId,
    text,
    authorName: ZALO_TEXTS.fromZaloOa,
  });
  return { kind: 'done' };
}

async function follow(
  ctx: AppContext,
  row: ZaloEventRow,
  event: ZaloInboundEvent,
  name: 'follow' | 'unfollow',
): Promise<Outcome> {
  const userId = event.follower?.id ?? event.sender?.id;
  if (!userId) return { kind: 'failed', reason: `${name} without a follower` };
  const user = await residentOf(ctx, row, userId);
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx) => {
    if (name === 'follow') {
      await insertFollower(trx, { unitId: row.unitId, residentId: user.residentId, channel: 'zalo', createdAt: now });
    } else {
      await deleteFollower(trx, row.unitId, user.residentId, 'zalo');
    }
  });
  return { kind: 'done' };
}

async function submitInfo(ctx: AppContext, row: ZaloEventRow, event: ZaloInboundEvent): Promise<Outcome> {
  const userId = event.sender?.id;
  if (!userId) return { kind: 'failed', reason: 'user_submit_info without a sender' };
  const user = await residentOf(ctx, row, userId);
  const name = event.info?.name?.trim().slice(0, 100);
  const phone = event.info?.phone?.replace(/[^0-9+]/g, '').slice(0, 20);
  const now = ctx.clock.now();
  await ctx.database.transaction((trx) =>
    updateResident(trx, user.residentId, {
      ...(name ? { displayName: name } : {}),
      ...(phone ? { phone } : {}),
      updatedAt: now,
    }),
  );
  return { kind: 'done' };
}

/** The resident a Zalo user of this OA is (made on first sight), with Zalo's profile fetched when stale. */
async function residentOf(ctx: AppContext, row: ZaloEventRow, zaloUserId: string): Promise<ZaloUserRow> {
  const db = ctx.database.db;
  let user = await users.findZaloUser(db, row.oaId, zaloUserId);
  if (!user) {
    const now = ctx.clock.now();
    const residentId = newId();
    await ctx.database.transaction(async (trx) => {
      await insertResident(trx, {
        id: residentId,
        tokenHash: null,
        displayName: null,
        phone: null,
        createdAt: now,
        updatedAt: now,
      });
      const fresh: ZaloUserRow = {
        oaId: row.oaId,
        zaloUserId,
        unitId: row.unitId,
        residentId,
        displayName: null,
        avatarUrl: null,
        fetchedAt: null,
        createdAt: now,
      };
      // Another processor made them first: drop this resident, theirs stands.
      if (!(await users.insertZaloUser(trx, fresh)))
        await trx.deleteFrom('residents').where('id', '=', residentId).execute();
    });
    user = await users.findZaloUser(db, row.oaId, zaloUserId);
    if (!user) throw new Error('Zalo user vanished after insert');
  }
  if (user.fetchedAt === null || user.fetchedAt + PROFILE_TTL_MS < ctx.clock.now()) await refreshProfile(ctx, user);
  return user;
}

/** Takes the user's name and avatar from Zalo; a failure only leaves the resident unnamed for now. */
async function refreshProfile(ctx: AppContext, user: ZaloUserRow): Promise<void> {
  try {
    // The OA the user wrote to (after a merge, maybe not the unit's own).
    const connection = await findByOaId(ctx.database.db, user.oaId);
    if (!connection) throw new Error(`no Zalo connection for OA ${user.oaId}`);
    const accessToken = await ctx.zaloTokens.getAccessToken(connection.unitId);
    const detail = await ctx.zalo.getUserDetail(accessToken, user.zaloUserId);
    const now = ctx.clock.now();
    await ctx.database.transaction(async (trx) => {
      await users.saveZaloProfile(trx, user.oaId, user.zaloUserId, {
        displayName: detail.displayName,
        avatarUrl: detail.avatarUrl,
        fetchedAt: now,
      });
      // The name the resident gave (user_submit_info) wins over their Zalo name.
      if (detail.displayName) {
        await trx
          .updateTable('residents')
          .set({ displayName: detail.displayName, updatedAt: now })
          .where('id', '=', user.residentId)
          .where((eb) => {
            const unnamed = eb('displayName', 'is', null);
            return user.displayName ? eb.or([unnamed, eb('displayName', '=', user.displayName)]) : unnamed;
          })
          .execute();
      }
    });
  } catch (err) {
    ctx.log.warn({ err, unitId: user.unitId, oaId: user.oaId }, 'could not fetch a Zalo user profile');
    // Asked again in an hour, not on every message.
    const retryAt = ctx.clock.now() - PROFILE_TTL_MS + PROFILE_RETRY_MS;
    await ctx.database
      .transaction((trx) =>
        users.saveZaloProfile(trx, user.oaId, user.zaloUserId, {
          displayName: user.displayName,
          avatarUrl: user.avatarUrl,
          fetchedAt: retryAt,
        }),
      )
      .catch((e: unknown) => ctx.reportError('zalo.profile', e, { unitId: user.unitId }));
  }
}
