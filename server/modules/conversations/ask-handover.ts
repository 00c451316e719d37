import type { AskRequest, AskResponse } from '../../../contracts/assistant.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { ask, cleanText } from '../assistant/assistant.service.js';
import { getPublicUnit } from '../units/units.service.js';
import { postAnsweredQuestion } from './conversations.service.js';
import { TEXTS } from './texts.js';

// The unit page's ask box says "passed to an officer" only when it is true: a handover answer
// puts the question into the resident's conversation with the unit, where the inbox shows it.

/**
 * Answers a question from the ask API; when the answer hands over and names a unit with an
 * official account, the question opens (or continues) the resident's conversation with that unit
 * (`resident` gives the browser's resident, created on first need) and the reply carries its id.
 * A handover that could not be opened is not claimed.
 */
export async function askAndHandOver(
  ctx: AppContext,
  input: AskRequest,
  resident: () => Promise<{ id: string }>,
): Promise<AskResponse> {
  const response = await ask(ctx, input);
  if (!response.answer.handover) return response;
  const stored = input.unitSlug ? await handOver(ctx, input.unitSlug, input.text, response, resident) : null;
  return stored ? { ...response, ...stored } : notHandedOver(response, input.lang);
}

async function handOver(
  ctx: AppContext,
  slug: string,
  text: string,
  response: AskResponse,
  resident: () => Promise<{ id: string }>,
): Promise<{ conversationId: string; messageId: string } | null> {
  try {
    // A unit without an official account has no inbox: no resident is created for nothing.
    if (!(await getPublicUnit(ctx, slug)).unit.hasAccount) return null;
    const { id } = await resident();
    // ask() has kept the question for the unit's officers already.
    const posted = await postAnsweredQuestion(ctx, id, slug, cleanText(text), { response, unanswered: null });
    return posted.conversation.status === 'open'
      ? { conversationId: posted.conversation.id, messageId: posted.message.id }
      : null;
  } catch (err) {
    // Writing too fast, or a failure: the resident is told to call instead of being told it went through.
    if (!(err instanceof AppError)) ctx.reportError('assistant.ask_handover', err, { unitSlug: slug });
    return null;
  }
}

/** The answer without its handover promise: an emergency keeps its first line (the number to call). */
function notHandedOver(response: AskResponse, lang: AskRequest['lang']): AskResponse {
  const texts = lang === 'en' ? TEXTS.en : TEXTS;
  const lines =
    response.intent === 'emergency'
      ? [response.answer.text.split('\n')[0] ?? '', texts.emergencyNotHandedOver]
      : [texts.notHandedOver, texts.dangerNow];
  return { ...response, answer: { ...response.answer, text: lines.join('\n'), handover: false } };
}
