import { ASPECTS, type Answer, type Aspect, type ProcedureId } from '../../../contracts/assistant.js';
import type { FeeRule, ProcedureEntry } from '../../../contracts/knowledge.js';
import { feeRulesInForce, formatDateVi, formatVnd } from '../knowledge/fee-rules.js';
import { ASPECTS_NOT_OFFERED, aspectQuestion, VI } from './texts.js';

// Pure: the answer to one aspect of a procedure, from its knowledge-base entry.

/** What the answers need to know about the resident's unit (from its official-account profile). */
export interface UnitProfile {
  displayName: string;
  address: string | null;
  phone: string | null;
  hotline: string | null;
  openingHours: string | null;
}

export interface ProcedureAnswerInput {
  procedure: ProcedureId;
  aspect: Aspect;
  entry: ProcedureEntry;
  unit: UnitProfile | null;
  unitNote: string | null;
  /** Day the answer is for (YYYY-MM-DD, Vietnam): fees are those in force on it. */
  today: string;
}

/** How far ahead a fee change is announced ("Sắp thay đổi"). */
export const FEE_CHANGE_NOTICE_DAYS = 60;
const OVERVIEW_AUDIENCE_CHARS = 400;

const bullet = (s: string) => `• ${s}`;

/** Cuts text at a sentence end before `max` characters. */
export function brief(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('; '));
  if (end <= max / 3) return `${cut.trimEnd()}…`;
  return cut[end] === '.' ? cut.slice(0, end + 1) : `${cut.slice(0, end)}…`;
}

/** "Luật Cư trú số 68/2020/QH14 (Điều 20…), sửa đổi …" → "Luật Cư trú số 68/2020/QH14". */
export function shortLegalBasis(items: readonly string[], count = 2): string {
  return items
    .slice(0, count)
    .map((s) => (s.split(/\s[(—–]|, |; /)[0] ?? s).trim())
    .filter(Boolean)
    .join('; ');
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(isoDate) + days * 86_400_000).toISOString().slice(0, 10);
}

function describeRule(rule: FeeRule): string {
  const amount = rule.amountVnd === 0 ? VI.feeFree : formatVnd(rule.amountVnd);
  const extra = [
    rule.condition ? VI.feeCondition(rule.condition) : null,
    rule.validTo ? VI.feeUntil(formatDateVi(rule.validTo)) : null,
  ].filter((x): x is string => x !== null);
  return `${rule.label}: ${amount}${extra.length ? ` (${extra.join('; ')})` : ''}`;
}

function feeLines(entry: ProcedureEntry, today: string): string[] {
  const rules = feeRulesInForce(entry.fee.rules, today);
  if (rules.length === 0) return [VI.feeNoRules, entry.fee.summary];
  const lines = [VI.feeOnDate(formatDateVi(today)), ...rules.map((r) => bullet(describeRule(r)))];
  const horizon = addDays(today, FEE_CHANGE_NOTICE_DAYS);
  const upcoming = entry.fee.rules.filter((r) => r.validFrom !== null && r.validFrom > today && r.validFrom <= horizon);
  if (upcoming.length) {
    lines.push(VI.feeUpcoming);
    for (const r of upcoming) lines.push(bullet(`${VI.feeFrom(formatDateVi(r.validFrom ?? ''))} — ${describeRule(r)}`));
  }
  return lines;
}

function feeShort(entry: ProcedureEntry, today: string): string | null {
  const rules = feeRulesInForce(entry.fee.rules, today);
  if (rules.length === 0) return null;
  const paid = rules.filter((r) => r.amountVnd > 0 && r.condition === null);
  if (paid.length === 0) return VI.feeFree;
  return paid
    .slice(0, 3)
    .map((r) => `${formatVnd(r.amountVnd)} (${r.label})`)
    .join(', ');
}

function unitLines(unit: UnitProfile): string[] {
  return [
    unit.address ? VI.address(unit.address) : null,
    unit.openingHours ? VI.openingHours(unit.openingHours) : null,
    unit.phone ? VI.phone(unit.phone) : null,
  ].filter((x): x is string => x !== null);
}

function body(input: ProcedureAnswerInput): string[] {
  const { entry, unit, today } = input;
  switch (input.aspect) {
    case 'documents': {
      const lines = entry.documents.map(bullet);
      if (entry.forms.length) lines.push(VI.documentsForms(entry.forms.map((f) => f.code).join(', ')));
      return lines;
    }
    case 'fee':
      return feeLines(entry, today);
    case 'time':
      return [entry.processingTime];
    case 'where': {
      const head = unit ? [VI.whereAtUnit(unit.displayName), ...unitLines(unit)] : [VI.whereGeneric];
      return entry.where.length ? [...head, VI.whereRules, ...entry.where.map(bullet)] : head;
    }
    case 'online':
      if (!entry.online.available) {
        return [VI.onlineNo, bullet(unit ? unit.displayName : VI.genericWhere), ...entry.where.map(bullet)];
      }
      return [
        VI.onlineYes,
        ...entry.online.channels.map(bullet),
        ...(entry.online.url ? [VI.onlineLink(entry.online.url)] : []),
        VI.onlineAccount,
      ];
    case 'form':
      return entry.forms.length
        ? [VI.formIntro, ...entry.forms.map((f) => bullet(`${f.code} — ${f.name}`))]
        : [VI.formNone];
    case 'deadline':
      return [entry.deadlines];
    case 'overview': {
      const fee = feeShort(entry, today);
      return [
        VI.overviewWho,
        brief(entry.audience, OVERVIEW_AUDIENCE_CHARS),
        VI.overviewTime(entry.processingTime),
        ...(fee ? [VI.overviewFee(fee)] : []),
      ];
    }
  }
}

/** Quick replies: the other aspects of the same procedure, as natural questions. */
export function aspectQuickReplies(procedure: ProcedureId, current: Aspect): Answer['quickReplies'] {
  const skip = ASPECTS_NOT_OFFERED[procedure] ?? [];
  return ASPECTS.filter((a) => a !== current && !skip.includes(a)).map((a) => ({
    label: VI.aspectLabel[a],
    text: aspectQuestion(procedure, a),
  }));
}

/** The answer to one aspect of a procedure, ending with legal basis, sources and the check date. */
export function composeProcedureAnswer(input: ProcedureAnswerInput): Answer {
  const { entry, unit, unitNote } = input;
  const lines = [`${entry.nameVi} — ${VI.aspectTitle[input.aspect]}:`, ...body(input)];
  if (unitNote) lines.push(VI.unitNote(unit?.displayName ?? VI.genericUnit, unitNote));
  if (!entry.verified) lines.push(VI.unverifiedCaveat);
  const legal = shortLegalBasis(entry.legalBasis);
  if (legal) lines.push(VI.legalBasis(legal));
  if (entry.sources.length) lines.push(VI.sourcesCount(entry.sources.length));
  lines.push(VI.lastChecked(formatDateVi(entry.lastChecked)));
  return {
    text: lines.join('\n'),
    quickReplies: aspectQuickReplies(input.procedure, input.aspect),
    sources: entry.sources,
    lastChecked: entry.lastChecked,
    clarifying: false,
    handover: false,
    procedureEntryId: entry.id,
  };
}
