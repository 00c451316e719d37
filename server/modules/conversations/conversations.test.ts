import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../../test/helper.js';

const PUBLIC = '/api/v1/public';
const CONSOLE = '/api/v1/console';

interface Msg {
  id: string;
  author: string;
  text: string;
  internal: boolean;
  quickReplies: unknown[];
  procedureEntryId: string | null;
}
interface Conv {
  id: string;
  status: string;
  handoverReason: string | null;
  assigneeId: string | null;
  firstResponseDueAt: string | null;
  firstResponseAt: string | null;
  labels: string[];
}
interface Posted {
  message: Msg;
  replies: Msg[];
  conversation: Conv;
}

describe('conversations through the API', () => {
  let env: TestEnv;
  let unitId: string;
  let officer: string;
  let officerId: string;
  let otherOfficer: string;
  let seq = 0;

  async function resident(slug = 'thach-trung'): Promise<{ cookie: string; conversationId: string; status: number }> {
    const res = await env.app.inject({ method: 'POST', url: `${PUBLIC}/units/${slug}/conversations` });
    const c = res.cookies.find((x) => x.name === 'kn_resident');
    if (!c) throw new Error(`no resident cookie: ${res.statusCode} ${res.body}`);
    return { cookie: `kn_resident=${c.value}`, conversationId: res.json<Conv>().id, status: res.statusCode };
  }

  function say(r: { cookie: string; conversationId: string }, text: string, clientId = `client-${++seq}-x`) {
    return env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/conversations/${r.conversationId}/messages`,
      headers: { cookie: r.cookie },
      payload: { clientId, text },
    });
  }

  function officerPost(id: string, body: object, cookie = officer) {
    return env.app.inject({
      method: 'POST',
      url: `${CONSOLE}/conversations/${id}/messages`,
      headers: { cookie },
      payload: body,
    });
  }

  async function residentMessages(r: { cookie: string; conversationId: string }): Promise<Msg[]> {
    const res = await env.app.inject({
      url: `${PUBLIC}/conversations/${r.conversationId}/messages`,
      headers: { cookie: r.cookie },
    });
    expect(res.statusCode).toBe(200);
    return res.json<{ items: Msg[] }>().items;
  }

  async function count(table: 'messages' | 'outbox' | 'events'): Promise<number> {
    const r = await env.ctx.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  beforeAll(async () => {
    env = await createTestEnv();
    unitId = (await unitBySlug(env, 'thach-trung')).id;
    const o = await createOfficer(env, 'officer', 'thach-trung');
    officerId = o.id;
    officer = await signIn(env, o);
    otherOfficer = await signIn(env, await createOfficer(env, 'officer', 'dai-nai'));
  });
  afterAll(async () => env.close());

  it('answers, hands over, lets an officer reply, resolves and re-opens', async () => {
    const r = await resident();
    expect(r.status).toBe(201);
    const again = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/units/thach-trung/conversations`,
      headers: { cookie: r.cookie },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json<Conv>().id).toBe(r.conversationId);

    const asked = await say(r, 'làm căn cước cần gì');
    expect(asked.statusCode).toBe(201);
    const first = asked.json<Posted>();
    expect(first.message).toMatchObject({ author: 'resident', text: 'làm căn cước cần gì', procedureEntryId: null });
    expect(first.replies[0]?.author).toBe('bot');
    expect(first.replies[0]?.text.length).toBeGreaterThan(20);
    // The answer names its knowledge-base entry (the chat links to the guide), here and when listed.
    const entryId = first.replies[0]?.procedureEntryId;
    expect(entryId).toMatch(/can-cuoc/);
    const listed = await env.app.inject({
      url: `${PUBLIC}/conversations/${r.conversationId}/messages`,
      headers: { cookie: r.cookie },
    });
    expect(listed.json<{ items: Msg[] }>().items.find((m) => m.author === 'bot')?.procedureEntryId).toBe(entryId);
    expect(first.conversation.status).toBe('bot');

    const human = (await say(r, 'cho tôi gặp cán bộ')).json<Posted>();
    expect(human.conversation).toMatchObject({ status: 'open', handoverReason: 'human' });
    expect(human.replies.map((m) => m.author)).toEqual(['bot', 'system']);
    expect(human.replies[1]?.text).toMatch(/Cán bộ sẽ trả lời bạn sớm/);
    expect(human.conversation.firstResponseDueAt).not.toBeNull();

    const inbox = await env.app.inject({
      url: `${CONSOLE}/units/${unitId}/conversations?status=open`,
      headers: { cookie: officer },
    });
    expect(inbox.json<{ items: Conv[] }>().items.map((c) => c.id)).toContain(r.conversationId);
    const none = await env.app.inject({
      url: `${CONSOLE}/units/${unitId}/conversations?status=bot`,
      headers: { cookie: officer },
    });
    expect(none.json<{ items: Conv[] }>().items.map((c) => c.id)).not.toContain(r.conversationId);

    const reply = await officerPost(r.conversationId, {
      clientId: 'officer-reply-1',
      text: 'Chào bạn, tôi là cán bộ phường.',
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json<{ conversation: Conv }>().conversation).toMatchObject({ assigneeId: officerId });
    expect(reply.json<{ conversation: Conv }>().conversation.firstResponseAt).not.toBeNull();
    const note = await officerPost(r.conversationId, {
      clientId: 'officer-note-1',
      text: 'Ghi chú nội bộ',
      internal: true,
    });
    expect(note.statusCode).toBe(201);

    const seen = await residentMessages(r);
    expect(seen[0]).toMatchObject({ author: 'officer', text: 'Chào bạn, tôi là cán bộ phường.' });
    expect(seen.some((m) => m.text === 'Ghi chú nội bộ')).toBe(false);
    const console = await env.app.inject({
      url: `${CONSOLE}/conversations/${r.conversationId}/messages`,
      headers: { cookie: officer },
    });
    expect(console.json<{ items: Msg[] }>().items[0]).toMatchObject({ text: 'Ghi chú nội bộ', internal: true });

    const resolved = await env.app.inject({
      method: 'POST',
      url: `${CONSOLE}/conversations/${r.conversationId}/resolve`,
      headers: { cookie: officer },
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json<Conv>().status).toBe('resolved');

    const back = (await say(r, 'Tôi còn một câu hỏi nữa')).json<Posted>();
    expect(back.conversation.status).toBe('open');
    expect(back.replies).toEqual([]);

    const audit = await env.ctx.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('targetId', '=', r.conversationId)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'conversation.note',
      'conversation.reply',
      'conversation.resolve',
    ]);
    // Outbound: two bot answers, one system message, one officer reply (never the internal note).
    const outbox = await env.ctx.database.db
      .selectFrom('outbox')
      .select('messageId')
      .where('conversationId', '=', r.conversationId)
      .execute();
    expect(outbox).toHaveLength(4);
  });

  it('stores a repeated clientId once and returns the first result', async () => {
    const r = await resident();
    const a = await say(r, 'làm căn cước cần gì', 'same-client-id-1');
    const before = { messages: await count('messages'), outbox: await count('outbox'), events: await count('events') };
    const b = await say(r, 'làm căn cước cần gì', 'same-client-id-1');
    expect(b.statusCode).toBe(201);
    expect(b.json<Posted>().message).toEqual(a.json<Posted>().message);
    expect(b.json<Posted>().replies).toEqual(a.json<Posted>().replies);
    expect({ messages: await count('messages'), outbox: await count('outbox'), events: await count('events') }).toEqual(
      before,
    );
    const c = await officerPost(r.conversationId, { clientId: 'officer-same-1', text: 'Một' });
    const d = await officerPost(r.conversationId, { clientId: 'officer-same-1', text: 'Một' });
    expect(d.json<{ message: Msg }>().message).toEqual(c.json<{ message: Msg }>().message);
  });

  it('refuses empty and oversized messages, unknown ids and other residents', async () => {
    const r = await resident();
    expect((await say(r, '   ')).statusCode).toBe(400);
    expect((await say(r, 'a'.repeat(20_000))).statusCode).toBe(400);
    const unknown = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/conversations/0190f000-0000-7000-8000-000000000000/messages`,
      headers: { cookie: r.cookie },
      payload: { clientId: 'client-unknown', text: 'xin chào' },
    });
    expect(unknown.statusCode).toBe(404);
    const stranger = await resident();
    const peek = await env.app.inject({
      url: `${PUBLIC}/conversations/${r.conversationId}/messages`,
      headers: { cookie: stranger.cookie },
    });
    expect(peek.statusCode).toBe(404);
    const noCookie = await env.app.inject({ url: `${PUBLIC}/conversations/${r.conversationId}/messages` });
    expect(noCookie.statusCode).toBe(404);
    expect(await residentMessages(r)).toEqual([]);
    expect(
      (await env.app.inject({ method: 'POST', url: `${PUBLIC}/units/khong-co-dau/conversations` })).statusCode,
    ).toBe(404);
  });

  it('answers a burst of 100 messages with 429s and keeps the conversation intact', async () => {
    const r = await resident();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => say(r, `tin nhắn ${i}`, `burst-${i}-abcdef`)),
    );
    const ok = results.filter((x) => x.statusCode === 201);
    const limited = results.filter((x) => x.statusCode === 429);
    expect(ok.length + limited.length).toBe(100);
    expect(limited.length).toBeGreaterThanOrEqual(50);
    expect(Number(limited[0]?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited[0]?.headers['content-type']).toMatch(/problem\+json/);
    const stored = (await residentMessages(r)).filter((m) => m.author === 'resident');
    expect(stored).toHaveLength(ok.length);
  });

  it('keeps other units out and lets owners assign, officers take, label and set pending', async () => {
    const r = await resident();
    await say(r, 'làm căn cước cần gì');
    expect(
      (await env.app.inject({ url: `${CONSOLE}/conversations/${r.conversationId}`, headers: { cookie: otherOfficer } }))
        .statusCode,
    ).toBe(404);
    const take = await env.app.inject({
      method: 'POST',
      url: `${CONSOLE}/conversations/${r.conversationId}/take`,
      headers: { cookie: officer },
    });
    expect(take.json<Conv>()).toMatchObject({ status: 'open', assigneeId: officerId, handoverReason: 'officer' });
    const forbidden = await env.app.inject({
      method: 'POST',
      url: `${CONSOLE}/conversations/${r.conversationId}/assign`,
      headers: { cookie: officer },
      payload: { officerId: null },
    });
    expect(forbidden.statusCode).toBe(403);
    const owner = await signIn(env, await createOfficer(env, 'owner', 'thach-trung'));
    const outsiderId = (await createOfficer(env, 'officer', 'dai-nai')).id;
    const wrong = await env.app.inject({
      method: 'POST',
      url: `${CONSOLE}/conversations/${r.conversationId}/assign`,
      headers: { cookie: owner },
      payload: { officerId: outsiderId },
    });
    expect(wrong.statusCode).toBe(400);
    const labels = await env.app.inject({
      method: 'POST',
      url: `${CONSOLE}/conversations/${r.conversationId}/labels`,
      headers: { cookie: officer },
      payload: { labels: ['căn cước'] },
    });
    expect(labels.json<Conv>().labels).toEqual(['căn cước']);
    const pending = await env.app.inject({
      method: 'POST',
      url: `${CONSOLE}/conversations/${r.conversationId}/pending`,
      headers: { cookie: officer },
    });
    expect(pending.json<Conv>().status).toBe('pending');
    const mine = await env.app.inject({
      url: `${CONSOLE}/units/${unitId}/conversations?assignee=me&label=${encodeURIComponent('căn cước')}&q=${encodeURIComponent('căn cước')}`,
      headers: { cookie: officer },
    });
    expect(mine.json<{ items: Conv[] }>().items.map((c) => c.id)).toEqual([r.conversationId]);
    // The resident's view carries no officer-side labels.
    const residentView = (await say(r, 'vâng')).json<Posted>();
    expect(residentView.conversation).toMatchObject({ status: 'open', labels: [] });
  });

  it('accepts a message with only an attachment or a location, and hands it to officers', async () => {
    const r = await resident();
    const boundary = '----conversations-test';
    const pdf = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
    const up = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/conversations/${r.conversationId}/attachments`,
      headers: { cookie: r.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="don.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`,
    });
    expect(up.statusCode, up.body).toBe(201);
    const attachmentId = up.json<{ id: string }>().id;
    const post = (clientId: string, body: object) =>
      env.app.inject({
        method: 'POST',
        url: `${PUBLIC}/conversations/${r.conversationId}/messages`,
        headers: { cookie: r.cookie },
        payload: { clientId, ...body },
      });
    const sent = await post('attach-only-1', { attachmentIds: [attachmentId] });
    expect(sent.statusCode, sent.body).toBe(201);
    const body = sent.json<Posted & { message: { attachments: { id: string }[] } }>();
    expect(body.message.attachments.map((a) => a.id)).toEqual([attachmentId]);
    expect(body.conversation).toMatchObject({ status: 'open', handoverReason: 'attachment' });
    expect(body.replies.map((m) => m.author)).toEqual(['system']);
    // The same upload cannot be attached twice; nothing is stored for the refused message.
    expect((await post('attach-only-2', { attachmentIds: [attachmentId] })).statusCode).toBe(400);
    const located = await post('location-only-1', { location: { latitude: 18.34, longitude: 105.9 } });
    expect(located.statusCode).toBe(201);
    expect(located.json<{ message: { location: unknown } }>().message.location).toEqual({
      latitude: 18.34,
      longitude: 105.9,
    });
    expect((await residentMessages(r)).filter((m) => m.author === 'resident')).toHaveLength(2);
  });

  it('keeps canned replies per unit', async () => {
    const created = await env.app.inject({
      method: 'POST',
      url: `${CONSOLE}/units/${unitId}/canned-replies`,
      headers: { cookie: officer },
      payload: { title: 'Giờ làm việc', text: 'Công an phường làm việc từ 7h30 đến 17h.' },
    });
    expect(created.statusCode).toBe(201);
    const list = await env.app.inject({
      url: `${CONSOLE}/units/${unitId}/canned-replies`,
      headers: { cookie: officer },
    });
    expect(list.json<{ items: { title: string }[] }>().items.map((c) => c.title)).toContain('Giờ làm việc');
    const id = created.json<{ id: string }>().id;
    const del = await env.app.inject({
      method: 'DELETE',
      url: `${CONSOLE}/units/${unitId}/canned-replies/${id}`,
      headers: { cookie: officer },
    });
    expect(del.statusCode).toBe(200);
  });

  it('keeps a resident profile behind the cookie', async () => {
    const r = await resident();
    const patch = await env.app.inject({
      method: 'PATCH',
      url: `${PUBLIC}/me`,
      headers: { cookie: r.cookie },
      payload: { displayName: 'Bà Lan', phone: '0912 345 678' },
    });
    expect(patch.json()).toMatchObject({ displayName: 'Bà Lan', phone: '0912 345 678' });
    const conv = await env.app.inject({
      url: `${CONSOLE}/conversations/${r.conversationId}`,
      headers: { cookie: officer },
    });
    expect(conv.json()).toMatchObject({ residentName: 'Bà Lan' });
    const stored = await env.ctx.database.db.selectFrom('residents').select('tokenHash').execute();
    expect(stored.every((s) => s.tokenHash === null || /^[0-9a-f]{64}$/.test(s.tokenHash))).toBe(true);
  });
  it("opens the successor's conversation for a merged unit, and 404 for a unit without an account", async () => {
    const admin = await signIn(env, await createOfficer(env, 'admin'));
    const from = await unitBySlug(env, 'dai-nai');
    const into = await unitBySlug(env, 'thach-ha');
    const merged = await env.app.inject({
      method: 'POST',
      url: `${CONSOLE}/units/${from.id}/merge`,
      headers: { cookie: admin },
      payload: { intoUnitId: into.id },
    });
    expect(merged.statusCode).toBe(200);
    const r = await resident('dai-nai');
    const conv = await env.app.inject({
      url: `${CONSOLE}/conversations/${r.conversationId}`,
      headers: { cookie: admin },
    });
    expect(conv.json<{ unitId: string }>().unitId).toBe(into.id);
    const city = await env.app.inject({ method: 'POST', url: `${PUBLIC}/units/tp-ha-tinh/conversations` });
    expect(city.statusCode).toBe(404);
  });
});
