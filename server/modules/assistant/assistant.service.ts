import type { AskRequest, AskResponse, Classification } from '../../../contracts/assistant.js';
import {
  assistantQuestionStatusSchema,
  type AssistantQuestion,
  type ProcedureEntry,
} from '../../../contracts/knowledge.js';
import type { Unit } from '../../../contracts/units.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { AssistantQuestionRow } from '../../db/schema/index.js';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { toIso } from '../../lib/time.js';
import type { Actor } from '../accounts/policy.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import { vietnamDate } from '../knowledge/fee-rules.js';
import { findUnitNote, getPrimaryProcedure, getProcedure } from '../knowledge/kb.service.js';
import { getPublicUnit, requireUnit } from '../units/units.service.js';
import * as repo from './assistant.repository.js';
import { classifyOrUnknown, getClassifier } from './classifier.js';
import { composeAnswer, isUnanswered, RELATED_ENTRY_IDS } from './compose.js';
import type { AskLanguage } from './texts.js';

/** Knowledge-base entry behind answers to intent tip (how a report is received and handled). */
export const TIP_ENTRY_ID = 'to-giac-tin-bao-toi-pham';

function droppable(cp: number): boolean {
  if (cp === 0x09 || cp === 0x0a) return false;
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    (cp >= 0x200b && cp <= 0x200d) ||
    cp === 0x2060 ||
    cp === 0xfeff ||
    (cp >= 0xd800 && cp <= 0xdfff) // lone surrogates: not storable as UTF-8
  );
}

/** Drops control and zero-width characters (and NUL, which PostgreSQL text refuses); keeps every script and emoji. */
export function cleanText(text: string): string {
  return Array.from(text)
    .filter((ch) => !droppable(ch.codePointAt(0) ?? 0))
    .join('')
    .trim();
}

async function entryFor(ctx: AppContext, c: Classification): Promise<ProcedureEntry | null> {
  if (c.intent === 'procedure' && c.procedure) return getPrimaryProcedure(ctx, c.procedure);
  if (c.intent === 'tip') {
    // Without the entry the tip answer still tells the resident that officers will take over.
    return getProcedure(ctx, TIP_ENTRY_ID).catch((err: unknown) => {
      ctx.reportError('assistant.tip_entry', err, { entryId: TIP_ENTRY_ID });
      return null;
    });
  }
  return null;
}

/** Entries that may answer instead of the primary one (the under-14 ID card for can_cuoc). */
async function relatedFor(ctx: AppContext, c: Classification): Promise<ProcedureEntry[]> {
  const ids = c.intent === 'procedure' && c.procedure ? (RELATED_ENTRY_IDS[c.procedure] ?? []) : [];
  const found = await Promise.all(
    ids.map((id) =>
      // Without it the primary entry still answers.
      getProcedure(ctx, id).catch((err: unknown) => {
        ctx.reportError('assistant.related_entry', err, { entryId: id });
        return null;
      }),
    ),
  );
  return found.filter((e): e is ProcedureEntry => e !== null);
}

export interface Answered {
  response: AskResponse;
  /** A question the assistant could not answer, to keep for the unit's officers (not yet stored). */
  unanswered: AssistantQuestionRow | null;
}

/**
 * Answers a resident's question for a unit (null: no unit): classify, load the knowledge-base entry
 * and the unit's note, compose. Writes nothing; the caller stores `unanswered` in its transaction.
 */
