// Publishing one post to N followers of a unit (spread over ~20 of its residential groups), each
// with a browser push subscription: the seconds until the approval returns with every delivery
// enqueued (one INSERT … SELECT in the publishing transaction), the throughput of the post
// deliveries dispatcher draining them through a no-op push adapter (the server's own batch and
// concurrency), and the feed's p50/p99 for one follower with 10,000 posts of that unit stored.
// The built server code (dist/) runs in this process; requests go through app.inject.
// Baseline in the same run: inserting the same N rows into a bare copy of the table (no SELECT, no
// publish) — the floor of the enqueue.
// Usage: npm run bench:broadcast -- [--recipients N] [--postgres URL]
//   → bench/results/broadcast.json (SQLite, temp DATA_DIR) or broadcast-postgres.json
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildIfStale, root } from '../scripts/build-if-stale.mjs';
import { machineInfo } from './machine.mjs';

const { values: args } = parseArgs({
  options: {
    recipients: { type: 'string', default: '100000' },
    postgres: { type: 'string' },
    'feed-posts': { type: 'string', default: '10000' },
    'feed-requests': { type: 'string', default: '500' },
    'drain-max': { type: 'string', default: '100000' },
  },
});
const N = Number(args.recipients);
const FEED_POSTS = Number(args['feed-posts']);
const FEED_REQUESTS = Number(args['feed-requests']);
const DRAIN_MAX = Math.min(N, Number(args['drain-max']));
const GROUPS = 20;
const SLUG = 'thach-trung';

