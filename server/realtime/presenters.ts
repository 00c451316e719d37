import { z } from 'zod';
import { messageDeliveryEventSchema } from '../../contracts/conversations.js';
import type { EventRow } from '../db/schema/index.js';

// Events are stored once with what officers see; residents' streams get their view of it.

const storedPayload = z
  .object({
    message: z.record(z.string(), z.unknown()).optional(),
    residentMessage: z.record(z.string(), z.unknown()).optional(),
    conversation: z.record(z.string(), z.unknown()).optional(),
  })
  .catch({});

function parse(row: EventRow) {
  try {
    return storedPayload.parse(JSON.parse(row.payload));
  } catch {
    return {};
  }
}

// Messages stored before their actions existed (migration 0021) have none.
const withActions = (message: Record<string, unknown>) => ({ actions: [], ...message });

/** Officers: the message (console attachment URLs), a message's delivery, or the conversation as stored. */
export function consoleStreamPresenter(row: EventRow): unknown {
  if (row.type === 'message.delivery') {
    const delivery = messageDeliveryEventSchema.safeParse(JSON.parse(row.payload));
    return delivery.success ? delivery.data : {};
  }
  const p = parse(row);
  return p.message ? { message: withActions(p.message) } : { conversation: p.conversation };
}

/** Residents: their message view, and the conversation without officer-side labels. */
export function residentStreamPresenter(row: EventRow): unknown {
  const p = parse(row);
  if (p.message) return { message: withActions(p.residentMessage ?? p.message) };
  return { conversation: p.conversation ? { ...p.conversation, labels: [] } : undefined };
}