export async function answerQuestion(
  ctx: AppContext,
  input: { text: string; history?: string[] | undefined; unit: Unit | null; lang?: AskLanguage | undefined },
  today?: string,
): Promise<Answered> {
  const text = cleanText(input.text);
  if (!text) throw new BadRequestError('empty_question', 'The question is empty');
  const history = (input.history ?? []).map(cleanText).filter(Boolean);
  const { unit } = input;
  const classification = classifyOrUnknown(getClassifier(), text, history, (err) =>
    ctx.reportError('assistant.classify', err, { unitId: unit?.id ?? null }),
  );
  const [entry, related] = await Promise.all([entryFor(ctx, classification), relatedFor(ctx, classification)]);
  const unitNote = unit && entry ? await findUnitNote(ctx, unit.id, entry.id) : null;
  const day = today ?? vietnamDate(ctx.clock.now());
  const answer = composeAnswer({
    classification,
    entry,
    related,
    text,
    lang: input.lang,
    unit,
    unitNote,
    today: day,
    history,
  });
  const { intent, procedure, aspect, confidence } = classification;
  const now = ctx.clock.now();
  const unanswered: AssistantQuestionRow | null = isUnanswered(classification, answer)
    ? {
        id: newId(),
        unitId: unit?.id ?? null,
        text,
        history: JSON.stringify(history),
        intent,
        procedure: procedure ?? null,
        aspect: aspect ?? null,
        confidence,
        createdAt: now,
        status: 'open',
        reviewedAt: null,
        reviewedBy: null,
      }
    : null;
  const response: AskResponse = {
    intent,
    ...(intent === 'procedure' && procedure ? { procedure } : {}),
    ...(intent === 'procedure' && aspect ? { aspect } : {}),
    confidence,
    answer,
  };
  return { response, unanswered };
}

/** Keeps a question the assistant could not answer for the unit's officers (in the caller's transaction). */
export async function keepUnanswered(trx: Executor, question: AssistantQuestionRow): Promise<void> {
  await repo.insertQuestion(trx, question);
}

/**
 * Answers a question from the ask API or the CLI: resolves the unit (following merges), answers,
 * and keeps what it could not answer for the unit's officers.
 */
export async function ask(ctx: AppContext, input: AskRequest, today?: string): Promise<AskResponse> {
  // The request is checked before anything is looked up.
  if (!cleanText(input.text)) throw new BadRequestError('empty_question', 'The question is empty');
  const unit: Unit | null = input.unitSlug ? (await getPublicUnit(ctx, input.unitSlug)).unit : null;
  const { response, unanswered } = await answerQuestion(
    ctx,
    { text: input.text, history: input.history, unit, lang: input.lang },
    today,
  );
  if (unanswered) await ctx.database.transaction((trx) => keepUnanswered(trx, unanswered));
  return response;
}

function presentQuestion(row: AssistantQuestionRow): AssistantQuestion {
  const status = assistantQuestionStatusSchema.safeParse(row.status);
  const history: unknown = JSON.parse(row.history);
  return {
    id: row.id,
    unitId: row.unitId,
    text: row.text,
    history: Array.isArray(history) ? history.filter((h): h is string => typeof h === 'string') : [],
    intent: row.intent,
    procedure: row.procedure,
    aspect: row.aspect,
    confidence: row.confidence,
    createdAt: toIso(row.createdAt) ?? '',
    status: status.success ? status.data : 'open',
    reviewedAt: toIso(row.reviewedAt),
    reviewedBy: row.reviewedBy,
  };
}

/** The unit's questions the assistant could not answer, newest first (officers of the unit). */
export async function listQuestions(
  ctx: AppContext,
  actor: Actor,
  unitId: string,
  page: { status?: 'open' | 'reviewed' | undefined; before?: string | undefined; limit: number },
): Promise<{ items: AssistantQuestion[]; nextCursor: string | null }> {
  const unit = await requireUnit(ctx, actor, unitId, 'unit.read');
  const rows = await repo.listQuestions(ctx.database.db, unit.id, page);
  const last = rows.at(-1);
  return { items: rows.map(presentQuestion), nextCursor: rows.length === page.limit && last ? last.id : null };
}

/** Marks a question as reviewed (officers and owners of the unit), audited. */
export async function reviewQuestion(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  unitId: string,
  id: string,
): Promise<AssistantQuestion> {
  const unit = await requireUnit(ctx, actor, unitId, 'assistant.review');
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx) => {
    const q = await repo.findQuestion(trx, unit.id, id);
    if (!q) throw new NotFoundError('Question');
    if (q.status === 'reviewed') return;
    await repo.markReviewed(trx, unit.id, id, now, audit.actorName);
    await appendAudit(
      ctx,
      trx,
      audit,
      { unitId: unit.id, action: 'assistant.question.review', targetType: 'assistant_question', targetId: id },
      now,
    );
  });
  const row = await repo.findQuestion(ctx.database.db, unit.id, id);
  if (!row) throw new NotFoundError('Question');
  return presentQuestion(row);
}
