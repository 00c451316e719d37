import { z } from 'zod';

// What the webhook reads of an event before and just after verifying it: the ids that route it to
// an OA, the timestamp that is signed, the event's name and message id. Everything else stays in
// the stored raw body for the processor. Shapes from zalo-platform.md §6.3–§6.5; ids are text
// (a safe integer literal is accepted and read as its digits; zalo-json.ts keeps bigger ones as text).

const safeIntegerText = z
  .number()
  .int()
  .refine((n) => Number.isSafeInteger(n) && n >= 0, 'not a safe integer')
  .transform(String);

/** An id as a routing candidate: any short text (a user id, an OA id, a phone hash). */
const candidateId = z.union([z.string().max(200), safeIntegerText]);

export const zaloEventEnvelopeSchema = z.looseObject({
  app_id: candidateId.optional(),
  /** Present on follow/unfollow and tag events; message events have none (§6.3). */
  oa_id: candidateId.optional(),
  event_name: z.string().max(100).optional(),
  /** Epoch milliseconds as text; part of the signed string exactly as written in the body. */
  timestamp: z.union([z.string().regex(/^[0-9]{1,20}$/), safeIntegerText]),
  sender: z.looseObject({ id: candidateId.optional() }).optional(),
  recipient: z.looseObject({ id: candidateId.optional() }).optional(),
  message: z.looseObject({ msg_id: z.union([z.string().max(200), safeIntegerText]).optional() }).optional(),
});
export type ZaloEventEnvelope = z.infer<typeof zaloEventEnvelopeSchema>;

/**
 * The ids that may name the OA, most likely first: `oa_id`, then for `oa_*` echoes the sender and
 * for everything else the recipient, then the other side (a user's id never names a connected OA).
 */
export function oaIdCandidates(event: ZaloEventEnvelope): string[] {
  const echo = event.event_name?.startsWith('oa_') ?? false;
  const sides = echo ? [event.sender?.id, event.recipient?.id] : [event.recipient?.id, event.sender?.id];
  const ids = [event.oa_id, ...sides].filter((id): id is string => typeof id === 'string' && /^[0-9]{1,25}$/.test(id));
  return [...new Set(ids)];
}
