// History is used only for follow-ups: a message that names no procedure and no other intent by
// itself ("còn lệ phí thì sao?", "rứa nộp ở mô") is read together with the latest earlier message
// that does. A complete new message is classified on its own, whatever came before.
import type { Matcher } from './matcher.js';
import { OTHER_INTENTS } from './matcher.js';
import { safeText } from './features.js';

/** Below this a message names no procedure by itself. */
const WEAK_PROCEDURE = 3;
/** Below this a message has no intent of its own either. */
const WEAK_INTENT = 2.5;
/** How far back a follow-up looks for its subject. */
const LOOK_BACK = 4;

export interface FollowUpReading {
  /** The earlier message that gives a follow-up its subject, or null for a complete message. */
  subject: string | null;
  /** "còn X thì sao?": the previous question (its aspect) asked about X. */
  asksSameAgain: boolean;
  /** The message names an aspect of its own (not only "overview"). */
  hasAspect: boolean;
}

export function createFollowUpReader(matcher: Matcher) {
  const lacksSubject = (text: string) => {
    const s = matcher.score(safeText(text));
    let procedure = 0;
    for (const v of s.procedure) procedure = Math.max(procedure, v);
    let other = 0;
    let subject = 0;
    OTHER_INTENTS.forEach((intent, i) => {
      if (intent === 'unknown') return;
      other = Math.max(other, s.intent[i] ?? 0);
      // A greeting or thanks has an intent of its own, but gives a follow-up no subject.
      if (intent !== 'smalltalk') subject = Math.max(subject, s.intent[i] ?? 0);
    });
    // Aspect 0 is overview: only a specific aspect counts as the message's own.
    const hasAspect = Array.from(s.aspect).some((v, i) => i > 0 && v > 0);
    return {
      weak: procedure < WEAK_PROCEDURE && other < WEAK_INTENT,
      namesSubject: procedure >= WEAK_PROCEDURE || subject >= WEAK_INTENT,
      followUp: s.followUp > 0,
      hasAspect,
    };
  };

  return (text: string, history: readonly unknown[] | undefined): FollowUpReading => {
    const cur = lacksSubject(text);
    const earlier = Array.isArray(history) ? history.filter((h): h is string => typeof h === 'string') : [];
    let subject: string | null = null;
    if (cur.weak && earlier.length > 0) {
      for (let i = earlier.length - 1, k = 0; i >= 0 && k < LOOK_BACK; i--, k++) {
        const h = safeText(earlier[i]);
        if (lacksSubject(h).namesSubject) {
          subject = h;
          break;
        }
      }
    }
    return { subject, asksSameAgain: cur.followUp && !cur.hasAspect, hasAspect: cur.hasAspect };
  };
}
