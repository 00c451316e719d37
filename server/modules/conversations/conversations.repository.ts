import { sql, type Selectable } from 'kysely';
import { runSql } from '../../db/direct.js';
import type { Dialect, Executor } from '../../db/database.js';
import { moveRows } from '../../db/move-rows.js';
import type {
  CannedReplyRow,
  ConversationRow,
  ConversationTable,
  MessageRow,
  NewConversationRow,
} from '../../db/schema/index.js';
import type { MoveTarget } from '../../lib/merge.js';
import type { ConversationView } from './conversations.present.js';

// What every resident message runs is written as SQL text and run with runSql (straight to
// SQLite's prepared statement; through Kysely on PostgreSQL): the query builder's and executor's
// cost per statement showed in the chat benchmark (bench/README.md). The rest uses the builder.
const VIEW_SQL = sql`select c.*, r.display_name as resident_name, r.phone as resident_phone, o.display_name as assignee_name
  from conversations c join residents r on r.id = c.resident_id left join officers o on o.id = c.assignee_id`;

function viewQuery(db: Executor) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('residents as r', 'r.id', 'c.residentId')
    .leftJoin('officers as o', 'o.id', 'c.assigneeId')
    .selectAll('c')
    .select(['r.displayName as residentName', 'r.phone as residentPhone', 'o.displayName as assigneeName']);
}

/** A conversation by id, any unit: the caller checks the unit with the policy before using it. */
export async function findConversation(db: Executor, id: string): Promise<ConversationView | undefined> {
  return viewQuery(db).where('c.id', '=', id).executeTakeFirst();
}

export async function findConversationOfResident(
  db: Executor,
  id: string,
  residentId: string,
): Promise<ConversationView | undefined> {
  const rows = await runSql(
    db,
    sql<ConversationView>`${VIEW_SQL} where c.id = ${id} and c.resident_id = ${residentId}`,
  );
  return rows[0];
}

export async function findResidentConversation(
  db: Executor,
  unitId: string,
  residentId: string,
  channel: string,
): Promise<ConversationView | undefined> {
  return viewQuery(db)
    .where('c.unitId', '=', unitId)
    .where('c.residentId', '=', residentId)
    .where('c.channel', '=', channel)
    .executeTakeFirst();
}

/** Inserts unless the (unit, resident, channel) conversation exists already. */
export async function insertConversation(db: Executor, row: NewConversationRow): Promise<void> {
  await db
    .insertInto('conversations')
    .values(row)
    .onConflict((oc) => oc.columns(['unitId', 'residentId', 'channel']).doNothing())
    .execute();
}

/** On PostgreSQL, locks the conversation's row until commit, so writers of one conversation queue up. */
async function lockRow(
  trx: Executor,
  dialect: Dialect,
  id: string,
  owner: { column: 'unitId' | 'residentId'; value: string },
): Promise<void> {
  if (dialect !== 'postgres') return; // SQLite: one writer at a time anyway
  await trx
    .selectFrom('conversations')
    .select('id')
    .where('id', '=', id)
    .where(owner.column, '=', owner.value)
    .forUpdate()
    .execute();
}

/** Re-reads the conversation inside a transaction, row-locked (see lockRow). */
export async function lockConversation(
  trx: Executor,
  dialect: Dialect,
  unitId: string,
  id: string,
): Promise<ConversationView | undefined> {
  await lockRow(trx, dialect, id, { column: 'unitId', value: unitId });
  return viewQuery(trx).where('c.id', '=', id).where('c.unitId', '=', unitId).executeTakeFirst();
}

/** lockConversation for a resident: their own conversation only (undefined for anyone else's). */
export async function lockResidentConversation(
  trx: Executor,
  dialect: Dialect,
  id: string,
  residentId: string,
): Promise<ConversationView | undefined> {
  await lockRow(trx, dialect, id, { column: 'residentId', value: residentId });
  return findConversationOfResident(trx, id, residentId);
}

/** Writes every changeable column of a conversation from its new state (one fixed statement). */
export async function saveConversation(db: Executor, c: Selectable<ConversationTable>): Promise<void> {
  await runSql(
    db,
    sql`update conversations set status = ${c.status}, assignee_id = ${c.assigneeId}, labels = ${c.labels},
    handover_reason = ${c.handoverReason}, unsure_count = ${c.unsureCount}, last_message_at = ${c.lastMessageAt},
    last_message_text = ${c.lastMessageText}, last_inbound_at = ${c.lastInboundAt},
    first_response_due_at = ${c.firstResponseDueAt}, resolution_due_at = ${c.resolutionDueAt},
    first_response_at = ${c.firstResponseAt}, resolved_at = ${c.resolvedAt}, updated_at = ${c.updatedAt},
    inbox_priority = ${c.inboxPriority}
    where id = ${c.id} and unit_id = ${c.unitId}`,
  );
}

