import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../test/helper.js';

describe('bad input', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await createTestEnv();
  });
  afterEach(async () => env.close());

  async function snapshot() {
    const db = env.ctx.database.db;
    return {
      units: await db.selectFrom('units').selectAll().orderBy('id').execute(),
      audit: await db.selectFrom('auditHead').selectAll().execute(),
    };
  }

  it('answers malformed JSON, unknown fields, wrong types, oversize bodies and wrong media types with problem+json and changes nothing', async () => {
    const owner = await signIn(env, await createOfficer(env, 'owner', 'tran-phu'));
    const unit = await unitBySlug(env, 'tran-phu');
    const url = `/api/v1/console/units/${unit.id}`;
    const before = await snapshot();
    const cases = [
      { payload: '{"address": ', contentType: 'application/json', status: 400, code: 'invalid_json' },
      {
        payload: JSON.stringify({ address: 'x', isAdmin: true }),
        contentType: 'application/json',
        status: 400,
        code: 'validation_failed',
      },
      {
        payload: JSON.stringify({ latitude: 'north' }),
        contentType: 'application/json',
        status: 400,
        code: 'validation_failed',
      },
      {
        payload: JSON.stringify({ description: 'x'.repeat(300 * 1024) }),
        contentType: 'application/json',
        status: 413,
        code: 'body_too_large',
      },
      {
        payload: 'address=x',
        contentType: 'application/x-www-form-urlencoded',
        status: 415,
        code: 'unsupported_media_type',
      },
      {
        payload: JSON.stringify({ description: 'x'.repeat(2001) }),
        contentType: 'application/json',
        status: 400,
        code: 'validation_failed',
      },
    ];
    for (const c of cases) {
      const res = await env.app.inject({
        method: 'PATCH',
        url,
        headers: { cookie: owner, 'content-type': c.contentType },
        payload: c.payload,
      });
      expect(res.statusCode, c.code).toBe(c.status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: c.status, code: c.code, title: expect.any(String) as unknown });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to assign a conversation to an empty officer id (was a 500: no such officer row)', async () => {
    const admin = await signIn(env, await createOfficer(env, 'admin'));
    const opened = await env.app.inject({ method: 'POST', url: '/api/v1/public/units/tran-phu/conversations' });
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/conversations/${opened.json<{ id: string }>().id}/assign`,
      headers: { cookie: admin },
      payload: { officerId: '' },
    });
    expect([res.statusCode, res.json<{ code: string }>().code]).toEqual([400, 'validation_failed']);
  });

  it('names the offending field in validation errors', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/console/session',
      payload: { username: 'a', password: 'b', totp: '12ab' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.totp');
  });

  it('answers unknown API routes and unknown ids with 404 problem+json', async () => {
    const admin = await signIn(env, await createOfficer(env, 'admin'));
    for (const url of ['/api/v1/nothing', '/api/v1/console/units/01234567-89ab-7def-8123-456789abcdef']) {
      const res = await env.app.inject({ url, headers: { cookie: admin } });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers a malformed URL (bad percent-encoding) with 400 problem+json', async () => {
    for (const url of ['/api/v1/public/units/%E0%A4%A', '/api/v1/public/procedures/%ZZ']) {
      const res = await env.app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json<{ code: string }>().code).toBe('invalid_url');
    }
  });

  it('sends security headers', async () => {
    const res = await env.app.inject({ url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('serves OpenAPI, readiness and metrics', async () => {
    const doc = await env.app.inject({ url: '/api/docs/json' });
    expect(doc.json<{ paths: Record<string, unknown> }>().paths).toHaveProperty(['/api/v1/public/units']);
    expect((await env.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    const metrics = await env.app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('ketnoi_http_request_duration_seconds');
  });
});
