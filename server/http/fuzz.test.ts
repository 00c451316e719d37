import fc from 'fast-check';
import type { RegisteredRoute } from '../app.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzRequests, type FuzzRequest } from '../test/fuzz-requests.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestOfficer } from '../test/helper.js';
import { operations } from '../test/openapi.js';
import { multipart, pdfBytes } from '../test/uploads.js';

// Every public and console operation of the OpenAPI document gets RUNS generated bad requests
// (server/test/fuzz-requests.ts), the same ones on every run (fixed seed per operation): none may
// answer 5xx, every error is problem+json, and the server still works afterwards. Bounded by the
// count, never by the clock.

const RUNS = 200;
const SEED = 8_2026;

const registered: RegisteredRoute[] = [];
const env = await createTestEnv({
  env: { PUBLIC_WRITE_RATE_PER_MINUTE: '1000000', LOGIN_RATE_PER_MINUTE: '1000000' },
  onRoute: (r) => registered.push(r),
});
const ops = (await operations(env.app, registered)).filter((o) => /^\/api\/v1\/(public|console)\//.test(o.route));

/** A stable seed per operation, so adding a route does not change the others' requests. */
function seedOf(key: string): number {
  let h = SEED;
  for (const ch of key) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

function describeRequest(r: Omit<FuzzRequest, 'asCaller'>): string {
  const payload = r.payload === undefined ? '' : ` ${JSON.stringify(String(r.payload).slice(0, 200))}`;
  return `${r.method} ${r.url.slice(0, 200)} ${JSON.stringify(r.headers).slice(0, 200)}${payload}`;
}

describe('fuzzing every public and console route', () => {
  let adminOfficer: TestOfficer;
  let admin = '';
  let resident = '';
  const ids: Record<string, string> = {};

  function paramValue(route: string, name: string): string | null {
    // An event stream with real ids would stay open: those routes get made-up ids only.
    if (route.endsWith('/events')) return null;
    if (name === 'id' && route.includes('/conversations/')) return ids.conversation ?? null;
    if (name === 'id' && route.includes('/attachments/')) return ids.attachment ?? null;
    if (name === 'id' && route.includes('/procedures/')) return 'dang-ky-tam-tru';
    if (name === 'id' && route.includes('/posts/')) return ids.post ?? null;
    if (name === 'id' && route.includes('/board-messages/')) return ids.boardMessage ?? null;
    if (name === 'id' && route.includes('/post-media/')) return ids.postMedia ?? null;
    const known: Record<string, string | undefined> = {
      unitId: ids.unit,
      officerId: ids.officer,
      slug: 'thach-trung',
      token: ids.invite,
      procedureId: 'dang-ky-tam-tru',
      replyId: ids.reply,
      groupId: ids.group,
      residentId: ids.member,
      postId: ids.post,
    };
    return known[name] ?? null;
  }

  beforeAll(async () => {
    ids.unit = (await unitBySlug(env, 'thach-trung')).id;
    ids.officer = (await createOfficer(env, 'officer', 'thach-trung')).id;
    adminOfficer = await createOfficer(env, 'admin');
    admin = await signIn(env, adminOfficer);
    const opened = await env.app.inject({ method: 'POST', url: '/api/v1/public/units/thach-trung/conversations' });
    ids.conversation = opened.json<{ id: string }>().id;
    resident = `kn_resident=${opened.cookies.find((c) => c.name === 'kn_resident')?.value ?? ''}`;
    const upload = multipart([{ filename: 'a.pdf', type: 'application/pdf', data: pdfBytes() }]);
    const uploaded = await env.app.inject({
      method: 'POST',
      url: `/api/v1/public/conversations/${ids.conversation}/attachments`,
      headers: { ...upload.headers, cookie: resident },
      payload: upload.payload,
    });
    ids.attachment = uploaded.json<{ id: string }>().id;
    const invite = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${ids.unit}/invites`,
      headers: { cookie: admin },
      payload: { role: 'officer', displayName: 'Cán bộ mới' },
    });
    ids.invite = invite.json<{ url: string }>().url.split('/').pop() ?? '';
    const reply = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${ids.unit}/canned-replies`,
      headers: { cookie: admin },
      payload: { title: 'Chào', text: 'Xin chào' },
    });
    ids.reply = reply.json<{ id: string }>().id;
    const media = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${ids.unit}/post-media`,
      headers: { ...upload.headers, cookie: admin },
      payload: upload.payload,
    });
    ids.postMedia = media.json<{ id: string }>().id;
    const post = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${ids.unit}/posts`,
      headers: { cookie: admin },
      payload: { title: 'Thông báo', body: 'Nội dung', category: 'event', mediaIds: [ids.postMedia] },
    });
    ids.post = post.json<{ id: string }>().id;
    const group = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${ids.unit}/groups`,
      headers: { cookie: admin },
      payload: { name: 'Tổ dân phố 1', kind: 'to_dan_pho' },
    });
    ids.group = group.json<{ id: string }>().id;
    await env.app.inject({
      method: 'POST',
      url: `/api/v1/public/groups/${ids.group}/join`,
      headers: { cookie: resident },
    });
    const me = await env.app.inject({ url: '/api/v1/public/me', headers: { cookie: resident } });
    ids.member = me.json<{ id: string }>().id;
    const written = await env.app.inject({
      method: 'POST',
      url: `/api/v1/public/groups/${ids.group}/board`,
      headers: { cookie: resident },
      payload: { text: 'Tin nhắn trên bảng tin' },
    });
    ids.boardMessage = written.json<{ id: string }>().id;
  });
  afterAll(async () => env.close());

  it('covers the public and console API', () => {
    expect(ops.filter((o) => o.route.startsWith('/api/v1/public/')).length).toBeGreaterThan(10);
    expect(ops.filter((o) => o.route.startsWith('/api/v1/console/')).length).toBeGreaterThan(30);
  });

  it.each(ops.map((op) => [`${op.method} ${op.route}`, op] as const))(
    `%s: ${RUNS} generated bad requests, no 5xx, every error problem+json`,
    async (key, op) => {
      const requests = fc.sample(fuzzRequests(op, paramValue), { seed: seedOf(key), numRuns: RUNS });
      const isConsole = op.route.startsWith('/api/v1/console/');
      const failures: string[] = [];
      for (const { asCaller, ...request } of requests) {
        if (asCaller) request.headers.cookie = isConsole ? admin : resident;
        const res = await env.app.inject(request);
        if (res.statusCode >= 500)
          failures.push(`${res.statusCode} ${res.body.slice(0, 200)} ← ${describeRequest(request)}`);
        else if (res.statusCode >= 400 && !String(res.headers['content-type']).includes('application/problem+json')) {
          failures.push(`${res.statusCode} not problem+json ← ${describeRequest(request)}`);
        }
        // A generated sign-out must not end the fuzzing of the console.
        if (res.statusCode === 401 && isConsole && asCaller) {
          const me = await env.app.inject({ url: '/api/v1/console/me', headers: { cookie: admin } });
          if (me.statusCode === 401) admin = await signIn(env, adminOfficer);
        }
      }
      expect(failures, failures.slice(0, 10).join('\n')).toEqual([]);
    },
  );

  it('still answers health checks and ordinary requests afterwards', async () => {
    expect((await env.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await env.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    const units = await env.app.inject({ url: '/api/v1/public/units' });
    expect(units.statusCode).toBe(200);
    expect(units.json<{ items: unknown[] }>().items.length).toBeGreaterThan(10);
    const fresh = await signIn(env, adminOfficer);
    expect((await env.app.inject({ url: '/api/v1/console/me', headers: { cookie: fresh } })).statusCode).toBe(200);
    const opened = await env.app.inject({ method: 'POST', url: '/api/v1/public/units/dai-nai/conversations' });
    expect(opened.statusCode).toBe(201);
  });
});