export async function insertMessages(db: Executor, rows: MessageRow[]): Promise<void> {
  if (!rows.length) return;
  const values = rows.map(
    (m) =>
      sql`(${m.id}, ${m.unitId}, ${m.conversationId}, ${m.author}, ${m.authorId}, ${m.authorName}, ${m.text}, ${m.internal}, ${m.quickReplies}, ${m.location}, ${m.clientId}, ${m.inReplyTo}, ${m.deliveredAt}, ${m.createdAt}, ${m.procedureEntryId}, ${m.actions})`,
  );
  await runSql(
    db,
    sql`insert into messages (id, unit_id, conversation_id, author, author_id, author_name, text, internal, quick_replies, location, client_id, in_reply_to, delivered_at, created_at, procedure_entry_id, actions)
    values ${sql.join(values)}`,
  );
}

export async function findMessageByClientId(
  db: Executor,
  unitId: string,
  conversationId: string,
  clientId: string,
): Promise<MessageRow | undefined> {
  const rows = await runSql(
    db,
    sql<MessageRow>`select * from messages
    where unit_id = ${unitId} and conversation_id = ${conversationId} and client_id = ${clientId}`,
  );
  return rows[0];
}

/** How many messages the resident stored in a conversation since a time. */
export async function countResidentMessagesSince(
  db: Executor,
  unitId: string,
  conversationId: string,
  since: number,
): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unitId', '=', unitId)
    .where('conversationId', '=', conversationId)
    .where('author', '=', 'resident')
    .where('createdAt', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A message of a conversation by id (within its unit). */
export async function findMessage(
  db: Executor,
  unitId: string,
  conversationId: string,
  id: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('unitId', '=', unitId)
    .where('conversationId', '=', conversationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Bot and system messages posted in answer to a resident message, in order. */
export async function repliesTo(db: Executor, unitId: string, messageId: string): Promise<MessageRow[]> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('unitId', '=', unitId)
    .where('inReplyTo', '=', messageId)
    .orderBy('id')
    .execute();
}

/** Messages of a conversation, newest first before a cursor (message id). */
export async function listMessages(
  db: Executor,
  unitId: string,
  conversationId: string,
  page: { includeInternal: boolean; before?: string | undefined; limit: number },
): Promise<MessageRow[]> {
  let q = db
    .selectFrom('messages')
    .selectAll()
    .where('unitId', '=', unitId)
    .where('conversationId', '=', conversationId)
    .orderBy('id', 'desc')
    .limit(page.limit);
  if (!page.includeInternal) q = q.where('internal', '=', 0);
  if (page.before) q = q.where('id', '<', page.before);
  return q.execute();
}

/** The resident's latest texts, oldest first (the assistant's history). */
export async function recentResidentTexts(
  db: Executor,
  unitId: string,
  conversationId: string,
  limit: number,
): Promise<string[]> {
  const rows = await runSql(
    db,
    sql<{ text: string }>`select text from messages
    where unit_id = ${unitId} and conversation_id = ${conversationId} and author = 'resident' and text <> ''
    order by id desc limit ${limit}`,
  );
  return rows.map((r) => r.text).reverse();
}

export interface InboxFilter {
  status?: string | undefined;
  assigneeId?: string | null | undefined;
  q?: string | undefined;
  label?: string | undefined;
  /** Keyset cursor: the last row seen, in the list's order (priority, updatedAt, id; all descending). */
  before?: InboxCursor | undefined;
  limit: number;
}

export interface InboxCursor {
  priority: number;
  at: number;
  id: string;
}

/** A unit's conversations: open emergencies first, then most recently active first. */
export async function listInbox(db: Executor, unitId: string, f: InboxFilter): Promise<ConversationView[]> {
  let q = viewQuery(db)
    .where('c.unitId', '=', unitId)
    .orderBy('c.inboxPriority', 'desc')
    .orderBy('c.updatedAt', 'desc')
    .orderBy('c.id', 'desc')
    .limit(f.limit);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.assigneeId === null) q = q.where('c.assigneeId', 'is', null);
  else if (f.assigneeId) q = q.where('c.assigneeId', '=', f.assigneeId);
  if (f.label) q = q.where('c.labels', 'like', `%${JSON.stringify(f.label)}%`);
  if (f.q) {
    const pattern = `%${f.q.replace(/[%_\\]/g, '')}%`.toLowerCase();
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('messages as m')
          .select('m.id')
          .whereRef('m.conversationId', '=', 'c.id')
          .where('m.unitId', '=', unitId)
          .where(sql<string>`lower(m.text)`, 'like', pattern),
      ),
    );
  }
  if (f.before) {
    const { priority, at, id } = f.before;
    q = q.where((eb) =>
      eb.or([
        eb('c.inboxPriority', '<', priority),
        eb.and([
          eb('c.inboxPriority', '=', priority),
          eb.or([eb('c.updatedAt', '<', at), eb.and([eb('c.updatedAt', '=', at), eb('c.id', '<', id)])]),
        ]),
      ]),
    );
  }
  return q.execute();
}

