import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../test/helper.js';
import { routeUrl } from '../test/openapi.js';

const EVIL = 'https://evil.example';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('edge checks', () => {
  const routes: { method: string; url: string }[] = [];
  let env: TestEnv;
  let admin: string;
  let unitId: string;
  let ownOrigin: string;

  beforeAll(async () => {
    env = await createTestEnv({ onRoute: (r) => routes.push(r) });
    admin = await signIn(env, await createOfficer(env, 'admin'));
    unitId = (await unitBySlug(env, 'thach-trung')).id;
    ownOrigin = new URL(env.ctx.config.http.baseUrl).origin;
  });
  afterAll(async () => env.close());

  async function openConversation(headers: Record<string, string>) {
    return env.app.inject({ method: 'POST', url: '/api/v1/public/units/thach-trung/conversations', headers });
  }

  describe('cross-site requests', () => {
    it('refuses a write whose Origin is another site, or whose Sec-Fetch-Site is not same-origin, with 403 problem+json', async () => {
      const refused: Record<string, string>[] = [
        { origin: EVIL },
        { origin: 'null' },
        { origin: ownOrigin.replace('http://', 'https://') },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
        { origin: ownOrigin, 'sec-fetch-site': 'cross-site' },
        { origin: EVIL, 'sec-fetch-site': 'same-origin' },
      ];
      const residentsBefore = await env.ctx.database.db.selectFrom('conversations').select('id').execute();
      for (const headers of refused) {
        const res = await openConversation(headers);
        expect(res.statusCode, JSON.stringify(headers)).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json<{ code: string }>().code).toBe('cross_site_request');
      }
      expect(await env.ctx.database.db.selectFrom('conversations').select('id').execute()).toEqual(residentsBefore);
    });

    it('lets the web app’s own requests through, and requests no browser sent (curl, the CLI)', async () => {
      const allowed: Record<string, string>[] = [
        { origin: ownOrigin, 'sec-fetch-site': 'same-origin' },
        { 'sec-fetch-site': 'same-origin' },
        { 'sec-fetch-site': 'none' },
        {},
        // The app opened under another name than BASE_URL (the machine's address on the ward's network).
        { origin: 'http://192.168.1.5:3000', host: '192.168.1.5:3000' },
      ];
      for (const headers of allowed) {
        const res = await openConversation(headers);
        expect([200, 201], `${JSON.stringify(headers)}: ${res.body}`).toContain(res.statusCode);
      }
    });

    it('refuses another site even when the request reached this server under another name', async () => {
      const res = await openConversation({ origin: 'http://192.168.1.6:3000', host: '192.168.1.5:3000' });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'cross_site_request' });
    });

    it('leaves reads alone: a cross-site GET is answered as usual', async () => {
      const res = await env.app.inject({
        url: '/api/v1/public/units',
        headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' },
      });
      expect(res.statusCode).toBe(200);
    });

    it('refuses a cross-site write on every public and console route, signed in or not, and changes nothing', async () => {
      const writes = routes.filter((r) => r.url.startsWith('/api/v1/') && STATE_CHANGING.has(r.method));
      expect(writes.length).toBeGreaterThan(20);
      const before = await env.ctx.database.db.selectFrom('units').selectAll().where('id', '=', unitId).execute();
      for (const r of writes) {
        const url = routeUrl(r.url, (name) => (name === 'unitId' ? unitId : 'x1234567890'));
        const res = await env.app.inject({
          method: r.method as 'POST',
          url,
          headers: { cookie: admin, origin: EVIL, 'content-type': 'application/json' },
          payload: JSON.stringify({ address: 'Tampered', disabled: true }),
        });
        expect([res.statusCode, res.json<{ code: string }>().code], `${r.method} ${r.url}`).toEqual([
          403,
          'cross_site_request',
        ]);
      }
      expect(await env.ctx.database.db.selectFrom('units').selectAll().where('id', '=', unitId).execute()).toEqual(
        before,
      );
      // The admin's session survived a cross-site sign-out.
      expect((await env.app.inject({ url: '/api/v1/console/me', headers: { cookie: admin } })).statusCode).toBe(200);
    });

    it('exempts /webhooks/*: channels sign their requests', async () => {
      const res = await env.app.inject({
        method: 'POST',
        url: '/webhooks/zalo',
        headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' },
        payload: {},
      });
      // Not refused as cross-site: the webhook checks the Zalo signature itself (none here).
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'zalo_signature_invalid' });
    });
  });

  it('sends no HSTS header when BASE_URL is http', async () => {
    expect(env.ctx.config.http.baseUrl).toMatch(/^http:/);
    const res = await env.app.inject({ url: '/healthz' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('HSTS behind https', () => {
  it('sends Strict-Transport-Security when BASE_URL is https', async () => {
    const env = await createTestEnv({ seed: false, env: { BASE_URL: 'https://ketnoi.example' } });
    try {
      const res = await env.app.inject({ url: '/healthz' });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await env.close();
    }
  });
});
