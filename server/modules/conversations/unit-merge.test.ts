import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../../test/helper.js';

interface Conv {
  id: string;
  unitId: string;
  status: string;
}
interface Msg {
  author: string;
  text: string;
}

describe('conversations when their unit is merged into another', () => {
  let env: TestEnv;
  let seq = 0;

  async function open(slug: string, cookie?: string): Promise<{ cookie: string; conv: Conv }> {
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/public/units/${slug}/conversations`,
      ...(cookie ? { headers: { cookie } } : {}),
    });
    const set = res.cookies.find((c) => c.name === 'kn_resident');
    return { cookie: cookie ?? `kn_resident=${set?.value ?? ''}`, conv: res.json<Conv>() };
  }
  async function say(r: { cookie: string; conv: Conv }, text: string) {
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/public/conversations/${r.conv.id}/messages`,
      headers: { cookie: r.cookie },
      payload: { clientId: `merge-${++seq}-x`, text },
    });
    return res;
  }
  async function messages(cookie: string, id: string): Promise<Msg[]> {
    const res = await env.app.inject({ url: `/api/v1/public/conversations/${id}/messages`, headers: { cookie } });
    return res.json<{ items: Msg[] }>().items;
  }

  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => env.close());

  it('moves them to the successor; a resident of both keeps one conversation with both histories', async () => {
    const from = await unitBySlug(env, 'thach-trung');
    const into = await unitBySlug(env, 'thach-ha');
    // r1 waits for an officer of Thạch Trung; r2 talked to both communes.
    const r1 = await open('thach-trung');
    await say(r1, 'làm căn cước cần gì');
    expect((await say(r1, 'cho tôi gặp cán bộ')).json<{ conversation: Conv }>().conversation.status).toBe('open');
    const r2old = await open('thach-trung');
    await say(r2old, 'đăng ký tạm trú cần gì');
    await say(r2old, 'cho tôi gặp cán bộ');
    const r2new = await open('thach-ha', r2old.cookie);
    await say(r2new, 'gia hạn tạm trú ở đâu');
    expect(r2new.conv.id).not.toBe(r2old.conv.id);

    const admin = await signIn(env, await createOfficer(env, 'admin'));
    const merged = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${from.id}/merge`,
      headers: { cookie: admin },
      payload: { intoUnitId: into.id },
    });
    expect(merged.statusCode).toBe(200);

    // Officers of the successor find both in their inbox, still waiting for them.
    const officer = await signIn(env, await createOfficer(env, 'officer', 'thach-ha'));
    const inbox = await env.app.inject({
      url: `/api/v1/console/units/${into.id}/conversations?status=open`,
      headers: { cookie: officer },
    });
    const ids = inbox.json<{ items: Conv[] }>().items.map((c) => c.id);
    expect(ids).toContain(r1.conv.id);
    expect(ids).toContain(r2new.conv.id);
    expect(ids).not.toContain(r2old.conv.id);

    // r1 goes on writing in the same conversation, now the successor's.
    expect((await say(r1, 'cảm ơn')).statusCode).toBe(201);
    const again = await open('thach-trung', r1.cookie); // the old slug leads to the successor
    expect(again.conv).toMatchObject({ id: r1.conv.id, unitId: into.id });

    // r2 has one conversation with the successor, holding what was said to both communes.
    const r2 = await open('thach-trung', r2old.cookie);
    expect(r2.conv.id).toBe(r2new.conv.id);
    const texts = (await messages(r2old.cookie, r2.conv.id)).filter((m) => m.author === 'resident').map((m) => m.text);
    expect(texts.sort()).toEqual(['cho tôi gặp cán bộ', 'gia hạn tạm trú ở đâu', 'đăng ký tạm trú cần gì'].sort());
    expect((await say(r2old, 'còn đó không')).statusCode).toBe(404); // the old conversation is gone

    const audit = await env.ctx.database.db
      .selectFrom('auditLog')
      .select('details')
      .where('action', '=', 'unit.merge')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details ?? '{}')).toMatchObject({ movedConversations: 1, joinedConversations: 1 });
  });
});
