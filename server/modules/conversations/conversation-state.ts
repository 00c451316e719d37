import type { Intent } from '../../../contracts/assistant.js';
import type { ConversationStatus } from '../../../contracts/conversations.js';

// The conversation state machine: pure, so its rules are tested alone (conversation-state.test.ts).
// bot → open → pending → resolved; a resident writing to a resolved conversation re-opens it.
// A resident's message read as danger-now brings a conversation already with officers back to
// them as an emergency (the assistant answers only while the conversation is with it).

export type HandoverReason = 'human' | 'tip' | 'emergency' | 'unsure' | 'officer' | 'attachment';

export interface ConversationState {
  status: ConversationStatus;
  assigneeId: string | null;
  handoverReason: string | null;
  unsureCount: number;
  firstResponseDueAt: number | null;
  resolutionDueAt: number | null;
  firstResponseAt: number | null;
  resolvedAt: number | null;
}

export type ConversationEvent =
  | { type: 'resident.message'; hasText: boolean; emergency?: boolean }
  | { type: 'bot.answer'; intent: Intent; clarifying: boolean; handover: boolean }
  | { type: 'officer.take'; officerId: string }
  | { type: 'officer.assign'; officerId: string | null }
  | { type: 'officer.reply'; officerId: string }
  | { type: 'officer.pending' }
  | { type: 'officer.resolve' };

export interface Transition {
  state: ConversationState;
  /** Set when this event handed the conversation over from the assistant to officers. */
  handedOver: HandoverReason | null;
}

export class InvalidTransitionError extends Error {
  readonly code = 'invalid_transition';
  constructor(
    readonly from: ConversationStatus,
    readonly event: ConversationEvent['type'],
  ) {
    super(`Cannot apply ${event} to a conversation in ${from}`);
  }
}

export const FIRST_RESPONSE_MS = 30 * 60_000;
export const EMERGENCY_FIRST_RESPONSE_MS = 5 * 60_000;
export const RESOLUTION_MS = 24 * 3600_000;
/** Clarifying answers in a row after which the assistant hands over. */
export const UNSURE_LIMIT = 2;

export function initialState(): ConversationState {
  return {
    status: 'bot',
    assigneeId: null,
    handoverReason: null,
    unsureCount: 0,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    firstResponseAt: null,
    resolvedAt: null,
  };
}

function toOfficers(s: ConversationState, reason: HandoverReason, now: number): Transition {
  const firstMs = reason === 'emergency' ? EMERGENCY_FIRST_RESPONSE_MS : FIRST_RESPONSE_MS;
  return {
    state: {
      ...s,
      status: 'open',
      handoverReason: reason,
      unsureCount: 0,
      firstResponseDueAt: now + firstMs,
      resolutionDueAt: now + RESOLUTION_MS,
      firstResponseAt: null,
      resolvedAt: null,
    },
    handedOver: reason,
  };
}

function botHandoverReason(
  e: Extract<ConversationEvent, { type: 'bot.answer' }>,
  unsure: number,
): HandoverReason | null {
  if (e.intent === 'human' || e.intent === 'tip' || e.intent === 'emergency') return e.intent;
  if (e.clarifying && unsure >= UNSURE_LIMIT) return 'unsure';
  if (e.handover) return 'unsure';
  return null;
}

const same = (state: ConversationState): Transition => ({ state, handedOver: null });

/** Whether the conversation is an open emergency: first in the inbox, in red, with the urgent alarm. */
export function isUrgent(s: Pick<ConversationState, 'status' | 'handoverReason'>): boolean {
  return s.status === 'open' && s.handoverReason === 'emergency';
}

/** Where a conversation sorts in the inbox (higher first; then most recently active): open emergencies lead. */
export function inboxPriority(s: Pick<ConversationState, 'status' | 'handoverReason'>): number {
  return isUrgent(s) ? 1 : 0;
}

/** Applies one event at time `now`; throws InvalidTransitionError for events the state does not allow. */
export function transition(s: ConversationState, e: ConversationEvent, now: number): Transition {
  switch (e.type) {
    case 'resident.message':
      // In `bot` the assistant's answer hands an emergency over (bot.answer).
      if (e.emergency && s.status !== 'bot' && !isUrgent(s)) return toOfficers(s, 'emergency', now);
      if (s.status === 'resolved') {
        // A resolved conversation comes back to the officers, with fresh timers.
        return { state: { ...toOfficers(s, 'human', now).state, handoverReason: s.handoverReason }, handedOver: null };
      }
      if (s.status === 'pending') return same({ ...s, status: 'open' });
      if (s.status === 'bot' && !e.hasText) return toOfficers(s, 'attachment', now);
      return same(s);
    case 'bot.answer': {
      if (s.status !== 'bot') throw new InvalidTransitionError(s.status, e.type);
      const unsure = e.clarifying ? s.unsureCount + 1 : 0;
      const reason = botHandoverReason(e, unsure);
      return reason ? toOfficers(s, reason, now) : same({ ...s, unsureCount: unsure });
    }
    case 'officer.take':
      if (s.status === 'bot') return toOfficers({ ...s, assigneeId: e.officerId }, 'officer', now);
      if (s.status === 'resolved') throw new InvalidTransitionError(s.status, e.type);
      return same({ ...s, assigneeId: e.officerId });
    case 'officer.assign':
      if (s.status === 'bot' && e.officerId) return toOfficers({ ...s, assigneeId: e.officerId }, 'officer', now);
      return same({ ...s, assigneeId: e.officerId });
    case 'officer.reply': {
      const taken = s.status === 'bot' ? toOfficers({ ...s, assigneeId: e.officerId }, 'officer', now) : same(s);
      const st = taken.state;
      return {
        state: {
          ...st,
          assigneeId: st.assigneeId ?? e.officerId,
          firstResponseAt: st.firstResponseAt ?? now,
        },
        handedOver: taken.handedOver,
      };
    }
    case 'officer.pending':
      if (s.status !== 'open' && s.status !== 'pending') throw new InvalidTransitionError(s.status, e.type);
      return same({ ...s, status: 'pending' });
    case 'officer.resolve':
      if (s.status === 'resolved') return same(s);
      return same({ ...s, status: 'resolved', resolvedAt: now, unsureCount: 0 });
  }
}
