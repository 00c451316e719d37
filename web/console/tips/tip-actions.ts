import type { ConsoleTipSummary, TipStatus } from '../../../contracts/tips';

export type TipButton = 'acknowledge' | 'verify' | 'handle' | 'transfer' | 'reject' | 'merge';

export interface TipRights {
  /** tip.handle: the unit's officers and owner, an admin (supervisors only read). */
  canHandle: boolean;
  /** tip.reveal: the unit's owner, a supervisor above, an admin. */
  canReveal: boolean;
}

const OPEN: readonly TipStatus[] = ['received', 'acknowledged', 'verifying'];

/** Whether a tip is still being worked on (no step applies to a handled, transferred or rejected one). */
export function isOpen(status: TipStatus): boolean {
  return OPEN.includes(status);
}

/**
 * The workflow buttons a tip shows this officer, following the server's state machine:
 * received → acknowledged → verifying → handled (handled straight from acknowledged too); an open
 * tip may be transferred, rejected or merged into the tip it repeats.
 */
export function tipButtons(tip: Pick<ConsoleTipSummary, 'status'>, rights: TipRights): TipButton[] {
  if (!rights.canHandle || !isOpen(tip.status)) return [];
  const steps: TipButton[] =
    tip.status === 'received' ? ['acknowledge'] : tip.status === 'acknowledged' ? ['verify', 'handle'] : ['handle'];
  return [...steps, 'transfer', 'reject', 'merge'];
}

/** Whether this officer may write to the reporter, add notes and change the priority. */
export function canWork(
  tip: Pick<ConsoleTipSummary, 'status'>,
  rights: TipRights,
): { write: boolean; priority: boolean } {
  return { write: rights.canHandle, priority: rights.canHandle && isOpen(tip.status) };
}

/** Whether this officer may open the identity vault: an identified tip, the owner or a supervisor. */
export function canRevealIdentity(tip: Pick<ConsoleTipSummary, 'identityLeft'>, rights: TipRights): boolean {
  return tip.identityLeft && rights.canReveal;
}

/** Hours before a due date that count as "near". */
export const DUE_SOON_HOURS = 4;

/** How a tip's due date looks: red when missed, orange when near, plain otherwise (or none when closed). */
export function dueState(
  tip: Pick<ConsoleTipSummary, 'dueAt' | 'overdue' | 'status'>,
  now: number,
): 'overdue' | 'soon' | 'due' | null {
  if (!tip.dueAt || !isOpen(tip.status)) return null;
  const due = new Date(tip.dueAt).getTime();
  if (tip.overdue || due <= now) return 'overdue';
  return due - now <= DUE_SOON_HOURS * 3600_000 ? 'soon' : 'due';
}
