import type { Answer, Aspect, Classification, Intent, ProcedureId } from '../../../contracts/assistant.js';
import type { ProcedureEntry } from '../../../contracts/knowledge.js';
import { formatDateVi } from '../knowledge/fee-rules.js';
import { composeProcedureAnswer, shortLegalBasis, type UnitProfile } from './compose-procedure.js';
import { aspectQuestion, PROCEDURE_NAME, VI } from './texts.js';

// Pure, no I/O: turns a classification plus the facts loaded for it into the resident's answer.

export type { UnitProfile } from './compose-procedure.js';

/** Below this confidence the assistant asks which of its best readings was meant instead of answering. */
export const LOW_CONFIDENCE = 0.5;
/** How many readings a clarifying question offers. */
export const MAX_CLARIFY_CHOICES = 3;

export interface ComposeInput {
  classification: Classification;
  /** The knowledge-base entry for the procedure (or the tip entry for intent tip), when there is one. */
  entry: ProcedureEntry | null;
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
    ...extra,
  };
}

const unitName = (unit: UnitProfile | null) => unit?.displayName ?? VI.genericUnit;

function emergencyLine(unit: UnitProfile | null): string {
  const hotline = unit?.hotline ?? unit?.phone ?? null;
  return `${VI.emergencyFirstLine}${unit && hotline ? VI.emergencyUnitHotline(unit.displayName, hotline) : ''}.`;
}

function readingKey(r: Reading): string {
  return r.intent === 'procedure' ? `procedure:${r.procedure ?? ''}:${r.aspect ?? ''}` : r.intent;
}

function readingReply(r: Reading): Answer['quickReplies'][number] {
  if (r.intent === 'procedure' && r.procedure) {
    const aspect = r.aspect ?? 'overview';
    const name = PROCEDURE_NAME[r.procedure];
    return {
      label: aspect === 'overview' ? name : `${name} — ${VI.aspectLabel[aspect]}`,
      text: aspectQuestion(r.procedure, aspect),
    };
  }
  return { label: VI.intentLabel[r.intent], text: VI.intentQuestion[r.intent] };
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

function clarifying(input: ComposeInput, choices: Reading[]): Answer {
  const replies = choices.map(readingReply);
  const danger = input.classification.alternatives.some((a) => a.intent === 'emergency');
  return answer(
    [danger ? emergencyLine(input.unit) : null, VI.clarify, ...replies.map((r) => `• ${r.label}`), VI.clarifyPick],
    { quickReplies: [...replies.filter((r) => r.label !== VI.askOfficer.label), VI.askOfficer], clarifying: true },
  );
}

function unitInfo(unit: UnitProfile | null): Answer {
  if (!unit) return answer([VI.unitInfoUnknown], { quickReplies: [VI.askOfficer] });
  const value = (v: string | null) => v ?? VI.notUpdated;
  return answer([
    VI.unitInfoTitle(unit.displayName),
    VI.address(value(unit.address)),
    VI.phone(value(unit.phone)),
    VI.hotline(value(unit.hotline)),
    VI.openingHours(value(unit.openingHours)),
  ]);
}

function tip(input: ComposeInput): Answer {
  const { unit, entry } = input;
  const hotline = unit?.hotline ?? unit?.phone ?? null;
  const legal = entry ? shortLegalBasis(entry.legalBasis, 1) : '';
  return answer(
    [
      VI.tipThanks,
      VI.tipHow(unitName(unit)),
      VI.tipAnonymous,
      hotline ? VI.tipHotline(hotline) : null,
      VI.tipEmergency,
      legal ? VI.legalBasis(legal) : null,
      entry ? VI.lastChecked(formatDateVi(entry.lastChecked)) : null,
    ],
    {
      handover: true,
      sources: entry?.sources ?? [],
      lastChecked: entry?.lastChecked ?? null,
      procedureEntryId: entry?.id ?? null,
    },
  );
}

function unknown(): Answer {
  return answer([VI.unknown, VI.unknownOtherAgencies, VI.unknownOffer], { quickReplies: [VI.askOfficer] });
}

/** Composes the resident's answer: per aspect for procedures, with safety first for emergencies. */
export function composeAnswer(input: ComposeInput): Answer {
  const c = input.classification;
  const { unit } = input;
  // Safety and explicit requests for a person never wait for a clarifying question.
  if (c.intent === 'emergency') return answer([emergencyLine(unit), VI.emergencyHandover], { handover: true });
  if (c.intent === 'human') return answer([VI.humanHandover(unitName(unit))], { handover: true });
  if (c.confidence < LOW_CONFIDENCE) {
    const choices = clarifyChoices(c);
    if (choices.length) return clarifying(input, choices);
    return unknown();
  }
  switch (c.intent) {
    case 'procedure': {
      if (!c.procedure) {
        const choices = clarifyChoices(c);
        return choices.length ? clarifying(input, choices) : unknown();
      }
      if (!input.entry) return answer([VI.procedureMissing], { quickReplies: [VI.askOfficer] });
      return composeProcedureAnswer({
        procedure: c.procedure,
        aspect: c.aspect ?? 'overview',
        entry: input.entry,
        unit,
        unitNote: input.unitNote,
        today: input.today,
      });
    }
    case 'tip':
      return tip(input);
    case 'unit_info':
      return unitInfo(unit);
    case 'smalltalk':
      return answer([VI.smalltalk(unitName(unit))], { quickReplies: [...VI.startReplies, VI.askOfficer] });
    case 'unknown':
      return unknown();
  }
}

/** Whether the question goes to the unit's list of questions the assistant could not answer. */
export function isUnanswered(classification: Classification, a: Answer): boolean {
  // Handovers (tip, emergency, a person asked for) are kept too: until conversations exist, this
  // list is how an officer learns that a resident is waiting.
  if (a.clarifying || a.handover || classification.intent === 'unknown') return true;
  return classification.intent === 'procedure' && a.procedureEntryId === null;
}
