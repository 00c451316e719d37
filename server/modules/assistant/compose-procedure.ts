import { ASPECTS, type Answer, type Aspect, type ProcedureId } from '../../../contracts/assistant.js';
import type { FeeRule, ProcedureEntry } from '../../../contracts/knowledge.js';
import { feeRulesInForce, formatDateVi, formatVnd } from '../knowledge/fee-rules.js';
import { isVerifiedFeeRule, officialSources, residentEntry, residentText } from '../knowledge/resident-view.js';
import { ASPECTS_NOT_OFFERED, aspectQuestion, NOT_AT_COMMUNE_POLICE, VI, type Texts } from './texts.js';

// Pure: the answer to one or several aspects of a procedure, from its knowledge-base entry as
// residents may see it (no research notes, official sources only, unverified fees not stated).

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
  /** Every aspect asked, primary first (at least one). */
  aspects: readonly Aspect[];
  entry: ProcedureEntry;
  unit: UnitProfile | null;
  unitNote: string | null;
  /** Day the answer is for (YYYY-MM-DD, Vietnam): fees are those in force on it. */
  today: string;
  /** A line said before the facts (why this entry answers: "Với trẻ dưới 14 tuổi…"). */
  lead?: string | null | undefined;
  texts?: Texts | undefined;
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
  return (
    items
      .slice(0, count)
      // ", " cuts only before an amendment: "Luật Trật tự, an toàn giao thông đường bộ" is one name.
      .map((s) => (s.split(/\s[(—–]|; |, (?=sửa đổi|được sửa)/)[0] ?? s).trim())
      .filter(Boolean)
      .join('; ')
  );
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(isoDate) + days * 86_400_000).toISOString().slice(0, 10);
}

function describeRule(rule: FeeRule, t: Texts): string {
  const label = residentText(rule.label);
  if (!isVerifiedFeeRule(rule)) return `${label}: ${t.feeRuleAskOfficer}`;
  const amount = rule.amountVnd === 0 ? t.feeFree : formatVnd(rule.amountVnd);
  const condition = rule.condition ? residentText(rule.condition) : '';
  const extra = [
    condition ? t.feeCondition(condition) : null,
    rule.validTo ? t.feeUntil(formatDateVi(rule.validTo)) : null,
  ].filter((x): x is string => x !== null);
  return `${label}: ${amount}${extra.length ? ` (${extra.join('; ')})` : ''}`;
}

/** Whether some verified rule without a condition says what most people pay on the day. */
function hasVerifiedBaseFee(rules: readonly FeeRule[]): boolean {
  return rules.some((r) => r.condition === null && isVerifiedFeeRule(r));
}

function feeLines(entry: ProcedureEntry, summary: string, today: string, t: Texts): string[] {
  // Rules come from the stored entry: an unverified one is named, its amount is not stated.
  const rules = feeRulesInForce(entry.fee.rules, today);
  const lines = rules.length ? [t.feeOnDate(formatDateVi(today)), ...rules.map((r) => bullet(describeRule(r, t)))] : [];
  if (!hasVerifiedBaseFee(rules)) {
    // Said once: a base rule already shown as "cần hỏi lại cán bộ" needs no second line.
    if (!rules.some((r) => r.condition === null)) lines.push(t.feeAskOfficer);
    if (summary) lines.push(summary);
  }
  const horizon = addDays(today, FEE_CHANGE_NOTICE_DAYS);
  const upcoming = entry.fee.rules.filter((r) => r.validFrom !== null && r.validFrom > today && r.validFrom <= horizon);
  if (upcoming.length) {
    lines.push(t.feeUpcoming);
    for (const r of upcoming)
      lines.push(bullet(`${t.feeFrom(formatDateVi(r.validFrom ?? ''))} — ${describeRule(r, t)}`));
  }
  return lines;
}

function feeShort(entry: ProcedureEntry, today: string, t: Texts): string | null {
  const rules = feeRulesInForce(entry.fee.rules, today);
  if (!hasVerifiedBaseFee(rules)) return null;
  const base = rules.filter((r) => r.condition === null);
  if (base.some((r) => !isVerifiedFeeRule(r))) return null;
  const paid = base.filter((r) => r.amountVnd > 0);
  if (paid.length === 0) return t.feeFree;
  return paid
    .slice(0, 3)
    .map((r) => `${formatVnd(r.amountVnd)} (${residentText(r.label)})`)
    .join(', ');
}

function unitLines(unit: UnitProfile, t: Texts): string[] {
  return [
    unit.address ? t.address(unit.address) : null,
    unit.openingHours ? t.openingHours(unit.openingHours) : null,
    unit.phone ? t.phone(unit.phone) : null,
  ].filter((x): x is string => x !== null);
}

interface BodyInput {
  procedure: ProcedureId;
  aspect: Aspect;
  /** Every aspect this reply covers (an overview leaves out what another section says in full). */
  covered: ReadonlySet<Aspect>;
  /** The entry as stored (fee rules with their verification) and as residents may read it. */
  stored: ProcedureEntry;
  entry: ProcedureEntry;
  unit: UnitProfile | null;
  today: string;
  t: Texts;
}

