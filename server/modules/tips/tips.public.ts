import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type {
  CreateTipInput,
  PublicTip,
  TipAttachmentClaim,
  TipCategory,
  TipPriority,
  TipReceipt,
} from '../../../contracts/tips.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { DB, TipRow } from '../../db/schema/index.js';
import { hashPassword, verifyPassword } from '../../lib/crypto.js';
import { BadRequestError, NotFoundError, TooManyRequestsError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { admit, refund } from '../accounts/login-throttle.repository.js';
import type { ThrottleRule } from '../accounts/login-throttle.js';
import type { Variant } from '../attachments/attachments.service.js';
import type { ServedFile } from '../attachments/serve.js';
import { getPublicUnit, publicUnitById } from '../units/units.service.js';
import { deadlinesFor, dueAt } from './deadlines.js';
import { claimTipAttachments, readTipAttachment } from './tip-attachments.js';
import { appendTipEvent, dangerNumbers } from './tip-events.js';
import { keyedHash, newPassphrase, newReceiptCode, normalisePassphrase, normaliseReceiptCode } from './receipt.js';
import { deadlineOf } from './tip-state.js';
import { presentPublicTip } from './tips.present.js';
import * as repo from './tips.repository.js';
import { residentKeyOf, sealIdentity } from './vault.js';

// Residents' side of tips: sending one, and following it up by receipt code and passphrase (or, for
// their own identified tips, by their cookie). An anonymous tip is stored with nothing that points
// at its sender: the caller passes no IP, no user agent and no resident for it.

export const PRIORITY_RANK: Record<TipPriority, number> = { urgent: 0, high: 1, normal: 2 };

/** Categories that start as high priority (a crime against a person); officers raise any to urgent. */
const HIGH_FIRST: readonly TipCategory[] = ['robbery', 'violence', 'wanted_person'];

/** Who sends an identified tip: the resident of the cookie (created for them) and their profile. */
export interface Reporter {
  residentId: string;
  displayName: string | null;
  phone: string | null;
}

/** More writes in a new tip's transaction (the conversation a tip was sent from records its code). */
export type WithTip = (
  trx: Transaction<DB>,
  afterCommit: (cb: () => void) => void,
  tip: { id: string; unitId: string; receiptCode: string },
) => Promise<void>;

async function uniqueCode(db: Executor): Promise<string> {
  for (let i = 0; i < 8; i++) {
    const code = newReceiptCode();
    if (!(await repo.codeTaken(db, code))) return code;
  }
  throw new Error('no free receipt code after 8 tries');
}

/** Checks an anonymous tip's input before anything about the sender is read. */
export function checkTipInput(input: CreateTipInput): void {
  if (input.anonymous && input.contact) {
    throw new BadRequestError('contact_with_anonymous', 'contact: an anonymous tip leaves no contact');
  }
}

/** The ward or commune of `slug` (following merges) that takes tips; 404 for any other unit. */
export async function tipUnit(ctx: AppContext, slug: string): Promise<{ id: string }> {
  const { unit } = await getPublicUnit(ctx, slug);
  if (unit.kind !== 'ward' && unit.kind !== 'commune') throw new NotFoundError('Unit');
  return unit;
}

/**
 * Stores a tip for the unit of `slug`; the passphrase (anonymous tips) is returned once, never
 * stored. A description that reads as danger happening now makes the tip urgent and the receipt
 * carries the numbers to call; the unit's tip desk hears of every new tip live.
 */
export async function submitTip(
  ctx: AppContext,
  slug: string,
  input: CreateTipInput,
  reporter: Reporter | null,
  withTip?: WithTip,
): Promise<TipReceipt> {
  checkTipInput(input);
  const unit = await tipUnit(ctx, slug);
  const anonymous = input.anonymous;
  if (!anonymous && !reporter) throw new Error('an identified tip needs its reporter');
  const passphrase = anonymous ? newPassphrase() : null;
  const passphraseHash = passphrase
    ? await hashPassword(normalisePassphrase(passphrase), ctx.config.security.passwordCost)
    : null;
  const identity =
    !anonymous && reporter
      ? sealIdentity(ctx.key, {
          name: input.contact?.name ?? reporter.displayName,
          phone: input.contact?.phone ?? reporter.phone,
          residentId: reporter.residentId,
        })
      : null;
  // Read before the transaction: the classifier is CPU work no transaction should wait on.
  const emergencyNumbers = dangerNumbers(ctx, unit.id, input.description);
  const now = ctx.clock.now();
  const priority: TipPriority = emergencyNumbers ? 'urgent' : HIGH_FIRST.includes(input.category) ? 'high' : 'normal';
  const receiptCode = await ctx.database.transaction(async (trx, afterCommit) => {
    const code = await uniqueCode(trx);
    const deadlines = deadlinesFor(await repo.unitDeadlines(trx, unit.id));
    const d = deadlines.find((x) => x.category === input.category) ?? deadlines[0];
    const id = newId();
    const row: TipRow = {
      id,
      unitId: unit.id,
      receiptCode: code,
      passphraseHash,
      anonymous: anonymous ? 1 : 0,
      identitySealed: identity,
      residentKey: !anonymous && reporter ? residentKeyOf(ctx.key, reporter.residentId) : null,
      category: input.category,
      description: input.description,
      occurredAt: input.occurredAt ? Date.parse(input.occurredAt) : null,
      placeAddress: input.place?.address ?? null,
      latitude: input.place?.latitude ?? null,
      longitude: input.place?.longitude ?? null,
      status: 'received',
      priority,
      priorityRank: PRIORITY_RANK[priority],
      outcome: null,
      transferredTo: null,
      rejectKind: null,
      rejectReason: null,
      receivedAt: now,
      stepStartedAt: now,
      dueAt: d ? dueAt(deadlineOf('received'), d, { stepStartedAt: now, receivedAt: now }) : null,
      escalatedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await repo.insertTip(trx, row);
    await claimTipAttachments(trx, input.attachments, { tipId: id, unitId: unit.id, messageId: null });
    await repo.insertEvent(trx, {
      id: newId(),
      unitId: unit.id,
      tipId: id,
      actorId: null,
      actorName: null,
      action: 'received',
      note: null,
      at: now,
    });
    await appendTipEvent(trx, row, 'created', now);
    afterCommit(() => ctx.bus.committed(unit.id));
    if (withTip) await withTip(trx, afterCommit, { id, unitId: unit.id, receiptCode: code });
    return code;
  });
  return { receiptCode, passphrase, status: 'received', ...(emergencyNumbers ? { emergencyNumbers } : {}) };
}

/** One receipt code, all clients: 5 free look-ups, then 1 min, 2 min, … up to an hour; forgotten after a quiet day. */
export const CODE_RULE: ThrottleRule = { free: 5, baseMs: 60_000, maxMs: 3600_000, forgetMs: 24 * 3600_000 };

// A stored hash nobody's passphrase matches, at the configured cost: a look-up of an unknown code
// spends the same scrypt work as one of a known code with a wrong passphrase.
function dummyHash(cost: number): string {
  const b = () => crypto.randomBytes(16).toString('base64url');
  return `scrypt$${cost}$8$1$${b()}$${crypto.randomBytes(32).toString('base64url')}`;
}

/**
 * The tip a receipt code and passphrase (or the cookie's resident, for their own identified tips)
 * open. Unknown code, wrong passphrase, someone else's tip: the same 404, after the same work. Every
 * attempt on a code is counted first (throttle row keyed by an HMAC of the code); a match is refunded.
 */
export async function openTip(
  ctx: AppContext,
  receiptCode: string,
  passphrase: string | undefined,
  residentId: string | null,
): Promise<TipRow> {
  const code = normaliseReceiptCode(receiptCode);
  const throttleKey = `tip:${keyedHash(ctx.key, 'ketnoi tips lookup throttle v1', code ?? receiptCode.toUpperCase())}`;
  const now = ctx.clock.now();
  const admission = await ctx.database.transaction((trx) => admit(trx, throttleKey, CODE_RULE, now));
  if (!admission.admitted) {
    throw new TooManyRequestsError(
      'too_many_attempts',
      'Too many look-ups of this code; try later',
      (admission.retryAt - now) / 1000,
    );
  }
  const tip = code ? await repo.findTipByCode(ctx.database.db, code) : undefined;
  let ok = false;
  if (passphrase !== undefined) {
    const stored = tip?.passphraseHash ?? dummyHash(ctx.config.security.passwordCost);
    ok = (await verifyPassword(normalisePassphrase(passphrase), stored)) && tip?.passphraseHash != null;
  } else {
    await verifyPassword('', dummyHash(ctx.config.security.passwordCost));
    ok = !!tip?.residentKey && residentId !== null && tip.residentKey === residentKeyOf(ctx.key, residentId);
  }
  if (!ok || !tip) throw new NotFoundError('Tip');
  await ctx.database.transaction((trx) => refund(trx, throttleKey));
  return tip;
}

export async function lookupTip(
  ctx: AppContext,
  input: { receiptCode: string; passphrase?: string | undefined },
  residentId: string | null,
): Promise<PublicTip> {
  const tip = await openTip(ctx, input.receiptCode, input.passphrase, residentId);
  const unit = await publicUnitById(ctx, tip.unitId);
  if (!unit) throw new NotFoundError('Tip');
  return presentPublicTip(ctx.database.db, tip, unit.slug);
}

/** The reporter's reply on their tip (any state: a settled tip may still get new facts). */
export async function replyToTip(
  ctx: AppContext,
  input: { receiptCode: string; passphrase?: string | undefined; text: string; attachments?: TipAttachmentClaim[] },
  residentId: string | null,
): Promise<void> {
  const tip = await openTip(ctx, input.receiptCode, input.passphrase, residentId);
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx) => {
    // The tip may have been transferred meanwhile: the message follows it to its unit.
    const current = await repo.findTip(trx, tip.id);
    const unitId = current?.unitId ?? tip.unitId;
    const messageId = newId();
    await repo.insertMessage(trx, {
      id: messageId,
      unitId,
      tipId: tip.id,
      author: 'resident',
      officerId: null,
      internal: 0,
      text: input.text,
      createdAt: now,
    });
    await claimTipAttachments(trx, input.attachments, { tipId: tip.id, unitId, messageId });
  });
}

/** A file of the reporter's tip, opened like the tip (code and passphrase, or their cookie). */
export async function readReporterAttachment(
  ctx: AppContext,
  input: { receiptCode: string; passphrase?: string | undefined },
  residentId: string | null,
  attachmentId: string,
  variant: Variant,
): Promise<ServedFile> {
  const tip = await openTip(ctx, input.receiptCode, input.passphrase, residentId);
  return readTipAttachment(ctx, tip.id, await repo.findAttachment(ctx.database.db, attachmentId), variant);
}

/** An identified resident's own tips (found by the keyed hash of their id). */
export async function myTips(ctx: AppContext, residentId: string | null) {
  if (!residentId) return { items: [] };
  const rows = await repo.listTipsOfResident(ctx.database.db, residentKeyOf(ctx.key, residentId));
  return {
    items: rows.map((r) => ({
      receiptCode: r.receiptCode,
      status: r.status as PublicTip['status'],
      category: r.category as TipCategory,
      createdAt: new Date(r.createdAt).toISOString(),
    })),
  };
}
