import { TIP_CATEGORIES, type TipCategory, type TipDeadline } from '../../../contracts/tips.js';
import type { DeadlineStep } from './tip-state.js';

// Deadlines of a tip's steps. Defaults below, per category; a unit may set its own (tip_deadlines).
// Legal basis (Bộ luật Tố tụng hình sự 2015, số 101/2015/QH13), as far as this code relies on it:
// - Điều 144–145: every tố giác, tin báo về tội phạm must be received in full and settled promptly;
//   Công an xã, phường, thị trấn receive it, record it (biên bản tiếp nhận), do a preliminary check
//   (kiểm tra, xác minh sơ bộ) and pass it at once ("chuyển ngay") with its documents to the
//   competent investigating body (Cơ quan điều tra).
// - Điều 147 khoản 1: the competent body settles it within 20 days of receipt; khoản 2–3 allow
//   extensions (up to 2 months, then once more) for complex cases — a unit extends by raising
//   settleDays for a category.
// Acknowledge within 24 h is the units' service rule (the Code asks for "ngay", at once), and the
// 3-day preliminary check and transfer is how the implementing circulars on receiving tips are
// commonly applied by ward police (Thông tư liên tịch 01/2017 and Thông tư 28/2020/TT-BCA); the
// exact article of those circulars was not checked here: confirm with the province's legal office
// before relying on it. docs/OPERATIONS.md repeats this.

export const DEFAULT_ACKNOWLEDGE_HOURS = 24;
export const DEFAULT_CHECK_HOURS = 72;
export const DEFAULT_SETTLE_DAYS = 20;

const HOUR = 3600_000;

export function defaultDeadline(category: TipCategory): TipDeadline {
  return {
    category,
    acknowledgeHours: DEFAULT_ACKNOWLEDGE_HOURS,
    checkHours: DEFAULT_CHECK_HOURS,
    settleDays: DEFAULT_SETTLE_DAYS,
  };
}

/** Every category's deadline for a unit: its own where set, the defaults elsewhere. */
export function deadlinesFor(own: readonly TipDeadline[]): TipDeadline[] {
  return TIP_CATEGORIES.map((c) => own.find((d) => d.category === c) ?? defaultDeadline(c));
}

/**
 * When the step is due: acknowledge and check run from the step's start, settle from the tip's
 * receipt at this unit (Điều 147 counts from receipt). Null for a final state.
 */
export function dueAt(
  step: DeadlineStep,
  d: TipDeadline,
  times: { stepStartedAt: number; receivedAt: number },
): number | null {
  switch (step) {
    case 'acknowledge':
      return times.stepStartedAt + d.acknowledgeHours * HOUR;
    case 'check':
      return times.stepStartedAt + d.checkHours * HOUR;
    case 'settle':
      return times.receivedAt + d.settleDays * 24 * HOUR;
    case null:
      return null;
  }
}
