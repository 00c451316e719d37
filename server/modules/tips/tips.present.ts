import type {
  ConsoleTip,
  ConsoleTipSummary,
  PublicTip,
  TipCategory,
  TipPriority,
  TipStatus,
} from '../../../contracts/tips.js';
import type { Executor } from '../../db/database.js';
import type { TipRow } from '../../db/schema/index.js';
import { toIso } from '../../lib/time.js';
import { tipAttachments } from './tip-attachments.js';
import * as repo from './tips.repository.js';

// What officers and reporters see of a tip. Officers never see the vault's contents here, only
// whether an identity was left; reporters never see internal notes or officers' names.

const iso = (ms: number | null): string | null => toIso(ms);
const isoNow = (ms: number): string => toIso(ms) ?? '';

export function summary(t: TipRow, now: number): ConsoleTipSummary {
  return {
    id: t.id,
    unitId: t.unitId,
    receiptCode: t.receiptCode,
    category: t.category as TipCategory,
    status: t.status as TipStatus,
    priority: t.priority as TipPriority,
    urgent: t.priority === 'urgent',
    anonymous: t.anonymous === 1,
    identityLeft: t.identitySealed !== null,
    dueAt: iso(t.dueAt),
    overdue: t.dueAt !== null && t.dueAt < now,
    escalatedAt: iso(t.escalatedAt),
    createdAt: isoNow(t.createdAt),
    excerpt: t.description.length > 160 ? `${t.description.slice(0, 159)}…` : t.description,
  };
}

export async function presentConsoleTip(db: Executor, t: TipRow, now: number): Promise<ConsoleTip> {
  const [events, messages, notes, reveals, related, files] = await Promise.all([
    repo.listEvents(db, t.id),
    repo.listMessages(db, t.id, false),
    repo.listMessages(db, t.id, true),
    repo.listReveals(db, t.id),
    repo.relatedTipIds(db, t.id),
    tipAttachments(db, t.id),
  ]);
  return {
    ...summary(t, now),
    description: t.description,
    occurredAt: iso(t.occurredAt),
    place: { address: t.placeAddress, latitude: t.latitude, longitude: t.longitude },
    outcome: t.outcome,
    transferredTo: t.transferredTo,
    rejectKind: t.rejectKind as ConsoleTip['rejectKind'],
    rejectReason: t.rejectReason,
    relatedTipIds: related,
    attachments: files.ofTip,
    history: events.map((e) => ({
      action: e.action,
      actorName: e.actorName,
      unitId: e.unitId,
      note: e.note,
      at: isoNow(e.at),
    })),
    messages: messages.map((m) => ({
      author: m.author as 'resident' | 'officer',
      text: m.text,
      createdAt: isoNow(m.createdAt),
      attachments: files.byMessage.get(m.id) ?? [],
      officerName: m.officerName ?? null,
    })),
    notes: notes.map((n) => ({ officerName: n.officerName ?? null, text: n.text, createdAt: isoNow(n.createdAt) })),
    reveals: reveals.map((r) => ({ by: r.officerName, at: isoNow(r.at), reason: r.reason })),
  };
}

export async function presentPublicTip(db: Executor, t: TipRow, unitSlug: string): Promise<PublicTip> {
  const [messages, files] = await Promise.all([repo.listMessages(db, t.id, false), tipAttachments(db, t.id)]);
  return {
    receiptCode: t.receiptCode,
    unitSlug,
    status: t.status as TipStatus,
    category: t.category as TipCategory,
    createdAt: isoNow(t.createdAt),
    outcome: t.status === 'handled' ? t.outcome : null,
    transferredTo: t.status === 'transferred' ? t.transferredTo : null,
    attachments: files.ofTip,
    messages: messages.map((m) => ({
      author: m.author as 'resident' | 'officer',
      text: m.text,
      createdAt: isoNow(m.createdAt),
      attachments: files.byMessage.get(m.id) ?? [],
    })),
  };
}
