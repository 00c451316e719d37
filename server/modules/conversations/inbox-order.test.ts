import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASK_FOR_OFFICER as PERSON,
  FIRE,
  inboxDesk,
  type InboxDesk,
  openAsResident,
  residentSays,
  type InboxPage,
  type TestResident,
} from '../../test/conversations.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';

// Open emergencies lead the officers' inbox (assigned or not), then the most recently active; the
// keyset cursor carries every key of that order, so paging walks each conversation exactly once.
// The real classifier reads the messages.

describe('inbox order', () => {
  let env: TestEnv;
  let desk: InboxDesk;
  const inbox = (query: string) => desk.inbox(query);

  beforeAll(async () => {
    env = await createTestEnv();
    desk = await inboxDesk(env, 'thach-trung');
  });
  afterAll(async () => env.close());

  /** A new resident's conversation with the unit, its first message one second after the last. */
  async function residentWriting(text: string): Promise<TestResident> {
    env.clock.advance(1000);
    const r = await openAsResident(env, 'thach-trung');
    await residentSays(env, r, text);
    return r;
  }

  async function act(id: string, action: 'take' | 'resolve'): Promise<void> {
    env.clock.advance(1000);
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/conversations/${id}/${action}`,
      headers: { cookie: desk.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  let fire: TestResident;

  it('lists an emergency older than every other conversation first, marked urgent', async () => {
    fire = await residentWriting(FIRE);
    const others = [await residentWriting(PERSON), await residentWriting(PERSON), await residentWriting(PERSON)];
    const { items } = await inbox('status=open&assignee=none');
    expect(items.map((c) => c.id)).toEqual([fire, ...others.reverse()].map((r) => r.conversationId));
    expect(items[0]).toMatchObject({ handoverReason: 'emergency', urgent: true });
    expect(items.slice(1).every((c) => !c.urgent)).toBe(true);
  });

  it('keeps it first once an officer takes it, and drops it to its place once resolved', async () => {
    await act(fire.conversationId, 'take');
    await residentWriting(PERSON);
    expect((await inbox('status=open')).items[0]).toMatchObject({ id: fire.conversationId, urgent: true });
    await act(fire.conversationId, 'resolve');
    const { items } = await inbox('');
    expect(items.find((c) => c.id === fire.conversationId)?.urgent).toBe(false);
    expect(items[0]?.urgent).toBe(false);
  });

  it('brings a conversation already with officers back to the top when the resident writes an emergency', async () => {
    const r = await residentWriting(PERSON);
    await residentWriting(PERSON);
    env.clock.advance(1000);
    const posted = await residentSays(env, r, FIRE);
    expect(posted.conversation).toMatchObject({ status: 'open', handoverReason: 'emergency', urgent: true });
    // Officers hold it, so the assistant does not answer; the resident is told to call 113.
    expect(posted.replies.map((m) => m.author)).toEqual(['system']);
    expect(posted.replies[0]?.text).toMatch(/113/);
    await residentWriting(PERSON);
    expect((await inbox('status=open')).items[0]?.id).toBe(r.conversationId);
  });

  it('walks every conversation exactly once, page by page, in the order of the whole list', async () => {
    // Two open emergencies, one of them assigned, among conversations of every status.
    await residentWriting('làm căn cước cần gì');
    const assigned = await residentWriting(FIRE);
    await act(assigned.conversationId, 'take');
    await residentWriting(FIRE);
    await residentWriting(PERSON);
    const whole = (await inbox('limit=100')).items;
    expect(whole.length).toBeGreaterThan(9);
    expect(whole.filter((c) => c.urgent).length).toBe(3);
    const urgentFirst = whole.findIndex((c) => !c.urgent);
    expect(whole.slice(urgentFirst).some((c) => c.urgent)).toBe(false);

    for (const limit of [1, 2, 3]) {
      const walked: string[] = [];
      let before: string | null = null;
      do {
        const page: InboxPage = await inbox(`limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`);
        walked.push(...page.items.map((c) => c.id));
        before = page.nextCursor;
      } while (before);
      expect(walked, `limit ${limit}`).toEqual(whole.map((c) => c.id));
    }
  });

  it('refuses a cursor it did not give', async () => {
    for (const before of ['1700000000000_abc', 'x_1_abc', `1_${'9'.repeat(30)}_abc`]) {
      const res = await env.app.inject({
        url: `/api/v1/console/units/${desk.unitId}/conversations?before=${before}`,
        headers: { cookie: desk.cookie },
      });
      expect(res.statusCode, before).toBe(400);
      expect(res.json()).toMatchObject({ code: 'invalid_cursor' });
    }
  });
});
