import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicOf } from '../../channels/webpush/webpush-adapter.js';
import { currentTotp } from '../../lib/totp.js';
import { createOfficer, createTestEnv, unitBySlug, type TestEnv, type TestOfficer } from '../../test/helper.js';
import { FakePushService } from '../../test/push-service.js';
import { killHard, serverProcesses, stopGently, type ServerProcesses } from '../../test/server-process.js';
import { postDeliveryKey } from '../push/post-delivery-source.js';

// The real server process (TypeScript sources through tsx) publishes a post to 10,000 followers
// with browser subscriptions and is killed with SIGKILL while its dispatcher is sending their
// notifications to a local HTTPS push service. After a restart, every delivery exists exactly once
// (one row per resident) and is sent; every resident's browser got the notification, and a re-send
// of one the killed process had claimed carries the same Topic (the row's idempotency key), so the
// push service keeps one message.
// Two server starts from sources, 10,000 encrypted pushes and the killed process' leases: a
// 5-minute timeout, not the suite's 20 s.

const RECIPIENTS = 10_000;
// Kill once this many notifications reached the push service (not after a fixed time).
const KILL_AFTER_PUSHES = 1_500;

describe('durability: SIGKILL while a post is being delivered to 10,000 followers', () => {
  let env: TestEnv;
  let pushService: FakePushService;
  let base: string;
  let servers: ServerProcesses;
  let unitId: string;
  let officer: TestOfficer;
  let owner: TestOfficer;

  beforeAll(async () => {
    pushService = await FakePushService.start();
    env = await createTestEnv();
    unitId = (await unitBySlug(env, 'thach-trung')).id;
    officer = await createOfficer(env, 'officer', 'thach-trung');
    owner = await createOfficer(env, 'owner', 'thach-trung');

    // 10,000 followers, each with a subscription at its own endpoint of the push service (one key
    // pair for all: the test reads headers, not bodies). Set-based: one statement per table.
    const browser = pushService.browser();
    const { p256dh, auth } = browser.subscription.keys;
    const endpointBase = `${pushService.origin}/push/`;
    const pg = env.ctx.database.dialect === 'postgres';
    const series = pg
      ? sql`select g as n from generate_series(1, ${sql.lit(RECIPIENTS)}) g`
      : sql`with recursive s(n) as (select 1 union all select n + 1 from s where n < ${sql.lit(RECIPIENTS)}) select n from s`;
    const rid = pg ? sql`'r-' || lpad(n::text, 6, '0')` : sql`printf('r-%06d', n)`;
    const now = Date.now();
    await env.ctx.database.transaction(async (trx) => {
      await sql`insert into residents (id, token_hash, display_name, phone, created_at, updated_at)
        select ${rid}, null, null, null, ${now}, ${now} from (${series}) s`.execute(trx);
      await sql`insert into unit_followers (unit_id, resident_id, channel, created_at)
        select ${unitId}, ${rid}, 'web', ${now} from (${series}) s`.execute(trx);
      await sql`insert into push_subscriptions (id, resident_id, endpoint, p256dh, auth, created_at)
        select ${rid}, ${rid}, ${endpointBase} || ${rid}, ${p256dh}, ${auth}, ${now} from (${series}) s`.execute(trx);
    });
    await env.app.close();

    // The child trusts the push service's self-signed certificate through NODE_EXTRA_CA_CERTS.
    const caFile = path.join(env.dataDir, 'push-service-ca.pem');
    fs.writeFileSync(caFile, pushService.cert);
    servers = await serverProcesses(env, {
      NODE_EXTRA_CA_CERTS: caFile,
      WEBPUSH_ENDPOINT_HOSTS: '127.0.0.1',
      WEBPUSH_RATE_PER_SECOND: '10000',
      // Sends claimed by the killed process are retried once their lease runs out.
      OUTBOX_LEASE_SECONDS: '2',
    });
    base = servers.base;
  });
  afterAll(async () => {
    await env.close();
    await pushService.close();
  });

  async function signIn(o: TestOfficer): Promise<string> {
    const res = await fetch(`${base}/api/v1/console/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: o.username,
        password: o.password,
        totp: o.totpSecret ? currentTotp(o.totpSecret, Date.now()) : undefined,
      }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kn_session='));
    return (cookie ?? '').split(';')[0] ?? '';
  }

  async function post(cookie: string, url: string, body?: object): Promise<Response> {
    return fetch(`${base}${url}`, {
      method: 'POST',
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  }

  it('has every delivery exactly once after a restart, all sent, a re-send under the same Topic', async () => {
    let server = await servers.start();
    const drafted = await post(await signIn(officer), `/api/v1/console/units/${unitId}/posts`, {
      title: 'Cảnh báo lừa đảo qua điện thoại',
      body: 'Công an phường cảnh báo bà con về các cuộc gọi giả danh cơ quan công an.',
      category: 'crime_warning',
    });
    expect(drafted.status).toBe(201);
    const { id: postId } = (await drafted.json()) as { id: string };
    const approved = await post(await signIn(owner), `/api/v1/console/posts/${postId}/approve`);
    expect(approved.status).toBe(200);

    await pushService.waitForRequests(KILL_AFTER_PUSHES);
    expect(server.exitCode, 'the server died before the kill').toBeNull();
    await killHard(server);
    const beforeKill = pushService.received.length;
    if (process.env.DURABILITY_REPORT) console.log(`pushes before SIGKILL: ${beforeKill}`);

    const db = env.ctx.database.db;
    const unsent = async () =>
      (await db.selectFrom('postDeliveries').select('id').where('status', '=', 'pending').limit(1).execute()).length;
    expect(await unsent(), 'the kill came before the end of the sending').toBe(1);

    server = await servers.start();
    try {
      // Claims of the killed process wait for their lease: poll until nothing is pending.
      while ((await unsent()) > 0) await delay(200);
    } finally {
      await stopGently(server);
    }

    const rows = await db
      .selectFrom('postDeliveries')
      .select(['residentId', 'channel', 'postId', 'status'])
      .where('postId', '=', postId)
      .execute();
    expect(rows).toHaveLength(RECIPIENTS);
    expect(new Set(rows.map((r) => r.residentId)).size).toBe(RECIPIENTS);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);

    const byPath = new Map<string, string[]>();
    for (const r of pushService.received) {
      const topics = byPath.get(r.path) ?? [];
      topics.push(String(r.headers.topic));
      byPath.set(r.path, topics);
    }
    let repeats = 0;
    for (const row of rows) {
      const topics = byPath.get(`/push/${row.residentId}`) ?? [];
      expect(topics.length, row.residentId).toBeGreaterThanOrEqual(1);
      repeats += topics.length - 1;
      const topic = topicOf(postDeliveryKey(row));
      expect(topics.every((t) => t === topic)).toBe(true);
    }
    expect(pushService.received.length).toBe(RECIPIENTS + repeats);
    if (process.env.DURABILITY_REPORT) console.log(`re-sent after the restart: ${repeats}`);
  }, 300_000);
});
