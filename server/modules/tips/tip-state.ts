import type { RejectKind, TipStatus } from '../../../contracts/tips.js';

// The tip workflow: pure, so its rules are tested alone (tip-state.test.ts).
// received → acknowledged → verifying → handled (with an outcome the reporter sees);
// handled straight from acknowledged too (a noise complaint settled on the spot);
// any open step → transferred outside (the receiving body's name; final here),
//               → transfer here (another unit of the province: the tip starts again there as received),
//               → rejected (spam, duplicate of another tip, not a police matter; with a reason).
// handled, transferred and rejected are final.

export type TipEvent =
  | { type: 'acknowledge' }
  | { type: 'verify' }
  | { type: 'handle'; outcome: string }
  | { type: 'transfer_here'; toUnitId: string; fromUnitId: string }
  | { type: 'transfer_out'; bodyName: string }
  | { type: 'reject'; kind: RejectKind; reason: string; relatedTipId: string | null };

/** The step's deadline: which limit runs from when. */
export type DeadlineStep = 'acknowledge' | 'check' | 'settle' | null;

export interface TipTransition {
  status: TipStatus;
  /** What the tip's history records. */
  action: 'acknowledged' | 'verifying' | 'handled' | 'transferred_here' | 'transferred_out' | 'rejected';
  /** The deadline the new state runs against (null: final). */
  deadline: DeadlineStep;
  /** Set for a transfer here: the tip moves to this unit. */
  moveToUnitId: string | null;
}

export class InvalidTipTransitionError extends Error {
  readonly code: 'invalid_transition' | 'invalid_tip_event' = 'invalid_transition';
  constructor(
    readonly from: TipStatus,
    readonly event: TipEvent['type'],
    message?: string,
    code?: 'invalid_tip_event',
  ) {
    super(message ?? `Cannot ${event.replace('_', ' ')} a tip that is ${from}`);
    if (code) this.code = code;
  }
}

const OPEN: readonly TipStatus[] = ['received', 'acknowledged', 'verifying'];

export const FROM: Record<TipEvent['type'], readonly TipStatus[]> = {
  acknowledge: ['received'],
  verify: ['acknowledged'],
  handle: ['acknowledged', 'verifying'],
  transfer_here: OPEN,
  transfer_out: OPEN,
  reject: OPEN,
};

/** Whether a status is final (no event applies). */
export function isFinal(status: TipStatus): boolean {
  return !OPEN.includes(status);
}

/** The deadline a tip runs against in a status. */
export function deadlineOf(status: TipStatus): DeadlineStep {
  if (status === 'received') return 'acknowledge';
  if (status === 'acknowledged') return 'check';
  if (status === 'verifying') return 'settle';
  return null;
}

/** Applies one event; throws InvalidTipTransitionError for events the state does not allow or lacks. */
export function transition(status: TipStatus, e: TipEvent): TipTransition {
  if (!FROM[e.type].includes(status)) throw new InvalidTipTransitionError(status, e.type);
  const to = (s: TipStatus, action: TipTransition['action'], moveToUnitId: string | null = null): TipTransition => ({
    status: s,
    action,
    deadline: deadlineOf(s),
    moveToUnitId,
  });
  const missing = (what: string) =>
    new InvalidTipTransitionError(status, e.type, `${e.type}: ${what} is required`, 'invalid_tip_event');
  switch (e.type) {
    case 'acknowledge':
      return to('acknowledged', 'acknowledged');
    case 'verify':
      return to('verifying', 'verifying');
    case 'handle':
      if (!e.outcome.trim()) throw missing('outcome');
      return to('handled', 'handled');
    case 'transfer_here':
      if (!e.toUnitId) throw missing('unitId');
      if (e.toUnitId === e.fromUnitId) {
        throw new InvalidTipTransitionError(
          status,
          e.type,
          'A tip cannot be transferred to its own unit',
          'invalid_tip_event',
        );
      }
      return to('received', 'transferred_here', e.toUnitId);
    case 'transfer_out':
      if (!e.bodyName.trim()) throw missing('bodyName');
      return to('transferred', 'transferred_out');
    case 'reject':
      if (!e.reason.trim()) throw missing('reason');
      if (e.kind === 'duplicate' && !e.relatedTipId) throw missing('relatedTipId');
      return to('rejected', 'rejected');
  }
}
