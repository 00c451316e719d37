import type { Answer, Aspect, Classification, Intent, ProcedureId } from '../../../contracts/assistant.js';
import type { ProcedureEntry } from '../../../contracts/knowledge.js';
import { formatDateVi } from '../knowledge/fee-rules.js';
import { officialSources, residentEntry } from '../knowledge/resident-view.js';
import { mentionsChildUnder14 } from './child-age.js';
import { composeProcedureAnswer, shortLegalBasis, type UnitProfile } from './compose-procedure.js';
import { aspectQuestion, PROCEDURE_NAME, textsFor, type AskLanguage, type Texts } from './texts.js';

// Pure, no I/O: turns a classification plus the facts loaded for it into the resident's answer.

export type { UnitProfile } from './compose-procedure.js';

/** Below this confidence the assistant asks which of its best readings was meant instead of answering. */
export const LOW_CONFIDENCE = 0.5;
/** How many readings a clarifying question offers. */
export const MAX_CLARIFY_CHOICES = 3;

/** Knowledge-base entry for ID cards of children under 14 (no taxonomy id of its own). */
export const UNDER_14_ID_CARD_ENTRY_ID = 'cap-the-can-cuoc-duoi-14-tuoi';

/** Entries besides the primary one that may answer a procedure, depending on the question's details. */
export const RELATED_ENTRY_IDS: Partial<Record<ProcedureId, readonly string[]>> = {
  can_cuoc: [UNDER_14_ID_CARD_ENTRY_ID],
};

export interface ComposeInput {
  classification: Classification;
  /** The knowledge-base entry for the procedure (or the tip entry for intent tip), when there is one. */
  entry: ProcedureEntry | null;
  /** Entries of `RELATED_ENTRY_IDS` for the procedure, loaded by the caller (the under-14 ID card). */
  related?: readonly ProcedureEntry[] | undefined;
  /** The resident's message, for details the classification does not carry (a child's age). */
  text?: string | undefined;
  /** Language of the fixed texts (procedure facts stay Vietnamese); Vietnamese by default. */
  lang?: AskLanguage | undefined;
  unit: UnitProfile | null;
  unitNote: string | null;
  /** YYYY-MM-DD in Vietnam. */
  today: string;
  /** Earlier messages of the conversation, oldest first. */
  history?: readonly string[];
}

interface Reading {
  intent: Intent;
  procedure?: ProcedureId | undefined;
  aspect?: Aspect | undefined;
}

function answer(lines: (string | null)[], extra: Partial<Answer> = {}): Answer {
  return {
    text: lines.filter((l): l is string => l !== null && l !== '').join('\n'),
    quickReplies: [],
    sources: [],
    lastChecked: null,
    clarifying: false,
    handover: false,
    procedureEntryId: null,
    actions: [],
    ...extra,
  };
}

const unitName = (unit: UnitProfile | null, t: Texts) => unit?.displayName ?? t.genericUnit;

/** The numbers to call, the right one first (all three when the kind of danger is not known). */
function emergencyLines(c: Pick<Classification, 'danger'>, unit: UnitProfile | null, t: Texts): string[] {
  const kind = c.danger ?? 'unclear';
  const hotline = unit?.hotline ?? unit?.phone ?? null;
  return [
    t.emergencyCall[kind],
    t.emergencyOtherNumbers[kind],
    unit && hotline ? t.emergencyUnitHotline(unit.displayName, hotline) : null,
  ].filter((l): l is string => l !== null);
}

function readingKey(r: Reading): string {
  return r.intent === 'procedure' ? `procedure:${r.procedure ?? ''}:${r.aspect ?? ''}` : r.intent;
}

function readingReply(r: Reading, t: Texts): Answer['quickReplies'][number] {
  if (r.intent === 'procedure' && r.procedure) {
    const aspect = r.aspect ?? 'overview';
    const name = PROCEDURE_NAME[r.procedure];
    return {
      label: aspect === 'overview' ? name : `${name} — ${t.aspectLabel[aspect]}`,
      text: aspectQuestion(r.procedure, aspect),
    };
  }
  return { label: t.intentLabel[r.intent], text: t.intentQuestion[r.intent] };
}

/** The best distinct readings worth offering (never "unknown", never a procedure without its id). */
function clarifyChoices(c: Classification): Reading[] {
  const seen = new Set<string>();
  const out: Reading[] = [];
  const all: Reading[] = [c, ...c.alternatives];
  for (const r of all) {
    if (r.intent === 'unknown' || (r.intent === 'procedure' && !r.procedure)) continue;
    const key = readingKey(r);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
    if (out.length === MAX_CLARIFY_CHOICES) break;
  }
  return out;
}

function clarifying(input: ComposeInput, choices: Reading[], t: Texts): Answer {
  const replies = choices.map((r) => readingReply(r, t));
  const danger = input.classification.alternatives.some((a) => a.intent === 'emergency');
  return answer(
    [
      ...(danger ? emergencyLines({}, input.unit, t) : []),
      t.clarify,
      ...replies.map((r) => `• ${r.label}`),
      t.clarifyPick,
      t.unsureDanger,
    ],
    { quickReplies: [...replies.filter((r) => r.label !== t.askOfficer.label), t.askOfficer], clarifying: true },
  );
}

