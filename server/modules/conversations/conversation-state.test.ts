import { describe, expect, it } from 'vitest';
import {
  EMERGENCY_FIRST_RESPONSE_MS,
  FIRST_RESPONSE_MS,
  inboxPriority,
  initialState,
  InvalidTransitionError,
  isUrgent,
  RESOLUTION_MS,
  transition,
  type ConversationState,
} from './conversation-state.js';

const NOW = 1_700_000_000_000;
const answer = (intent: 'procedure' | 'human' | 'tip' | 'emergency' | 'unknown', clarifying = false) =>
  ({ type: 'bot.answer', intent, clarifying, handover: false }) as const;

describe('conversation state', () => {
  it('starts with the assistant', () => {
    expect(initialState().status).toBe('bot');
  });

  it('stays with the assistant while it answers', () => {
    const t = transition(initialState(), answer('procedure'), NOW);
    expect(t.state.status).toBe('bot');
    expect(t.handedOver).toBeNull();
  });

  it.each(['human', 'tip'] as const)('hands over on intent %s with 30-minute and 24-hour timers', (intent) => {
    const t = transition(initialState(), answer(intent), NOW);
    expect(t.handedOver).toBe(intent);
    expect(t.state).toMatchObject({
      status: 'open',
      handoverReason: intent,
      firstResponseDueAt: NOW + FIRST_RESPONSE_MS,
      resolutionDueAt: NOW + RESOLUTION_MS,
    });
  });

  it('gives emergencies a 5-minute first response', () => {
    const t = transition(initialState(), answer('emergency'), NOW);
    expect(t.state.firstResponseDueAt).toBe(NOW + EMERGENCY_FIRST_RESPONSE_MS);
  });

  it('hands over after two clarifying answers in a row, not after one', () => {
    const once = transition(initialState(), answer('unknown', true), NOW);
    expect(once.state).toMatchObject({ status: 'bot', unsureCount: 1 });
    const reset = transition(once.state, answer('procedure'), NOW);
    expect(reset.state.unsureCount).toBe(0);
    const twice = transition(once.state, answer('unknown', true), NOW);
    expect(twice.handedOver).toBe('unsure');
    expect(twice.state.status).toBe('open');
  });

  it('hands over when the assistant asks for it', () => {
    const t = transition(
      initialState(),
      { type: 'bot.answer', intent: 'unknown', clarifying: false, handover: true },
      NOW,
    );
    expect(t.handedOver).toBe('unsure');
  });

  it('hands over a message without text (a photo, a location)', () => {
    expect(transition(initialState(), { type: 'resident.message', hasText: false }, NOW).handedOver).toBe('attachment');
  });

  it('an officer taking a bot conversation hands it over and assigns it', () => {
    const t = transition(initialState(), { type: 'officer.take', officerId: 'o1' }, NOW);
    expect(t.handedOver).toBe('officer');
    expect(t.state).toMatchObject({ status: 'open', assigneeId: 'o1' });
  });

  it('an officer reply takes over a bot conversation and records the first response once', () => {
    const t = transition(initialState(), { type: 'officer.reply', officerId: 'o1' }, NOW);
    expect(t.state).toMatchObject({ status: 'open', assigneeId: 'o1', firstResponseAt: NOW });
    const again = transition(t.state, { type: 'officer.reply', officerId: 'o2' }, NOW + 1000);
    expect(again.state).toMatchObject({ assigneeId: 'o1', firstResponseAt: NOW });
    expect(again.handedOver).toBeNull();
  });

  it('open → pending → open when the resident answers', () => {
    const open = transition(initialState(), answer('human'), NOW).state;
    const pending = transition(open, { type: 'officer.pending' }, NOW).state;
    expect(pending.status).toBe('pending');
    expect(transition(pending, { type: 'resident.message', hasText: true }, NOW).state.status).toBe('open');
  });

  it('resolves, and a resident writing again re-opens it with fresh timers', () => {
    const open = transition(initialState(), answer('human'), NOW).state;
    const resolved = transition(open, { type: 'officer.resolve' }, NOW + 10).state;
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: NOW + 10 });
    const later = NOW + 3 * RESOLUTION_MS;
    const reopened = transition(resolved, { type: 'resident.message', hasText: true }, later).state;
    expect(reopened).toMatchObject({
      status: 'open',
      resolvedAt: null,
      firstResponseAt: null,
      firstResponseDueAt: later + FIRST_RESPONSE_MS,
      handoverReason: 'human',
    });
  });

  it('refuses transitions that make no sense', () => {
    const bot: ConversationState = initialState();
    expect(() => transition(bot, { type: 'officer.pending' }, NOW)).toThrow(InvalidTransitionError);
    const open = transition(bot, answer('human'), NOW).state;
    expect(() => transition(open, answer('procedure'), NOW)).toThrow(InvalidTransitionError);
    const resolved = transition(open, { type: 'officer.resolve' }, NOW).state;
    expect(() => transition(resolved, { type: 'officer.take', officerId: 'o' }, NOW)).toThrow(InvalidTransitionError);
  });

  describe('emergencies', () => {
    const danger = { type: 'resident.message', hasText: true, emergency: true } as const;
    const taken = () => transition(initialState(), { type: 'officer.reply', officerId: 'o1' }, NOW).state;

    it('puts an open emergency, assigned or not, first in the inbox; nothing else', () => {
      const emergency = transition(initialState(), answer('emergency'), NOW).state;
      expect(isUrgent(emergency)).toBe(true);
      expect(inboxPriority(emergency)).toBe(1);
      expect(inboxPriority(transition(emergency, { type: 'officer.take', officerId: 'o1' }, NOW).state)).toBe(1);
      expect(inboxPriority(transition(emergency, { type: 'officer.pending' }, NOW).state)).toBe(0);
      expect(inboxPriority(transition(emergency, { type: 'officer.resolve' }, NOW).state)).toBe(0);
      expect(inboxPriority(transition(initialState(), answer('human'), NOW).state)).toBe(0);
      expect(inboxPriority(initialState())).toBe(0);
    });

    it.each([
      ['open', () => taken()],
      ['pending', () => transition(taken(), { type: 'officer.pending' }, NOW).state],
      ['resolved', () => transition(taken(), { type: 'officer.resolve' }, NOW).state],
    ] as const)('brings a %s conversation back to officers as an emergency, its assignee kept', (_, start) => {
      const t = transition(start(), danger, NOW + 1000);
      expect(t.handedOver).toBe('emergency');
      expect(t.state).toMatchObject({
        status: 'open',
        assigneeId: 'o1',
        handoverReason: 'emergency',
        firstResponseAt: null,
        firstResponseDueAt: NOW + 1000 + EMERGENCY_FIRST_RESPONSE_MS,
      });
    });

    it('does not hand an open emergency over again, nor pre-empt the assistant', () => {
      const emergency = transition(initialState(), answer('emergency'), NOW).state;
      expect(transition(emergency, danger, NOW + 1000)).toEqual({ state: emergency, handedOver: null });
      expect(transition(initialState(), danger, NOW).state.status).toBe('bot');
    });
  });
});
