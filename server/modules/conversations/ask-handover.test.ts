import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askResponseSchema, type AskResponse } from '../../../contracts/assistant.js';
import type { Conversation, Message } from '../../../contracts/conversations.js';
import {
  ASK_FOR_OFFICER,
  FIRE,
  inboxDesk,
  openAsResident,
  type InboxDesk,
  residentCookieOf,
} from '../../test/conversations.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';
import { TEXTS } from './texts.js';

// The unit page's ask box: a handover answer puts the question into the resident's conversation
// with the unit, so it reaches the inbox; a handover that cannot reach anyone is not claimed.

describe('handovers from the ask box', () => {
  let env: TestEnv;
  let desk: InboxDesk;

  beforeAll(async () => {
    env = await createTestEnv();
    desk = await inboxDesk(env, 'thach-trung');
  });
  afterAll(async () => env.close());

  function ask(payload: object, cookie = '') {
    return env.app.inject({
      method: 'POST',
      url: '/api/v1/public/assistant/ask',
      headers: cookie ? { cookie } : {},
      payload,
    });
  }

  const inbox = async (): Promise<Conversation[]> => (await desk.inbox()).items;

  async function consoleMessages(id: string): Promise<Message[]> {
    const res = await env.app.inject({
      url: `/api/v1/console/conversations/${id}/messages`,
      headers: { cookie: desk.cookie },
    });
    return res.json<{ items: Message[] }>().items;
  }

  const conversationCount = async () =>
    Number(
      (
        await env.ctx.database.db
          .selectFrom('conversations')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("puts an emergency asked by a new visitor into a new conversation at the top of the unit's inbox", async () => {
    const res = await ask({ text: FIRE, unitSlug: 'thach-trung' });
    expect(res.statusCode).toBe(200);
    const body = askResponseSchema.parse(res.json());
    expect(body).toMatchObject({ intent: 'emergency', answer: { handover: true } });
    expect(body.conversationId).toEqual(expect.any(String));
    // The browser now has a resident, as the chat would have made.
    const cookie = residentCookieOf(res);
    expect(cookie).not.toBe('');

    const [first] = await inbox();
    expect(first).toMatchObject({ id: body.conversationId, status: 'open', handoverReason: 'emergency', urgent: true });
    // The officer reads the question, the answer the resident was shown, and the handover notice.
    const messages = await consoleMessages(body.conversationId ?? '');
    expect(messages.map((m) => [m.author, m.text]).reverse()).toEqual([
      ['resident', FIRE],
      ['bot', body.answer.text],
      ['system', TEXTS.handoverEmergency],
    ]);
    // The chat opens the same conversation for this browser.
    expect((await openAsResident(env, 'thach-trung', cookie)).conversationId).toBe(body.conversationId);
  });

  it("continues the resident's conversation, with the reason the answer gave", async () => {
    const r = await openAsResident(env, 'thach-trung');
    const res = await ask({ text: ASK_FOR_OFFICER, unitSlug: 'thach-trung' }, r.cookie);
    const body = res.json<AskResponse>();
    expect(body.conversationId).toBe(r.conversationId);
    expect(residentCookieOf(res)).toBe('');
    expect((await inbox()).find((c) => c.id === r.conversationId)).toMatchObject({
      status: 'open',
      handoverReason: 'human',
    });
    // Asked again while officers hold it: the question is added for them.
    const again = await ask({ text: 'em muốn gặp cán bộ ạ, cho tôi gặp cán bộ', unitSlug: 'thach-trung' }, r.cookie);
    expect(again.json<AskResponse>().conversationId).toBe(r.conversationId);
    const texts = (await consoleMessages(r.conversationId)).map((m) => m.text);
    expect(texts[0]).toBe('em muốn gặp cán bộ ạ, cho tôi gặp cán bộ');
  });

  it('creates no conversation and no resident for an answer that is not a handover', async () => {
    const before = await conversationCount();
    const res = await ask({ text: 'làm căn cước cần gì', unitSlug: 'thach-trung' });
    const body = res.json<AskResponse>();
    expect(body.answer.handover).toBe(false);
    expect(body.conversationId).toBeUndefined();
    expect(residentCookieOf(res)).toBe('');
    expect(await conversationCount()).toBe(before);
  });

  it('does not claim a handover when no officer can get it: no unit, or a unit without an account', async () => {
    const before = await conversationCount();
    for (const payload of [{ text: FIRE }, { text: FIRE, unitSlug: 'tp-ha-tinh' }]) {
      const res = await ask(payload);
      const body = res.json<AskResponse>();
      expect(body).toMatchObject({ intent: 'emergency', answer: { handover: false } });
      expect(body.conversationId).toBeUndefined();
      const lines = body.answer.text.split('\n');
      // The number to call stays first; nothing says an officer has it.
      expect(lines[0]).toMatch(/11[345]/);
      expect(lines.slice(1)).toEqual([TEXTS.emergencyNotHandedOver]);
      expect(residentCookieOf(res)).toBe('');
    }
    const person = await ask({ text: ASK_FOR_OFFICER, lang: 'en' });
    expect(person.json<AskResponse>().answer).toMatchObject({
      handover: false,
      text: `${TEXTS.en.notHandedOver}\n${TEXTS.en.dangerNow}`,
    });
    expect(await conversationCount()).toBe(before);
  });
});