buildIfStale();
const dist = (p) => import(path.join(root, 'dist/server', p));
const { loadConfig } = await dist('config.js');
const { createContext } = await dist('context.js');
const { buildApp } = await dist('app.js');
const { seedUnitsIfEmpty } = await dist('modules/units/units.service.js');
const { createOfficerFromShell } = await dist('modules/accounts/accounts.service.js');
const { currentTotp } = await dist('lib/totp.js');
const { postDeliveryDispatcher } = await dist('modules/push/post-delivery-source.js');
const { postNotifications } = await dist('modules/broadcasts/deliveries.js');
const { sql } = await import('kysely');

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketnoi-bench-broadcast-'));
let pgSchema = null;
let databaseUrl;
if (args.postgres) {
  // A fresh database beside the given one (dropped at the end).
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: args.postgres });
  await admin.connect();
  pgSchema = `ketnoi_bench_${Date.now()}`;
  await admin.query(`create database ${pgSchema}`);
  await admin.end();
  const u = new URL(args.postgres);
  u.pathname = `/${pgSchema}`;
  databaseUrl = u.toString();
}
const config = loadConfig({
  NODE_ENV: 'production',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  PASSWORD_COST: '10',
  LOGIN_RATE_PER_MINUTE: '100000',
  PUBLIC_WRITE_RATE_PER_MINUTE: '100000000',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
const ctx = await createContext(config);
const app = await buildApp(ctx, { serveWeb: false });
await app.ready();
const db = ctx.database.db;
const isPg = ctx.database.dialect === 'postgres';
const exec = (q) =>
  ctx.database
    .transaction((trx) => q.execute(trx))
    .catch((err) => {
      throw new Error(`${err.message}: ${q.compile(db).sql.slice(0, 120)}`);
    });
const secs = (t0) => Number(((performance.now() - t0) / 1000).toFixed(3));

async function inject(cookie, method, url, payload) {
  const res = await app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  return res;
}

async function officer(role) {
  const username = `bench${role}`;
  const password = 'correct horse battery';
  const r = await createOfficerFromShell(
    ctx,
    { actorId: null, actorName: 'bench', ip: null },
    { username, password, role, unitSlug: SLUG },
  );
  const totp = r.totpSecret ? currentTotp(r.totpSecret, Date.now()) : undefined;
  const res = await inject('', 'POST', '/api/v1/console/session', { username, password, totp });
  if (res.statusCode !== 200) throw new Error(`sign-in: ${res.statusCode} ${res.body}`);
  return `kn_session=${res.cookies.find((c) => c.name === 'kn_session').value}`;
}

let result;
try {
  await seedUnitsIfEmpty(ctx);
  const unit = await db.selectFrom('units').select('id').where('slug', '=', SLUG).executeTakeFirstOrThrow();
  const unitId = unit.id;
  const writer = await officer('officer');
  const owner = await officer('owner');

  // The follower whose feed is read (through the API: it gets a resident cookie).
  const followed = await inject('', 'POST', `/api/v1/public/units/${SLUG}/follow`);
  if (followed.statusCode !== 200) throw new Error(`follow: ${followed.statusCode} ${followed.body}`);
  const reader = `kn_resident=${followed.cookies.find((c) => c.name === 'kn_resident').value}`;

  // N followers with push subscriptions, members of ~20 groups: set-based.
  let t0 = performance.now();
  const now = Date.now();
  const series = isPg
    ? sql`select g as n from generate_series(1, ${N}) g`
    : sql`with recursive s(n) as (select 1 union all select n + 1 from s where n < ${N}) select n from s`;
  const rid = (col) =>
    isPg ? sql`'bench-r-' || lpad(${sql.ref(col)}::text, 8, '0')` : sql`printf('bench-r-%08d', ${sql.ref(col)})`;
  for (let g = 1; g <= GROUPS; g++) {
    await exec(
      sql`insert into residential_groups (id, unit_id, name, kind, created_by, created_at, updated_at)
        values (${`bench-g-${g}`}, ${unitId}, ${`Tổ dân phố ${g}`}, 'to_dan_pho', null, ${now}, ${now})`,
    );
  }
  await exec(
    sql`insert into residents (id, token_hash, display_name, phone, created_at, updated_at)
      select ${rid('n')}, null, null, null, ${now}, ${now} from (${series}) s`,
  );
  await exec(
    sql`insert into unit_followers (unit_id, resident_id, channel, created_at)
      select ${unitId}, ${rid('n')}, 'web', ${now} from (${series}) s`,
  );
  const groupOf = isPg
    ? sql`'bench-g-' || ((n % ${sql.lit(GROUPS)}) + 1)::text`
    : sql`'bench-g-' || ((n % ${sql.lit(GROUPS)}) + 1)`;
  await exec(
    sql`insert into group_members (group_id, resident_id, unit_id, status, confirmed_by, confirmed_at, joined_at)
      select ${groupOf}, ${rid('n')}, ${unitId}, 'confirmed', null, null, ${now} from (${series}) s`,
  );
  const keys = { p256dh: 'BAbench'.padEnd(87, 'A'), auth: 'benchauth'.padEnd(22, 'A') };
  await exec(
    sql`insert into push_subscriptions (id, resident_id, endpoint, p256dh, auth, created_at)
      select ${rid('n')}, ${rid('n')}, 'https://push.invalid/' || ${rid('n')}, ${keys.p256dh}, ${keys.auth}, ${now}
      from (${series}) s`,
  );
  if (isPg) await exec(sql`analyze`);
  const setupSeconds = secs(t0);
  console.log(`${N} followers with push subscriptions in ${GROUPS} groups inserted in ${setupSeconds} s`);

  // Baseline: the same N rows into a bare copy of post_deliveries (same indexes), no publish.
  await exec(sql`create table bench_deliveries as select * from post_deliveries where 1 = 0`);
  await exec(sql`create unique index bench_deliveries_uq on bench_deliveries (post_id, resident_id, channel)`);
  t0 = performance.now();
  await exec(
    sql`insert into bench_deliveries (id, unit_id, post_id, resident_id, channel, status, attempts, next_attempt_at, created_at)
      select ${rid('n')}, ${unitId}, 'p', ${rid('n')}, 'webpush', 'pending', 0, ${now}, ${now} from (${series}) s`,
  );
  const baselineInsertSeconds = secs(t0);
  await exec(sql`drop table bench_deliveries`);

  // Draft, then the owner approves: the approval returns once every delivery is queued.
  const drafted = await inject(writer, 'POST', `/api/v1/console/units/${unitId}/posts`, {
    title: 'Cảnh báo lừa đảo qua điện thoại',
    body: 'Công an phường cảnh báo bà con về các cuộc gọi giả danh cơ quan công an.',
    category: 'crime_warning',
  });
  if (drafted.statusCode !== 201) throw new Error(`draft: ${drafted.statusCode} ${drafted.body}`);
  const postId = drafted.json().id;
  t0 = performance.now();
  const approved = await inject(owner, 'POST', `/api/v1/console/posts/${postId}/approve`);
  const enqueueSeconds = secs(t0);
  if (approved.statusCode !== 200) throw new Error(`approve: ${approved.statusCode} ${approved.body}`);
  const { n: queued } = await db
    .selectFrom('postDeliveries')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('postId', '=', postId)
    .executeTakeFirstOrThrow();
  if (Number(queued) !== N) throw new Error(`expected ${N} deliveries, found ${queued}`);
  console.log(
    `approval with ${N} deliveries enqueued: ${enqueueSeconds} s (bare insert of as many rows: ${baselineInsertSeconds} s)`,
  );

  // Drain through a no-op push adapter with the server's dispatcher settings.
  const noop = {
    channel: 'webpush',
    ratePerSecond: 1e9,
    send: () => Promise.resolve({ kind: 'sent', channelMessageId: 'noop' }),
  };
  const dispatcherOptions = { batch: 64, concurrency: 16, leaseMs: 60_000, maxAttempts: 6 };
  const dispatcher = postDeliveryDispatcher(ctx, [noop], postNotifications(ctx), dispatcherOptions);
  t0 = performance.now();
  let drained = 0;
  while (drained < DRAIN_MAX) {
    const n = await dispatcher.runOnce();
    if (n === 0) break;
    drained += n;
  }
  const drainSeconds = secs(t0);
  const deliveriesPerSecond = Math.round(drained / drainSeconds);
  const { n: sent } = await db
    .selectFrom('postDeliveries')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('postId', '=', postId)
    .where('status', '=', 'sent')
    .executeTakeFirstOrThrow();
  if (Number(sent) !== drained) throw new Error(`drained ${drained} but ${sent} marked sent`);
  console.log(
    `dispatcher (batch 64, 16 in flight, no-op adapter): ${drained} deliveries in ${drainSeconds} s = ${deliveriesPerSecond}/s`,
  );

  // 10,000 published posts of the unit, then the reader's feed.
  t0 = performance.now();
  const feedSeries = isPg
    ? sql`select g as n from generate_series(1, ${FEED_POSTS}) g`
    : sql`with recursive s(n) as (select 1 union all select n + 1 from s where n < ${FEED_POSTS}) select n from s`;
  const pid = isPg ? sql`'bench-p-' || lpad(n::text, 8, '0')` : sql`printf('bench-p-%08d', n)`;
  const code = isPg ? sql`'B' || lpad(n::text, 8, '0')` : sql`printf('B%08d', n)`;
  await exec(
    sql`insert into posts (id, unit_id, author_id, category, title, body, status, audience, publish_at, expires_at,
        published_at, corrected_at, verification_code, reject_reason, retract_reason, created_at, updated_at)
      select ${pid}, ${unitId}, null, 'crime_warning', 'Thông báo số ' || n, 'Công an phường thông báo tới bà con nhân dân.',
        'published', 'unit', null, null, cast(${now} as bigint) + n, null, ${code}, null, null, ${now}, ${now}
      from (${feedSeries}) s`,
  );
  if (isPg) await exec(sql`analyze`);
  const postsSeconds = secs(t0);
  const first = await inject(reader, 'GET', '/api/v1/public/me/feed');
  if (first.statusCode !== 200 || first.json().items.length === 0)
    throw new Error(`feed: ${first.statusCode} ${first.body.slice(0, 200)}`);
  for (let i = 0; i < 50; i++) await inject(reader, 'GET', '/api/v1/public/me/feed'); // warm-up
  const times = [];
  for (let i = 0; i < FEED_REQUESTS; i++) {
    const s = performance.now();
    const res = await inject(reader, 'GET', '/api/v1/public/me/feed');
    times.push(performance.now() - s);
    if (res.statusCode !== 200) throw new Error(`feed: ${res.statusCode}`);
  }
  times.sort((a, b) => a - b);
  const pct = (p) => Number(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(2));
  const feed = {
    requests: FEED_REQUESTS,
    items: first.json().items.length,
    p50Ms: pct(50),
    p99Ms: pct(99),
    maxMs: Number(times.at(-1).toFixed(2)),
  };
  console.log(
    `feed of one follower, ${FEED_POSTS} posts stored (${postsSeconds} s to insert): p50 ${feed.p50Ms} ms, p99 ${feed.p99Ms} ms over ${FEED_REQUESTS} requests`,
  );

  result = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    database: isPg ? 'postgres' : 'sqlite',
    recipients: N,
    groups: GROUPS,
    setupSeconds,
    enqueueSeconds,
    baselineInsertSeconds,
    drained,
    drainSeconds,
    dispatcher: dispatcherOptions,
    deliveriesPerSecond,
    feedPosts: FEED_POSTS,
    feed,
    feedP99Ms: feed.p99Ms,
  };
  const out = path.join(root, 'bench/results', isPg ? 'broadcast-postgres.json' : 'broadcast.json');
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await app.close();
  await ctx.database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (pgSchema) {
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: args.postgres });
    await admin.connect();
    await admin.query(`drop database if exists ${pgSchema} with (force)`);
    await admin.end();
  }
}
console.log(JSON.stringify(result));
