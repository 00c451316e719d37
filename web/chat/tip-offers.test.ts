import { describe, expect, it } from 'vitest';
import type { Message } from '../../contracts/conversations';
import { tipOffers } from './tip-offers';

let n = 0;
function message(author: Message['author'], text: string, actions: Message['actions'] = []): Message {
  return {
    id: `m${++n}`,
    conversationId: 'c1',
    author,
    authorName: null,
    text,
    internal: false,
    quickReplies: [],
    attachments: [],
    location: null,
    createdAt: '2026-12-01T10:00:00.000Z',
    procedureEntryId: null,
    actions,
  };
}

describe('tipOffers', () => {
  it("starts the description from the tip message and the resident's later words, oldest first", () => {
    const before = message('resident', 'xin chào');
    const tip = message('resident', 'nhà bên hát karaoke đến nửa đêm');
    const offer = message('bot', 'Cảm ơn bạn…', [{ kind: 'tip_form', messageId: tip.id }]);
    const handover = message('system', 'Cán bộ sẽ trả lời bạn sớm.');
    const more = message('resident', 'nhà số 12');
    const offers = tipOffers([before, tip, offer, handover, more]);
    expect([...offers.keys()]).toEqual([offer.id]);
    expect(offers.get(offer.id)).toEqual({
      messageId: tip.id,
      description: 'nhà bên hát karaoke đến nửa đêm\nnhà số 12',
      files: [],
      sentCode: null,
    });
  });

  it("offers the files of the resident's messages from the tip on, up to a tip's allowance", () => {
    const file = (id: string): Message['attachments'][number] => ({
      id,
      kind: 'image',
      mimeType: 'image/jpeg',
      name: `${id}.jpg`,
      sizeBytes: 1,
      url: `/a/${id}`,
      thumbnailUrl: null,
    });
    const earlier = { ...message('resident', ''), attachments: [file('before')] };
    const tip = message('resident', 'xe bị mất trộm');
    const offer = message('bot', 'Cảm ơn bạn…', [{ kind: 'tip_form', messageId: tip.id }]);
    const officer = { ...message('officer', 'gửi ảnh giúp anh'), attachments: [file('officer')] };
    const photos = { ...message('resident', ''), attachments: ['a', 'b', 'c', 'd', 'e', 'f'].map(file) };
    const files = tipOffers([earlier, tip, offer, officer, photos]).get(offer.id)?.files ?? [];
    expect(files.map((f) => f.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('spends an offer once its message was sent as a tip', () => {
    const tip = message('resident', 'có người bán ma túy');
    const offer = message('bot', 'Cảm ơn bạn…', [{ kind: 'tip_form', messageId: tip.id }]);
    const sent = message('system', 'Đã gửi…', [{ kind: 'tip_sent', messageId: tip.id, receiptCode: 'TB-ABCDEFGH' }]);
    expect(tipOffers([tip, offer, sent]).get(offer.id)?.sentCode).toBe('TB-ABCDEFGH');
  });

  it('offers with an empty description when the tip message is not loaded', () => {
    const offer = message('bot', 'Cảm ơn bạn…', [{ kind: 'tip_form', messageId: 'older' }]);
    expect(tipOffers([offer]).get(offer.id)?.description).toBe('');
  });
});
