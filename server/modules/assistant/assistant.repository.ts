import type { Executor } from '../../db/database.js';
import type { AssistantQuestionRow, NewAssistantQuestionRow } from '../../db/schema/index.js';

// Unanswered questions; every read and write of the console is scoped by unit.

export async function insertQuestion(db: Executor, row: NewAssistantQuestionRow): Promise<void> {
  await db.insertInto('assistantQuestions').values(row).execute();
}

/** Newest first (ids are UUIDv7, so id order is time order); `before` is the last id of the previous page. */
export async function listQuestions(
  db: Executor,
  unitId: string,
  page: { status?: string | undefined; before?: string | undefined; limit: number },
): Promise<AssistantQuestionRow[]> {
  let q = db.selectFrom('assistantQuestions').selectAll().where('unitId', '=', unitId);
  if (page.status) q = q.where('status', '=', page.status);
  if (page.before) q = q.where('id', '<', page.before);
  return q.orderBy('id', 'desc').limit(page.limit).execute();
}

export async function findQuestion(
  db: Executor,
  unitId: string,
  id: string,
): Promise<AssistantQuestionRow | undefined> {
  return db
    .selectFrom('assistantQuestions')
    .selectAll()
    .where('unitId', '=', unitId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function markReviewed(
  db: Executor,
  unitId: string,
  id: string,
  reviewedAt: number,
  reviewedBy: string,
): Promise<void> {
  await db
    .updateTable('assistantQuestions')
    .set({ status: 'reviewed', reviewedAt, reviewedBy })
    .where('unitId', '=', unitId)
    .where('id', '=', id)
    .execute();
}

/** Moves a merged unit's kept questions to its successor. */
export async function moveQuestionsToUnit(trx: Executor, fromUnitId: string, intoUnitId: string): Promise<number> {
  const r = await trx
    .updateTable('assistantQuestions')
    .set({ unitId: intoUnitId })
    .where('unitId', '=', fromUnitId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