function unitInfo(unit: UnitProfile | null, t: Texts): Answer {
  if (!unit) return answer([t.unitInfoUnknown], { quickReplies: [t.askOfficer] });
  const value = (v: string | null) => v ?? t.notUpdated;
  return answer([
    t.unitInfoTitle(unit.displayName),
    t.address(value(unit.address)),
    t.phone(value(unit.phone)),
    t.hotline(value(unit.hotline)),
    t.openingHours(value(unit.openingHours)),
  ]);
}

function tip(input: ComposeInput, t: Texts): Answer {
  const { unit, entry } = input;
  const hotline = unit?.hotline ?? unit?.phone ?? null;
  const legal = entry ? shortLegalBasis(residentEntry(entry).legalBasis, 1) : '';
  const scam = input.classification.scam === true;
  return answer(
    [
      // A scam call is often still going on: the warning comes before anything else.
      scam ? t.scamWarning : null,
      scam ? t.scamAlreadyPaid : null,
      t.tipThanks,
      t.tipHow(unitName(unit, t)),
      t.tipAnonymous,
      hotline ? t.tipHotline(hotline) : null,
      t.tipEmergency,
      legal ? t.legalBasis(legal) : null,
      entry ? t.lastChecked(formatDateVi(entry.lastChecked)) : null,
    ],
    {
      handover: true,
      // A tip written here can also go to the tip desk, where it gets a receipt code.
      actions: [{ kind: 'tip_form' }],
      sources: entry ? officialSources(entry.sources) : [],
      lastChecked: entry?.lastChecked ?? null,
      procedureEntryId: entry?.id ?? null,
    },
  );
}

function unknown(t: Texts): Answer {
  return answer([t.unknown, t.unknownOtherAgencies, t.unknownOffer, t.unsureDanger], {
    quickReplies: [t.askOfficer],
  });
}

/** Every aspect asked, primary first, without repeats. */
function askedAspects(c: Classification): Aspect[] {
  const all = [...(c.aspect ? [c.aspect] : []), ...(c.aspects ?? [])];
  return all.length ? [...new Set(all)] : ['overview'];
}

function procedureAnswer(input: ComposeInput, procedure: ProcedureId, entry: ProcedureEntry, t: Texts): Answer {
  const base = {
    procedure,
    aspects: askedAspects(input.classification),
    unit: input.unit,
    unitNote: input.unitNote,
    today: input.today,
    texts: t,
  };
  // "Làm căn cước cho con 10 tuổi": children under 14 have a procedure of their own.
  const child = input.related?.find((e) => e.id === UNDER_14_ID_CARD_ENTRY_ID);
  if (procedure === 'can_cuoc' && child && input.text && mentionsChildUnder14(input.text)) {
    // The unit's note belongs to the primary entry; the caller loaded it for that one.
    return composeProcedureAnswer({ ...base, entry: child, unitNote: null, lead: t.childUnder14 });
  }
  return composeProcedureAnswer({ ...base, entry });
}

/** Composes the resident's answer: per aspect for procedures, with safety first for emergencies. */
export function composeAnswer(input: ComposeInput): Answer {
  const c = input.classification;
  const { unit } = input;
  const t = textsFor(input.lang);
  // Safety and explicit requests for a person never wait for a clarifying question.
  if (c.intent === 'emergency') return answer([...emergencyLines(c, unit, t), t.emergencyHandover], { handover: true });
  if (c.intent === 'human') return answer([t.humanHandover(unitName(unit, t))], { handover: true });
  if (c.confidence < LOW_CONFIDENCE) {
    const choices = clarifyChoices(c);
    if (choices.length) return clarifying(input, choices, t);
    return unknown(t);
  }
  switch (c.intent) {
    case 'procedure': {
      if (!c.procedure) {
        const choices = clarifyChoices(c);
        return choices.length ? clarifying(input, choices, t) : unknown(t);
      }
      if (!input.entry) return answer([t.procedureMissing, t.unsureDanger], { quickReplies: [t.askOfficer] });
      return procedureAnswer(input, c.procedure, input.entry, t);
    }
    case 'tip':
      return tip(input, t);
    case 'unit_info':
      return unitInfo(unit, t);
    case 'smalltalk':
      return answer([t.smalltalk(unitName(unit, t))], { quickReplies: [...t.startReplies, t.askOfficer] });
    case 'unknown':
      return unknown(t);
  }
}

/** Whether the question goes to the unit's list of questions the assistant could not answer. */
export function isUnanswered(classification: Classification, a: Answer): boolean {
  // Handovers (tip, emergency, a person asked for) are kept too: until conversations exist, this
  // list is how an officer learns that a resident is waiting.
  if (a.clarifying || a.handover || classification.intent === 'unknown') return true;
  return classification.intent === 'procedure' && a.procedureEntryId === null;
}
