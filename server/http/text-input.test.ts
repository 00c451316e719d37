import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../test/helper.js';
import { operations, routeUrl, sampleOf, stringLeaves, withValueAt, type Operation } from '../test/openapi.js';
import { multipart, pdfBytes } from '../test/uploads.js';
import { checkText } from '../lib/text-input.js';

describe('checkText', () => {
  it('names the first field holding NUL or a lone surrogate, keys included', () => {
    expect(checkText({ a: 'ok', b: [{ c: 'x\u0000' }] }, 'body', true)).toEqual({
      ok: false,
      problem: { path: 'body.b.0.c', message: 'contains a NUL character' },
    });
    expect(checkText('\ud800x', 'params.id', false)).toMatchObject({ ok: false, problem: { path: 'params.id' } });
    expect(checkText({ 'k\udc00': 1 }, 'query', false)).toMatchObject({
      ok: false,
      problem: { path: 'query.k\udc00' },
    });
  });

  it('accepts surrogate pairs (emoji, rare CJK) and Vietnamese as they are', () => {
    const text = 'Chào anh 👮🏻‍♂️ 𠀀 Thạch Trung';
    expect(checkText({ text }, 'body', true)).toEqual({ ok: true, value: { text } });
  });

  it('strips bidi controls from body text but not from passwords, and only when asked', () => {
    const evil = 'Nguyễn\u202E\u2066 Văn\u202C\u2069 A';
    expect(checkText({ displayName: evil, password: evil, list: [evil] }, 'body', true)).toEqual({
      ok: true,
      value: { displayName: 'Nguyễn Văn A', password: evil, list: ['Nguyễn Văn A'] },
    });
    expect(checkText(evil, 'body', true)).toEqual({ ok: true, value: 'Nguyễn Văn A' });
    expect(checkText({ q: evil }, 'query', false)).toEqual({ ok: true, value: { q: evil } });
  });

  it('walks a body nested 100 000 deep without overflowing the stack', () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? [deep] : { d: deep };
    const result = checkText(deep, 'body', true);
    expect(result.ok).toBe(false);
  });
});

