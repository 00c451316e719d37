import type { ConsoleTipSummary, EmergencyNumber } from '../../../contracts/tips.js';
import { EMERGENCY_NUMBERS_FOR } from '../../../contracts/tips.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { TipRow } from '../../db/schema/index.js';
import { appendEvents } from '../../realtime/events.repository.js';
import { classifyOrUnknown, getClassifier } from '../assistant/classifier.js';
import { summary } from './tips.present.js';

// Tips that call for officers now: a description read as danger happening now (the assistant's
// safety layer, which the learned model may add to but never outvote), and the tip desk's live
// events (a tip arrived, was transferred in, or was raised to urgent) on the unit's event stream.

/** Why the tip desk hears of a tip. */
export type TipAlertReason = 'created' | 'transferred' | 'urgent';

/** The event type on a unit's stream; the console's tip desk listens for it. */
export const TIP_EVENT = 'tip.alert';

/** The emergency numbers a tip's description calls for (the right one first), or null when it reads as no danger now. */
export function dangerNumbers(ctx: AppContext, unitId: string, description: string): EmergencyNumber[] | null {
  const reading = classifyOrUnknown(getClassifier(), description, [], (err) =>
    ctx.reportError('assistant.classify', err, { unitId }),
  );
  return reading.intent === 'emergency' ? EMERGENCY_NUMBERS_FOR[reading.danger ?? 'unclear'] : null;
}

/**
 * Puts a tip on its unit's event stream inside the caller's transaction (officers only: the event
 * is internal and belongs to no conversation, so no resident's stream carries it). The caller wakes
 * the streams after commit with `ctx.bus.committed(tip.unitId)`.
 */
export async function appendTipEvent(trx: Executor, tip: TipRow, reason: TipAlertReason, now: number): Promise<void> {
  const payload: { tip: ConsoleTipSummary; reason: TipAlertReason } = { tip: summary(tip, now), reason };
  await appendEvents(
    trx,
    [{ unitId: tip.unitId, conversationId: null, type: TIP_EVENT, internal: true, payload }],
    now,
  );
}