function body({ procedure, aspect, covered, stored, entry, unit, today, t }: BodyInput): string[] {
  switch (aspect) {
    case 'documents': {
      const lines = entry.documents.map(bullet);
      const codes = entry.forms.map((f) => f.code).filter(Boolean);
      if (codes.length && !covered.has('form')) lines.push(t.documentsForms(codes.join(', ')));
      return lines;
    }
    case 'fee':
      return feeLines(stored, entry.fee.summary, today, t);
    case 'time':
      return entry.processingTime ? [entry.processingTime] : [];
    case 'where': {
      if (NOT_AT_COMMUNE_POLICE.has(procedure)) return [t.whereElsewhere, ...entry.where.map(bullet)];
      const head = unit ? [t.whereAtUnit(unit.displayName), ...unitLines(unit, t)] : [t.whereGeneric];
      return entry.where.length ? [...head, t.whereRules, ...entry.where.map(bullet)] : head;
    }
    case 'online':
      if (!entry.online.available) {
        return [t.onlineNo, bullet(unit ? unit.displayName : t.genericWhere), ...entry.where.map(bullet)];
      }
      return [
        t.onlineYes,
        ...entry.online.channels.map(bullet),
        ...(entry.online.url ? [t.onlineLink(entry.online.url)] : []),
        t.onlineAccount,
      ];
    case 'form': {
      const forms = entry.forms.filter((f) => f.code || f.name);
      return forms.length
        ? [t.formIntro, ...forms.map((f) => bullet([f.code, f.name].filter(Boolean).join(' — ')))]
        : [t.formNone];
    }
    case 'deadline':
      return entry.deadlines ? [entry.deadlines] : [];
    case 'overview': {
      const fee = covered.has('fee') ? null : feeShort(stored, today, t);
      return [
        t.overviewWho,
        brief(entry.audience, OVERVIEW_AUDIENCE_CHARS),
        ...(covered.has('time') || !entry.processingTime ? [] : [t.overviewTime(entry.processingTime)]),
        ...(fee ? [t.overviewFee(fee)] : []),
      ];
    }
  }
}

/** Quick replies: the aspects of the same procedure not answered yet, as natural questions. */
export function aspectQuickReplies(
  procedure: ProcedureId,
  covered: readonly Aspect[],
  t: Texts = VI,
): Answer['quickReplies'] {
  const skip = ASPECTS_NOT_OFFERED[procedure] ?? [];
  return ASPECTS.filter((a) => !covered.includes(a) && !skip.includes(a)).map((a) => ({
    label: t.aspectLabel[a],
    text: aspectQuestion(procedure, a),
  }));
}

/** Drops a line already said (bullets shared by two sections, a repeated note), keeping headings. */
function withoutRepeats(lines: readonly string[], headings: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  return lines.filter((l) => {
    if (headings.has(l)) return true;
    const key = l.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The answer to the aspects asked of a procedure — one section per aspect when several are asked —
 * ending once with the unit's note, the caveat for unverified entries, the legal basis and the check date.
 */
export function composeProcedureAnswer(input: ProcedureAnswerInput): Answer {
  const { unit, unitNote, today } = input;
  const t = input.texts ?? VI;
  const stored = input.entry;
  const entry = residentEntry(stored);
  const aspects = [...new Set(input.aspects.length ? input.aspects : (['overview'] as const))];
  const covered = new Set<Aspect>(aspects);
  const headings = new Set<string>();
  const lines: string[] = input.lead ? [input.lead] : [];
  if (aspects.length === 1) {
    const [aspect = 'overview'] = aspects;
    lines.push(`${entry.nameVi} — ${t.aspectTitle[aspect]}:`);
    lines.push(...body({ procedure: input.procedure, aspect, covered, stored, entry, unit, today, t }));
  } else {
    lines.push(`${entry.nameVi}:`);
    for (const aspect of aspects) {
      const heading = `${t.aspectTitle[aspect]}:`;
      headings.add(heading);
      lines.push(heading, ...body({ procedure: input.procedure, aspect, covered, stored, entry, unit, today, t }));
    }
  }
  if (unitNote) lines.push(t.unitNote(unit?.displayName ?? t.genericUnit, unitNote));
  if (!stored.verified) lines.push(t.unverifiedCaveat);
  const legal = shortLegalBasis(entry.legalBasis);
  if (legal) lines.push(t.legalBasis(legal));
  lines.push(t.lastChecked(formatDateVi(stored.lastChecked)));
  return {
    text: withoutRepeats(lines, headings).join('\n'),
    quickReplies: aspectQuickReplies(input.procedure, aspects, t),
    sources: officialSources(stored.sources),
    lastChecked: stored.lastChecked,
    clarifying: false,
    handover: false,
    procedureEntryId: stored.id,
    actions: [],
  };
}