export async function listCannedReplies(db: Executor, unitId: string): Promise<CannedReplyRow[]> {
  return db.selectFrom('cannedReplies').selectAll().where('unitId', '=', unitId).orderBy('title').execute();
}

export async function insertCannedReply(db: Executor, row: CannedReplyRow): Promise<void> {
  await db.insertInto('cannedReplies').values(row).execute();
}

export async function deleteCannedReply(db: Executor, unitId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('cannedReplies').where('unitId', '=', unitId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Records that a channel delivered a message (idempotent). */
export async function markDelivered(db: Executor, unitId: string, messageId: string, now: number): Promise<void> {
  await runSql(
    db,
    sql`update messages set delivered_at = ${now}
    where unit_id = ${unitId} and id = ${messageId} and delivered_at is null`,
  );
}

/** Messages by id with what a channel needs of their conversations (one query per outbox batch). */
export async function findOutboundMessages(db: Executor, messageIds: string[]) {
  if (!messageIds.length) return [];
  return db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversationId')
    .select(['m.id', 'm.unitId', 'm.author', 'm.text', 'm.quickReplies', 'c.residentId', 'c.lastInboundAt'])
    .where('m.id', 'in', messageIds)
    .execute();
}

/** Every conversation of a unit (a merge moves them all). */
export async function listUnitConversations(db: Executor, unitId: string): Promise<ConversationRow[]> {
  return db.selectFrom('conversations').selectAll().where('unitId', '=', unitId).execute();
}

/** A unit's conversations with some residents. */
export async function listResidentsConversations(
  db: Executor,
  unitId: string,
  residentIds: string[],
): Promise<ConversationRow[]> {
  if (!residentIds.length) return [];
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('unitId', '=', unitId)
    .where('residentId', 'in', residentIds)
    .execute();
}

export async function updateConversation(db: Executor, id: string, patch: Partial<ConversationRow>): Promise<void> {
  await db.updateTable('conversations').set(patch).where('id', '=', id).execute();
}

export async function deleteConversation(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('conversations').where('id', '=', id).execute();
}

/** Moves a merged unit's conversations to its successor; returns how many. */
export async function moveConversationsToUnit(
  db: Executor,
  fromUnitId: string,
  intoUnitId: string,
  now: number,
): Promise<number> {
  const r = await db
    .updateTable('conversations')
    .set({ unitId: intoUnitId, updatedAt: now })
    .where('unitId', '=', fromUnitId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Re-homes the messages of a merged conversation or unit. */
export async function moveMessages(trx: Executor, move: MoveTarget): Promise<void> {
  await moveRows(trx, 'messages', move);
}

export async function moveCannedReplies(db: Executor, fromUnitId: string, intoUnitId: string): Promise<void> {
  await db.updateTable('cannedReplies').set({ unitId: intoUnitId }).where('unitId', '=', fromUnitId).execute();
}

/** The outbox rows of messages, by message id (a unit's messages only). */
export async function deliveriesOf(
  db: Executor,
  unitId: string,
  messageIds: string[],
): Promise<Map<string, { status: string; lastError: string | null }>> {
  if (!messageIds.length) return new Map();
  const rows = await db
    .selectFrom('outbox')
    .select(['messageId', 'status', 'lastError'])
    .where('unitId', '=', unitId)
    .where('messageId', 'in', messageIds)
    .execute();
  return new Map(rows.map((r) => [r.messageId, { status: r.status, lastError: r.lastError }]));
}

/** The assistant's latest message in a conversation (its quick replies answer a typed number). */
export async function lastBotMessage(
  db: Executor,
  unitId: string,
  conversationId: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('unitId', '=', unitId)
    .where('conversationId', '=', conversationId)
    .where('author', '=', 'bot')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
