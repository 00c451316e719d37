import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleTip, ConsoleTipSummary, PublicTip } from '../../../contracts/tips.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv, type TestOfficer } from '../../test/helper.js';
import {
  CONSOLE,
  PUBLIC,
  everyRowAsText,
  readTip,
  sendTip,
  tipAction,
  tipIdOf,
  REPORTER_PHONE,
  REPORTER_PHONE_PATTERN,
} from '../../test/tips.js';
import { createLogger } from '../../lib/log.js';
import { multipart, pdfBytes } from '../../test/uploads.js';
import { escalateOverdueTips } from './escalation.js';

// The tip desk through its API: anonymous and identified tips from sending to settling, the
// identity vault, tenancy, bad input, guessing receipt codes, transfers and deadlines.

const HOUR = 3600_000;
const PHONE = REPORTER_PHONE;

describe('tips', () => {
  let env: TestEnv;
  let officer: string;
  let owner: string;
  const people: Record<string, TestOfficer> = {};
  /** Sessions end after a day idle: sign in again after moving the clock that far. */
  const signInAgain = async () => {
    officer = await signIn(env, people.officer as TestOfficer);
    owner = await signIn(env, people.owner as TestOfficer);
  };
  let supervisor: string;
  let outsider: string;
  let unitId: string;
  let otherUnitId: string;

  beforeAll(async () => {
    env = await createTestEnv();
    unitId = (await unitBySlug(env, 'thach-trung')).id;
    otherUnitId = (await unitBySlug(env, 'dai-nai')).id;
    people.officer = await createOfficer(env, 'officer', 'thach-trung');
    people.owner = await createOfficer(env, 'owner', 'thach-trung');
    await signInAgain();
    supervisor = await signIn(env, await createOfficer(env, 'supervisor', 'tp-ha-tinh'));
    outsider = await signIn(env, await createOfficer(env, 'officer', 'dai-nai'));
  });
  afterAll(async () => env.close());

  const lookup = (body: object, cookie = '') =>
    env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/tips/lookup`,
      payload: body,
      headers: cookie ? { cookie } : {},
    });

  it('anonymous: send, officer answers and settles, the reporter reads and replies with code and passphrase', async () => {
    const sent = await sendTip(env, 'thach-trung', {
      category: 'drugs',
      description: 'Có người bán ma túy ở cuối ngõ 5 mỗi tối.',
      place: { address: 'Ngõ 5, thôn Trung Phú', latitude: 18.35, longitude: 105.9 },
      anonymous: true,
    });
    expect(sent.receiptCode).toMatch(/^TB-[2-9A-HJKMNP-TV-Z]{8}$/);
    expect(sent.passphrase?.split(' ')).toHaveLength(5);
    expect(sent.cookie).toBe('');
    const id = await tipIdOf(env, sent.receiptCode);

    const list = await env.app.inject({ url: `${CONSOLE}/units/${unitId}/tips`, headers: { cookie: officer } });
    expect(list.statusCode).toBe(200);
    const item = list.json<{ items: ConsoleTipSummary[] }>().items.find((t) => t.id === id);
    expect(item).toMatchObject({ status: 'received', anonymous: true, identityLeft: false, category: 'drugs' });
    expect(Date.parse(item?.dueAt ?? '') - env.clock.now()).toBe(24 * HOUR);

    expect((await tipAction(env, officer, id, 'transition', { to: 'acknowledged' })).statusCode).toBe(200);
    const answered = await tipAction(env, officer, id, 'messages', { text: 'Cảm ơn bạn, chúng tôi đang xác minh.' });
    expect(answered.statusCode).toBe(201);
    expect((await tipAction(env, officer, id, 'notes', { text: 'Nghi đối tượng N.' })).statusCode).toBe(201);

    const read = await lookup({
      receiptCode: sent.receiptCode.toLowerCase(),
      passphrase: sent.passphrase?.toUpperCase(),
    });
    expect(read.statusCode, read.body).toBe(200);
    const tip = read.json<PublicTip>();
    expect(tip.status).toBe('acknowledged');
    expect(tip.messages).toEqual([
      {
        author: 'officer',
        text: 'Cảm ơn bạn, chúng tôi đang xác minh.',
        createdAt: expect.any(String) as string,
        attachments: [],
      },
    ]);
    expect(read.body).not.toContain('Nghi đối tượng');

    const replied = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/tips/messages`,
      payload: { receiptCode: sent.receiptCode, passphrase: sent.passphrase, text: 'Tối nay họ lại đến.' },
    });
    expect(replied.statusCode, replied.body).toBe(201);
    expect((await tipAction(env, officer, id, 'transition', { to: 'verifying' })).statusCode).toBe(200);
    const settled = await tipAction(env, officer, id, 'transition', { to: 'handled', outcome: 'Đã bắt quả tang.' });
    expect(settled.statusCode, settled.body).toBe(200);
    const after = settled.json<ConsoleTip>();
    expect(after.messages.map((m) => m.author)).toEqual(['officer', 'resident']);
    expect(after.notes).toHaveLength(1);
    expect(after.history.map((h) => h.action)).toEqual(['received', 'acknowledged', 'verifying', 'handled']);
    expect(after.dueAt).toBeNull();
    const final = await lookup({ receiptCode: sent.receiptCode, passphrase: sent.passphrase });
    expect(final.json<PublicTip>()).toMatchObject({ status: 'handled', outcome: 'Đã bắt quả tang.' });
    // A settled tip takes no further step.
    expect((await tipAction(env, officer, id, 'transition', { to: 'verifying' })).statusCode).toBe(409);
  });

  it('identified: the identity is sealed, officers see only that it was left, the owner reveals it (audited)', async () => {
    const sent = await sendTip(env, 'thach-trung', {
      category: 'fraud_scam',
      description: 'Tôi bị lừa chuyển tiền qua mạng.',
      anonymous: false,
      contact: { name: 'Nguyễn Văn Báo', phone: PHONE },
    });
    expect(sent.passphrase).toBeNull();
    expect(sent.cookie).not.toBe('');
    const id = await tipIdOf(env, sent.receiptCode);

    // Every officer-facing answer before a reveal: no phone, no name.
    const seen = [
      await env.app.inject({ url: `${CONSOLE}/units/${unitId}/tips`, headers: { cookie: officer } }),
      await env.app.inject({ url: `${CONSOLE}/units/${unitId}/tips.csv`, headers: { cookie: officer } }),
      await tipAction(env, officer, id, ''),
      await tipAction(env, officer, id, 'transition', { to: 'acknowledged' }),
      await env.app.inject({ url: `${CONSOLE}/units/${unitId}/audit`, headers: { cookie: owner } }),
    ];
    for (const res of seen) {
      expect(res.statusCode, res.body).toBeLessThan(300);
      expect(res.body).not.toMatch(REPORTER_PHONE_PATTERN);
      expect(res.body).not.toContain('Nguyễn Văn Báo');
    }
    expect((await readTip(env, officer, id)).identityLeft).toBe(true);
    // Not in the database, as stored on disk or in any row.
    expect(await everyRowAsText(env)).not.toMatch(REPORTER_PHONE_PATTERN);
    const db = env.ctx.config.database;
    if (db.kind === 'sqlite') {
      for (const f of [db.file, `${db.file}-wal`].filter((x) => fs.existsSync(x))) {
        const bytes = fs.readFileSync(f);
        expect(bytes.toString('latin1')).not.toMatch(REPORTER_PHONE_PATTERN);
        expect(bytes.includes(Buffer.from('Nguyễn Văn Báo'))).toBe(false);
      }
    }

    const byOfficer = await tipAction(env, officer, id, 'reveal', { reason: 'Cần liên hệ' });
    expect(byOfficer.statusCode).toBe(403);
    const byOwner = await tipAction(env, owner, id, 'reveal', { reason: 'Mời người báo tin đến làm việc' });
    expect(byOwner.statusCode, byOwner.body).toBe(200);
    expect(byOwner.json()).toEqual({ name: 'Nguyễn Văn Báo', phone: PHONE });
    const bySupervisor = await tipAction(env, supervisor, id, 'reveal', { reason: 'Kiểm tra' });
    expect(bySupervisor.statusCode).toBe(200);
    const tip = await readTip(env, officer, id);
    expect(tip.reveals.map((r) => r.reason)).toEqual(['Mời người báo tin đến làm việc', 'Kiểm tra']);
    expect(JSON.stringify(tip)).not.toMatch(REPORTER_PHONE_PATTERN);
    const audit = await env.ctx.database.db
      .selectFrom('auditLog')
      .select(['action', 'details'])
      .where('targetId', '=', id)
      .where('action', '=', 'tip.reveal')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => a.details).join()).not.toMatch(REPORTER_PHONE_PATTERN);

    // The reporter follows up with their cookie, no passphrase; "my tips" lists it.
    const mine = await env.app.inject({ url: `${PUBLIC}/me/tips`, headers: { cookie: sent.cookie } });
    expect(mine.json<{ items: { receiptCode: string }[] }>().items.map((t) => t.receiptCode)).toEqual([
      sent.receiptCode,
    ]);
    expect((await lookup({ receiptCode: sent.receiptCode }, sent.cookie)).statusCode).toBe(200);
    // Another browser without the passphrase: unknown.
    const stranger = await lookup({ receiptCode: sent.receiptCode });
    expect(stranger.statusCode).toBe(404);
    expect((await env.app.inject({ url: `${PUBLIC}/me/tips` })).json()).toEqual({ items: [] });
  });

  it('anonymous tips store no IP, user agent or resident link, and log no address', async () => {
    const ip = '203.0.113.77';
    const agent = 'TipPrivacyAgent/9.9';
    // A browser that already has a resident cookie sends anonymously: the cookie is not read.
    const opened = await env.app.inject({ method: 'POST', url: `${PUBLIC}/units/thach-trung/conversations` });
    const cookie = `kn_resident=${opened.cookies.find((c) => c.name === 'kn_resident')?.value ?? ''}`;
    const residentsBefore = await env.ctx.database.db.selectFrom('residents').select('id').execute();
    const res = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/units/thach-trung/tips`,
      remoteAddress: ip,
      headers: { 'user-agent': agent, cookie },
      payload: { category: 'gambling', description: 'Đánh bạc ở nhà văn hóa.', anonymous: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.cookies).toEqual([]);
    const sent = res.json<{ receiptCode: string; passphrase: string }>();
    const replied = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/tips/messages`,
      remoteAddress: ip,
      headers: { 'user-agent': agent, cookie },
      payload: { receiptCode: sent.receiptCode, passphrase: sent.passphrase, text: 'Thêm: có 10 người.' },
    });
    expect(replied.statusCode).toBe(201);
    const rows = await everyRowAsText(env);
    expect(rows).not.toContain(ip);
    expect(rows).not.toContain(agent);
    expect(await env.ctx.database.db.selectFrom('residents').select('id').execute()).toEqual(residentsBefore);
    const tip = await env.ctx.database.db
      .selectFrom('tips')
      .selectAll()
      .where('receiptCode', '=', sent.receiptCode)
      .executeTakeFirstOrThrow();
    expect(tip).toMatchObject({ anonymous: 1, identitySealed: null, residentKey: null });
    expect(tip.passphraseHash).toMatch(/^scrypt\$/);
    expect(rows).not.toContain(sent.passphrase);
  });

  it('refuses bad input with problem+json and stores nothing', async () => {
    const count = async () => (await env.ctx.database.db.selectFrom('tips').select('id').execute()).length;
    const before = await count();
    const bodies = [
      { category: 'murder', description: 'x', anonymous: true },
      { category: 'theft', description: 'x'.repeat(20_000), anonymous: true },
      { category: 'theft', description: 'x', anonymous: true, place: { latitude: 48.85, longitude: 2.35 } },
      { category: 'theft', description: 'x', anonymous: true, place: { latitude: 18.3 } },
      { category: 'theft', description: 'x', anonymous: true, contact: { phone: PHONE } },
      { category: 'theft', description: '   ', anonymous: true },
      { category: 'theft', description: 'x', anonymous: true, attachments: [{ id: 'a', uploadToken: 'b' }] },
      { category: 'theft', description: 'x' },
    ];
    for (const payload of bodies) {
      const res = await env.app.inject({ method: 'POST', url: `${PUBLIC}/units/thach-trung/tips`, payload });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const province = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/units/ha-tinh/tips`,
      payload: { category: 'theft', description: 'x', anonymous: true },
    });
    expect(province.statusCode).toBe(404);
    expect(await count()).toBe(before);
  });

  it('a wrong code or passphrase answers like an unknown code, and guessing one code is throttled', async () => {
    const sent = await sendTip(env, 'thach-trung', { category: 'theft', description: 'Mất xe máy.', anonymous: true });
    const unknown = await lookup({ receiptCode: 'TB-22222222', passphrase: 'sai' });
    const wrong = await lookup({ receiptCode: sent.receiptCode, passphrase: 'an ba cá gà đá' });
    const noPassphrase = await lookup({ receiptCode: sent.receiptCode });
    const garbage = await lookup({ receiptCode: 'hello', passphrase: 'x' });
    for (const res of [unknown, wrong, noPassphrase, garbage]) {
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(unknown.body);
    }
    // Five guesses in all on this code were free (one above); the next waits a minute, then longer.
    for (let i = 0; i < 3; i++)
      expect((await lookup({ receiptCode: sent.receiptCode, passphrase: `x${i}` })).statusCode).toBe(404);
    const blocked = await lookup({ receiptCode: sent.receiptCode, passphrase: sent.passphrase ?? '' });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Unknown codes are throttled the same way.
    for (let i = 0; i < 5; i++) await lookup({ receiptCode: 'TB-33333333', passphrase: `g${i}` });
    expect((await lookup({ receiptCode: 'TB-33333333', passphrase: 'g9' })).statusCode).toBe(429);
    env.clock.advance(61_000);
    expect((await lookup({ receiptCode: sent.receiptCode, passphrase: sent.passphrase ?? '' })).statusCode).toBe(200);
  });

  it('a transfer here moves the tip to the other unit, received again, with its history', async () => {
    const sent = await sendTip(env, 'thach-trung', {
      category: 'traffic',
      description: 'Đua xe đêm.',
      anonymous: true,
    });
    const id = await tipIdOf(env, sent.receiptCode);
    await tipAction(env, officer, id, 'transition', { to: 'acknowledged' });
    const moved = await tipAction(env, officer, id, 'transition', {
      to: 'transferred',
      unitId: otherUnitId,
      note: 'Địa bàn Đại Nài',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await tipAction(env, officer, id, '')).statusCode).toBe(404);
    const there = await readTip(env, outsider, id);
    expect(there).toMatchObject({ unitId: otherUnitId, status: 'received' });
    expect(there.history.map((h) => h.action)).toEqual(['received', 'acknowledged', 'transferred_here']);
    expect(Date.parse(there.dueAt ?? '') - env.clock.now()).toBe(24 * HOUR);
    const out = await tipAction(env, outsider, id, 'transition', {
      to: 'transferred',
      bodyName: 'Cơ quan Cảnh sát điều tra Công an thành phố Hà Tĩnh',
    });
    expect(out.json<ConsoleTip>()).toMatchObject({ status: 'transferred', dueAt: null });
    const read = await lookup({ receiptCode: sent.receiptCode, passphrase: sent.passphrase });
    expect(read.json<PublicTip>().transferredTo).toBe('Cơ quan Cảnh sát điều tra Công an thành phố Hà Tĩnh');
    const bad = await tipAction(env, outsider, id, 'transition', { to: 'acknowledged' });
    expect(bad.statusCode).toBe(409);
  });

  it('another unit’s officer gets 404 on every tip route', async () => {
    const sent = await sendTip(env, 'thach-trung', {
      category: 'other',
      description: 'Chó thả rông.',
      anonymous: true,
    });
    const id = await tipIdOf(env, sent.receiptCode);
    const calls: [string, object?][] = [
      [''],
      ['messages', { text: 'x' }],
      ['notes', { text: 'x' }],
      ['transition', { to: 'acknowledged' }],
      ['reveal', { reason: 'x' }],
      ['priority', { priority: 'urgent' }],
      ['merge', { intoTipId: id, reason: 'x' }],
    ];
    for (const [path, body] of calls) {
      expect((await tipAction(env, outsider, id, path, body)).statusCode, path).toBe(404);
    }
    for (const url of [`${CONSOLE}/units/${unitId}/tips`, `${CONSOLE}/units/${unitId}/tips.csv`]) {
      expect((await env.app.inject({ url, headers: { cookie: outsider } })).statusCode).toBe(404);
    }
    expect((await readTip(env, officer, id)).status).toBe('received');
  });

  it('merges a duplicate with its reason; urgent and overdue tips come first; the CSV quotes its fields', async () => {
    const a = await tipIdOf(
      env,
      (await sendTip(env, 'thach-trung', { category: 'violence', description: 'Đánh nhau "to".', anonymous: true }))
        .receiptCode,
    );
    const b = await tipIdOf(
      env,
      (await sendTip(env, 'thach-trung', { category: 'violence', description: '=cmd()', anonymous: true })).receiptCode,
    );
    const merged = await tipAction(env, officer, b, 'merge', { intoTipId: a, reason: 'Cùng vụ việc' });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json<ConsoleTip>()).toMatchObject({
      status: 'rejected',
      rejectKind: 'duplicate',
      relatedTipIds: [a],
    });
    expect((await readTip(env, officer, a)).relatedTipIds).toEqual([b]);
    const urgent = await tipAction(env, officer, a, 'priority', { priority: 'urgent' });
    expect(urgent.json<ConsoleTip>()).toMatchObject({ priority: 'urgent', urgent: true });
    const list = (
      await env.app.inject({ url: `${CONSOLE}/units/${unitId}/tips?limit=2`, headers: { cookie: officer } })
    ).json<{
      items: ConsoleTipSummary[];
      nextCursor: string;
    }>();
    const all: ConsoleTipSummary[] = [...list.items];
    let cursor: string | null = list.nextCursor;
    while (cursor) {
      const res = await env.app.inject({
        url: `${CONSOLE}/units/${unitId}/tips?limit=2&cursor=${cursor}`,
        headers: { cookie: officer },
      });
      const page: { items: ConsoleTipSummary[]; nextCursor: string | null } = res.json();
      all.push(...page.items);
      cursor = page.nextCursor;
    }
    const ids = all.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe(a);
    const keys = all.map((t) => `${t.overdue ? 0 : 1}${{ urgent: 0, high: 1, normal: 2 }[t.priority]}${t.createdAt}`);
    expect(keys).toEqual([...keys].sort());
    const csv = await env.app.inject({ url: `${CONSOLE}/units/${unitId}/tips.csv`, headers: { cookie: officer } });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('"Đánh nhau ""to""."');
    expect(csv.body).toContain(`"'=cmd()"`);
    expect(csv.body.split('\r\n')[0]).toContain('"receiptCode"');
  });

  it('escalates a missed deadline to the owner once per step, and overdue tips come first', async () => {
    const sent = await sendTip(env, 'thach-trung', {
      category: 'public_order',
      description: 'Hát karaoke quá khuya.',
      anonymous: true,
    });
    const id = await tipIdOf(env, sent.receiptCode);
    env.clock.advance(24 * HOUR + 1);
    await signInAgain();
    const first = await escalateOverdueTips(env.ctx);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(await escalateOverdueTips(env.ctx)).toBe(0);
    const tip = await readTip(env, officer, id);
    expect(tip.overdue).toBe(true);
    expect(tip.escalatedAt).not.toBeNull();
    expect(tip.history.map((h) => h.action)).toEqual(['received', 'escalated']);
    const rows = await env.ctx.database.db.selectFrom('tipEscalations').selectAll().where('tipId', '=', id).execute();
    expect(rows).toHaveLength(1);
    const audit = await env.ctx.database.db
      .selectFrom('auditLog')
      .select('details')
      .where('targetId', '=', id)
      .where('action', '=', 'tip.escalate')
      .execute();
    expect(audit).toHaveLength(1);
    const list = (
      await env.app.inject({ url: `${CONSOLE}/units/${unitId}/tips?status=received`, headers: { cookie: officer } })
    ).json<{
      items: ConsoleTipSummary[];
    }>();
    expect(list.items[0]?.overdue).toBe(true);
    // The next step clears it and runs its own deadline (3 days), escalated once again when missed.
    await tipAction(env, officer, id, 'transition', { to: 'acknowledged' });
    expect((await readTip(env, officer, id)).escalatedAt).toBeNull();
    env.clock.advance(72 * HOUR + 1);
    await signInAgain();
    expect(await escalateOverdueTips(env.ctx)).toBeGreaterThanOrEqual(1);
    expect(
      await env.ctx.database.db.selectFrom('tipEscalations').selectAll().where('tipId', '=', id).execute(),
    ).toHaveLength(2);
  });

  it('a unit sets its own deadlines per category (owners), used from the next tip', async () => {
    const byOfficer = await env.app.inject({
      method: 'PUT',
      url: `${CONSOLE}/units/${unitId}/tip-deadlines`,
      headers: { cookie: officer },
      payload: { items: [{ category: 'robbery', acknowledgeHours: 2, checkHours: 24, settleDays: 20 }] },
    });
    expect(byOfficer.statusCode).toBe(403);
    const set = await env.app.inject({
      method: 'PUT',
      url: `${CONSOLE}/units/${unitId}/tip-deadlines`,
      headers: { cookie: owner },
      payload: { items: [{ category: 'robbery', acknowledgeHours: 2, checkHours: 24, settleDays: 20 }] },
    });
    expect(set.statusCode, set.body).toBe(200);
    const sent = await sendTip(env, 'thach-trung', {
      category: 'robbery',
      description: 'Hôm qua tôi bị cướp giật túi xách ở chợ.',
      anonymous: true,
    });
    const tip = await readTip(env, officer, await tipIdOf(env, sent.receiptCode));
    expect(Date.parse(tip.dueAt ?? '') - env.clock.now()).toBe(2 * HOUR);
    expect(tip.priority).toBe('high');
  });
});

describe('tips: request logs', () => {
  it('carry no address and no user agent for the tip routes, while other routes keep theirs', async () => {
    const lines: string[] = [];
    const env = await createTestEnv({
      parts: { log: createLogger('trace', { write: (line: string) => void lines.push(line) }) },
    });
    try {
      const ip = '198.51.100.23';
      const agent = 'TipLogAgent/1.0';
      const headers = { 'user-agent': agent };
      const sent = await env.app.inject({
        method: 'POST',
        url: `${PUBLIC}/units/thach-trung/tips`,
        remoteAddress: ip,
        headers,
        payload: { category: 'other', description: 'Tin báo thử.', anonymous: true },
      });
      expect(sent.statusCode).toBe(201);
      const { receiptCode, passphrase } = sent.json<{ receiptCode: string; passphrase: string }>();
      for (const url of ['lookup', 'messages']) {
        await env.app.inject({
          method: 'POST',
          url: `${PUBLIC}/tips/${url}`,
          remoteAddress: ip,
          headers,
          payload: { receiptCode, passphrase, ...(url === 'messages' ? { text: 'Thêm.' } : {}) },
        });
      }
      const file = multipart([{ filename: 'a.pdf', data: pdfBytes() }]);
      const uploaded = await env.app.inject({
        method: 'POST',
        url: `${PUBLIC}/units/thach-trung/tip-attachments`,
        remoteAddress: ip,
        headers: { ...headers, ...file.headers },
        payload: file.payload,
      });
      expect(uploaded.statusCode).toBe(201);
      const tipLines = lines.filter((l) => l.includes('/tips') || l.includes('/tip-attachments'));
      expect(tipLines.filter((l) => l.includes('/tip-attachments')).length).toBeGreaterThan(0);
      expect(tipLines.length).toBeGreaterThan(2);
      for (const l of tipLines) {
        expect(l).not.toContain(ip);
        expect(l).not.toContain(agent);
        expect(l).not.toContain(passphrase);
      }
      // The control: another public route's log line does name its address.
      await env.app.inject({ url: `${PUBLIC}/units`, remoteAddress: ip });
      expect(lines.some((l) => l.includes(ip))).toBe(true);
    } finally {
      await env.close();
    }
  });
});
