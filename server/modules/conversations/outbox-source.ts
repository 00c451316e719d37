import { channelSchema, type MessageDelivery, type MessageDeliveryEvent } from '../../../contracts/conversations.js';
import type { OutboundMessage } from '../../channels/channel-adapter.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { OutboxRow } from '../../db/schema/index.js';
import type { AfterCommit } from '../../jobs/dispatcher.js';
import type { OutboxSource } from '../../jobs/outbox-dispatcher.js';
import { appendEvents } from '../../realtime/events.repository.js';
import { attachmentsForMessages } from '../attachments/attachments.service.js';
import { zaloUserIdsOf } from '../zalo/zalo-users.repository.js';
import { parseQuickReplies } from './conversations.present.js';
import * as repo from './conversations.repository.js';

/** What the outbox dispatcher needs of conversations: the messages to send, and their outcomes. */
export function conversationOutbox(ctx: AppContext): OutboxSource {
  return {
    async messagesFor(rows) {
      const db = ctx.database.db;
      const found = await repo.findOutboundMessages(
        db,
        rows.map((r) => r.messageId),
      );
      const byId = new Map(found.map((m) => [m.id, m]));
      // Only officers attach files; the assistant's and system messages never carry any.
      const officerIds = found.filter((m) => m.author === 'officer').map((m) => m.id);
      const attachments = officerIds.length ? await attachmentsForMessages(db, officerIds) : new Map<string, never>();
      const zaloUsers = await zaloUsersOf(
        db,
        rows
          .filter((r) => r.channel === 'zalo')
          .flatMap((r) => {
            const m = byId.get(r.messageId);
            return m ? [{ unitId: r.unitId, residentId: m.residentId }] : [];
          }),
      );
      const out = new Map<string, OutboundMessage>();
      for (const row of rows) {
        const m = byId.get(row.messageId);
        if (!m || m.unitId !== row.unitId) continue;
        if (m.author !== 'bot' && m.author !== 'officer' && m.author !== 'system') continue;
        const channel = channelSchema.safeParse(row.channel);
        if (!channel.success) continue;
        out.set(row.id, {
          idempotencyKey: row.idempotencyKey,
          channel: channel.data,
          unitId: row.unitId,
          conversationId: row.conversationId,
          messageId: m.id,
          residentId: m.residentId,
          channelUserId: channel.data === 'zalo' ? (zaloUsers.get(`${row.unitId}/${m.residentId}`) ?? null) : null,
          author: m.author,
          text: m.text,
          quickReplies: parseQuickReplies(m.quickReplies),
          attachments: attachments.get(m.id) ?? [],
          lastInboundAt: m.lastInboundAt,
        });
      }
      return out;
    },

    async delivered(trx, row, at, afterCommit) {
      await repo.markDelivered(trx, row.unitId, row.messageId, at);
      // A web message is there the moment it is stored; other channels' officers hear it went.
      if (row.channel !== 'web') await deliveryChanged(ctx, trx, row, { status: 'sent', error: null }, afterCommit);
    },

    async failed(trx, row, reason, afterCommit) {
      // The message stays in the conversation (officers see it); nothing reached the resident.
      ctx.log.warn(
        {
          unitId: row.unitId,
          conversationId: row.conversationId,
          messageId: row.messageId,
          channel: row.channel,
          reason,
        },
        'outbound message will not be delivered',
      );
      const error = reason.slice(0, MAX_DELIVERY_ERROR_CHARS);
      await deliveryChanged(ctx, trx, row, { status: 'failed', error }, afterCommit);
    },
  };
}

/** As the outbox keeps `last_error`. */
const MAX_DELIVERY_ERROR_CHARS = 500;

/** Tells the unit's officers' streams how an outbound message's delivery now stands. */
async function deliveryChanged(
  ctx: AppContext,
  trx: Executor,
  row: OutboxRow,
  delivery: MessageDelivery,
  afterCommit: AfterCommit,
): Promise<void> {
  const payload: MessageDeliveryEvent = { conversationId: row.conversationId, messageId: row.messageId, delivery };
  await appendEvents(
    trx,
    [{ unitId: row.unitId, conversationId: row.conversationId, type: 'message.delivery', internal: true, payload }],
    ctx.clock.now(),
  );
  afterCommit(() => ctx.bus.committed(row.unitId));
}

/** The Zalo user ids of residents, by `unitId/residentId` (one query per unit in the batch). */
async function zaloUsersOf(
  db: AppContext['database']['db'],
  wanted: { unitId: string; residentId: string }[],
): Promise<Map<string, string>> {
  const byUnit = new Map<string, string[]>();
  for (const w of wanted) byUnit.set(w.unitId, [...(byUnit.get(w.unitId) ?? []), w.residentId]);
  const out = new Map<string, string>();
  for (const [unitId, residentIds] of byUnit) {
    for (const [residentId, userId] of await zaloUserIdsOf(db, unitId, [...new Set(residentIds)])) {
      out.set(`${unitId}/${residentId}`, userId);
    }
  }
  return out;
}