// Every route, every text field (path parameters, query parameters, each string of the JSON body,
// nested ones included), with NUL and with a lone surrogate: 400 invalid_text naming the field,
// and nothing in the database changes. Routes come from the OpenAPI document, so a new route is
// walked without being listed here. On PostgreSQL these were 500s.
describe('text with NUL or lone surrogates, on every route', () => {
  const registered: { method: string; url: string }[] = [];
  let env: TestEnv;
  let ops: Operation[];
  let admin: string;
  let resident: string;
  const ids: Record<string, string> = {};

  /** Real values for path parameters, so a request that got past the check would reach the service. */
  function paramValue(route: string, name: string): string {
    if (name === 'id' && route.includes('/conversations/')) return ids.conversation ?? '';
    if (name === 'id' && route.includes('/procedures/')) return 'dang-ky-tam-tru';
    const known: Record<string, string | undefined> = {
      unitId: ids.unit,
      officerId: ids.officer,
      slug: 'thach-trung',
      token: 'a'.repeat(43),
      procedureId: 'dang-ky-tam-tru',
    };
    return known[name] ?? '01234567-89ab-7def-8123-456789abcdef';
  }

  async function snapshot(): Promise<Record<string, string[]>> {
    const db = env.ctx.database.db;
    const tables = (await db.introspection.getTables())
      .map((t) => t.name)
      // Sign-in sessions are touched by every console request; migrations are not data.
      .filter((name) => name !== 'sessions' && !name.startsWith('kysely_'));
    const result: Record<string, string[]> = {};
    for (const table of tables) {
      const rows = await db
        .selectFrom(table as 'units')
        .selectAll()
        .execute();
      result[table] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return result;
  }

  beforeAll(async () => {
    env = await createTestEnv({ onRoute: (r) => registered.push(r) });
    ops = (await operations(env.app)).filter((o) => o.route.startsWith('/api/v1/'));
    ids.unit = (await unitBySlug(env, 'thach-trung')).id;
    ids.officer = (await createOfficer(env, 'officer', 'thach-trung')).id;
    admin = await signIn(env, await createOfficer(env, 'admin'));
    const opened = await env.app.inject({ method: 'POST', url: '/api/v1/public/units/thach-trung/conversations' });
    ids.conversation = opened.json<{ id: string }>().id;
    resident = `kn_resident=${opened.cookies.find((c) => c.name === 'kn_resident')?.value ?? ''}`;
  });
  afterAll(async () => env.close());

  it('the OpenAPI document lists every API route, so the walk misses none', () => {
    const documented = new Set(ops.map((o) => `${o.method} ${o.route}`));
    const api = registered.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD');
    expect(api.length).toBeGreaterThan(40);
    for (const r of api) expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${r.url}`);
  });

  it('refuses each one with 400 invalid_text naming the field, and changes nothing', async () => {
    const before = await snapshot();
    let walked = 0;
    const send = async (op: Operation, url: string, body: unknown, field: string) => {
      const cookie = op.route.startsWith('/api/v1/console/') ? admin : resident;
      const res = await env.app.inject({
        method: op.method as 'POST',
        url,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
      const key = `${op.method} ${op.route} ${field}`;
      expect(res.statusCode, `${key}: ${res.body}`).toBe(400);
      expect(res.json<{ code: string; errors: { path: string }[] }>(), key).toMatchObject({
        code: 'invalid_text',
        errors: [{ path: field }],
      });
      walked++;
    };
    for (const op of ops) {
      const body = op.body ? sampleOf(op.body) : undefined;
      const url = routeUrl(op.route, (name) => encodeURIComponent(paramValue(op.route, name)));
      for (const p of op.params) {
        const bad = routeUrl(op.route, (name) =>
          name === p.name ? 'a%00b' : encodeURIComponent(paramValue(op.route, name)),
        );
        await send(op, bad, body, `params.${p.name}`);
      }
      for (const q of op.query) await send(op, `${url}?${q.name}=a%00b`, body, `query.${q.name}`);
      if (!op.body) continue;
      for (const leaf of stringLeaves(op.body)) {
        const field = ['body', ...leaf].join('.');
        for (const bad of ['a\u0000b', 'a\ud800b']) await send(op, url, withValueAt(body, leaf, bad), field);
      }
    }
    expect(walked).toBeGreaterThan(150);
    expect(await snapshot()).toEqual(before);
  });

  it('cleans control and bidi characters out of an uploaded file’s name', async () => {
    const body = multipart([{ filename: 'bi\u0000ên\u202Eb\u2066ản.pdf', type: 'application/pdf', data: pdfBytes() }]);
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/public/conversations/${ids.conversation}/attachments`,
      headers: { ...body.headers, cookie: resident },
      payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ name: string }>().name).toBe('biênbản.pdf');
  });

  it('strips bidi controls from names and texts shown to others, at input', async () => {
    const RLO = '\u202E';
    const ISOLATES = '\u2066\u2067\u2068\u2069';
    const evil = (s: string) => `${RLO}${s}${ISOLATES}\u202A\u202B\u202C\u202D`;
    const conversationId = ids.conversation ?? '';
    const unitId = ids.unit ?? '';
    const asResident = (method: 'PATCH' | 'POST', url: string, payload: object) =>
      env.app.inject({ method, url: `/api/v1/public${url}`, headers: { cookie: resident }, payload });
    const asAdmin = (method: 'PATCH' | 'POST' | 'PUT', url: string, payload: object) =>
      env.app.inject({ method, url: `/api/v1/console${url}`, headers: { cookie: admin }, payload });

    const me = await asResident('PATCH', '/me', { displayName: evil('Lan') });
    expect(me.json<{ displayName: string }>().displayName).toBe('Lan');
    const sent = await asResident('POST', `/conversations/${conversationId}/messages`, {
      clientId: 'bidi-resident-1',
      text: evil('gặp cán bộ'),
    });
    expect(sent.json<{ message: { text: string } }>().message.text).toBe('gặp cán bộ');

    const unit = await asAdmin('PATCH', `/units/${unitId}`, {
      displayName: evil('Công an phường'),
      address: evil('1 Lê Lợi'),
    });
    expect(unit.json()).toMatchObject({ displayName: 'Công an phường', address: '1 Lê Lợi' });
    const canned = await asAdmin('POST', `/units/${unitId}/canned-replies`, {
      title: evil('Chào'),
      text: evil('Xin chào'),
    });
    expect(canned.json()).toMatchObject({ title: 'Chào', text: 'Xin chào' });
    const note = await asAdmin('PUT', `/units/${unitId}/procedure-notes/dang-ky-tam-tru`, { note: evil('Phòng 2') });
    expect(note.json<{ note: string }>().note).toBe('Phòng 2');
    const reply = await asAdmin('POST', `/conversations/${conversationId}/messages`, {
      clientId: 'bidi-officer-1',
      text: evil('Chào bạn'),
    });
    expect(reply.json<{ message: { text: string } }>().message.text).toBe('Chào bạn');
    const invite = await asAdmin('POST', `/units/${unitId}/invites`, { role: 'officer', displayName: evil('Trần B') });
    const token = invite.json<{ url: string }>().url.split('/').pop() ?? '';
    const info = await env.app.inject({ url: `/api/v1/console/invites/${token}` });
    expect(info.json<{ displayName: string }>().displayName).toBe('Trần B');
  });
});
