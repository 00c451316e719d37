import type { DestinationStream } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/log.js';
import { currentTotp } from '../lib/totp.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../test/helper.js';

// What the logs and /metrics give away: no secret travels into a log line, caught errors are
// logged once with where they were caught and counted, and metrics are not public.

const CONSOLE = '/api/v1/console';
const PUBLIC = '/api/v1/public';

/** A pino destination that keeps every line. */
function memoryLog(): { lines: string[]; destination: DestinationStream } {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

const cookieValue = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);

describe('logs', () => {
  let env: TestEnv;
  const log = memoryLog();

  beforeAll(async () => {
    env = await createTestEnv({ parts: { log: createLogger('trace', log.destination) } });
  });
  afterAll(async () => env.close());

  it('never contain invite, session or resident tokens, through a whole invite flow', async () => {
    const owner = await createOfficer(env, 'owner', 'thach-trung');
    const ownerCookie = await signIn(env, owner);
    const unit = await unitBySlug(env, 'thach-trung');
    const invite = await env.app.inject({
      method: 'POST',
      url: `${CONSOLE}/units/${unit.id}/invites`,
      headers: { cookie: ownerCookie },
      payload: { role: 'officer', displayName: 'Cán bộ Lê Văn Tâm' },
    });
    expect(invite.statusCode).toBe(201);
    const inviteToken = invite.json<{ url: string }>().url.split('/').at(-1) ?? '';
    expect(inviteToken.length).toBeGreaterThan(30);
    // The link as the browser opens it (the SPA page), then the API calls the page makes.
    await env.app.inject({ method: 'GET', url: `/console/invite/${inviteToken}` });
    expect((await env.app.inject({ method: 'GET', url: `${CONSOLE}/invites/${inviteToken}` })).statusCode).toBe(200);
    const accepted = await env.app.inject({
      method: 'POST',
      url: `${CONSOLE}/invites/${inviteToken}/accept`,
      payload: { username: 'le.van.tam', password: 'a long enough password' },
    });
    expect(accepted.statusCode).toBe(201);
    const secrets: string[] = [];
    const officerCookie = await signIn(env, {
      id: '',
      username: 'le.van.tam',
      password: 'a long enough password',
      totpSecret: null,
    });
    expect(
      (await env.app.inject({ method: 'GET', url: `${CONSOLE}/me`, headers: { cookie: officerCookie } })).statusCode,
    ).toBe(200);
    // The owner sends the officer a reset link, which the officer opens (page, then API).
    const reset = await env.app.inject({
      method: 'POST',
      url: `${CONSOLE}/units/${unit.id}/officers/${accepted.json<{ officerId: string }>().officerId}/reset-links`,
      headers: { cookie: ownerCookie },
      payload: { kind: 'password' },
    });
    expect(reset.statusCode).toBe(201);
    const resetToken = reset.json<{ url: string }>().url.split('/').at(-1) ?? '';
    await env.app.inject({ method: 'GET', url: `/console/reset/${resetToken}` });
    expect((await env.app.inject({ method: 'GET', url: `${CONSOLE}/reset-links/${resetToken}` })).statusCode).toBe(200);
    secrets.push(resetToken);
    await env.app.inject({ method: 'DELETE', url: `${CONSOLE}/session`, headers: { cookie: officerCookie } });
    // A used link asked again, and a resident's cookie.
    await env.app.inject({ method: 'GET', url: `${CONSOLE}/invites/${inviteToken}?token=${inviteToken}` });
    const open = await env.app.inject({ method: 'POST', url: `${PUBLIC}/units/thach-trung/conversations` });
    const residentToken = open.cookies.find((c) => c.name === 'kn_resident')?.value ?? '';
    await env.app.inject({ method: 'GET', url: `${PUBLIC}/me`, headers: { cookie: `kn_resident=${residentToken}` } });

    secrets.push(inviteToken, cookieValue(ownerCookie), cookieValue(officerCookie), residentToken);
    expect(secrets.every((s) => s.length >= 32)).toBe(true);
    const text = log.lines.join('');
    expect(log.lines.length).toBeGreaterThan(10);
    expect(text).toContain('/invites/[redacted]');
    for (const secret of secrets) expect(text).not.toContain(secret);
    if (owner.totpSecret) expect(text).not.toContain(currentTotp(owner.totpSecret, env.clock.now()));
  });
});

describe('caught errors', () => {
  let env: TestEnv;
  const log = memoryLog();

  beforeAll(async () => {
    // No knowledge base: the assistant's tip answer cannot find its entry and must still answer.
    env = await createTestEnv({ seed: false, parts: { log: createLogger('info', log.destination) } });
  });
  afterAll(async () => env.close());

  it('are logged once with where they were caught and counted in /metrics, and the resident still gets an answer', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/assistant/ask`,
      payload: { text: 'tôi muốn tố giác một vụ trộm xe máy' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ intent: 'tip' });
    const caught = log.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.where);
    expect(caught).toHaveLength(1);
    expect(caught[0]).toMatchObject({ level: 50, where: 'assistant.tip_entry', entryId: 'to-giac-tin-bao-toi-pham' });
    expect(caught[0]?.err).toMatchObject({ message: expect.stringContaining('not found') as unknown });
    const metrics = await env.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('ketnoi_caught_errors_total{where="assistant.tip_entry"} 1');
  });
});

describe('/metrics', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv({ env: { METRICS_TOKEN: 'a-scraper-token-of-32-characters' } });
  });
  afterAll(async () => env.close());

  it('answers loopback callers', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('ketnoi_http_request_duration_seconds');
  });

  it('refuses other addresses, and proxied requests, without the bearer token', async () => {
    for (const request of [
      { remoteAddress: '203.0.113.9', headers: {} },
      { remoteAddress: '203.0.113.9', headers: { authorization: 'Bearer wrong-token-of-the-same-length!' } },
      { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } },
    ]) {
      const res = await env.app.inject({ method: 'GET', url: '/metrics', ...request });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).not.toContain('ketnoi_');
    }
  });

  it('answers any address presenting METRICS_TOKEN', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: 'Bearer a-scraper-token-of-32-characters' },
    });
    expect(res.statusCode).toBe(200);
  });
});
