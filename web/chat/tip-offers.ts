import type { Attachment, Message } from '../../contracts/conversations';
import { MAX_TIP_ATTACHMENTS } from '../../contracts/tips';

// Pure helper of the chat's tip offer (kept apart from React so it can be unit-tested).

export interface OpenTipOffer {
  /** The resident's message the offer would send. */
  messageId: string;
  /** What the tip's description starts as: that message and the resident's later ones, oldest first. */
  description: string;
  /** The photos and files of those messages the tip may take (at most a tip's allowance). */
  files: Attachment[];
  /** The receipt code once the message was sent as a tip (the offer is then spent). */
  sentCode: string | null;
}

/** The assistant's tip offers among loaded messages (oldest first), by the id of the message carrying each. */
export function tipOffers(messages: readonly Message[]): Map<string, OpenTipOffer> {
  const sent = new Map<string, string>();
  for (const m of messages) {
    for (const a of m.actions) if (a.kind === 'tip_sent') sent.set(a.messageId, a.receiptCode);
  }
  const offers = new Map<string, OpenTipOffer>();
  for (const m of messages) {
    for (const a of m.actions) {
      if (a.kind !== 'tip_form') continue;
      const from = messages.findIndex((x) => x.id === a.messageId);
      const words = from < 0 ? [] : messages.slice(from).filter((x) => x.author === 'resident' && x.text);
      offers.set(m.id, {
        messageId: a.messageId,
        description: words.map((x) => x.text).join('\n'),
        files: (from < 0 ? [] : messages.slice(from))
          .filter((x) => x.author === 'resident')
          .flatMap((x) => x.attachments)
          .slice(0, MAX_TIP_ATTACHMENTS),
        sentCode: sent.get(a.messageId) ?? null,
      });
    }
  }
  return offers;
}
