import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConsoleTipSummary } from '../../../contracts/tips.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../../test/helper.js';
import { SseClient, SseRefusedError } from '../../test/sse-client.js';
import {
  CONSOLE,
  PUBLIC,
  readTip,
  tipAction,
  tipIdOf,
  REPORTER_PHONE,
  REPORTER_PHONE_PATTERN,
} from '../../test/tips.js';

// Urgent tips ring like an emergency: a description read as danger now makes the tip urgent and
// its receipt names the number to call; the unit's tip desk hears live of new, transferred-in and
// newly urgent tips, and no officer of another unit does.

interface TipEventData {
  tip: ConsoleTipSummary;
  reason: 'created' | 'transferred' | 'urgent';
}

const DANGER = 'có người đang đánh nhau cầm dao trước nhà tôi';
const PHONE = REPORTER_PHONE;

describe('urgent tips and the tip desk live', () => {
  let env: TestEnv;
  let base: string;
  let officer: string;
  let supervisor: string;
  let outsider: string;
  let unitId: string;
  let otherUnitId: string;

  const send = async (slug: string, body: Record<string, unknown>) => {
    const res = await env.app.inject({ method: 'POST', url: `${PUBLIC}/units/${slug}/tips`, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ receiptCode: string; emergencyNumbers?: string[] }>();
  };
  const stream = (unit: string, cookie: string, path = 'tips/events') =>
    SseClient.open<TipEventData>(`${base}${CONSOLE}/units/${unit}/${path}`, { cookie });

  beforeAll(async () => {
    // Streams also poll on a heartbeat interval: stopped here, so an event can only arrive by its commit's wake.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    env = await createTestEnv();
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
    unitId = (await unitBySlug(env, 'thach-trung')).id;
    otherUnitId = (await unitBySlug(env, 'dai-nai')).id;
    officer = await signIn(env, await createOfficer(env, 'officer', 'thach-trung'));
    supervisor = await signIn(env, await createOfficer(env, 'supervisor', 'tp-ha-tinh'));
    outsider = await signIn(env, await createOfficer(env, 'officer', 'dai-nai'));
  });
  afterAll(async () => {
    await env.close();
    vi.useRealTimers();
  });

  it('makes a tip describing danger now urgent, and its receipt names the number to call', async () => {
    const urgent = await send('thach-trung', { category: 'violence', description: DANGER, anonymous: true });
    expect(urgent.emergencyNumbers).toEqual(['113']);
    expect((await readTip(env, officer, await tipIdOf(env, urgent.receiptCode))).priority).toBe('urgent');

    const fire = await send('thach-trung', {
      category: 'other',
      description: 'Nhà bên cạnh đang cháy to, khói đen đầy ngõ',
      anonymous: true,
    });
    expect(fire.emergencyNumbers?.[0]).toBe('114');

    const past = await send('thach-trung', {
      category: 'theft',
      description: 'Tuần trước nhà tôi bị mất trộm xe đạp ở sân.',
      anonymous: true,
    });
    expect(past).not.toHaveProperty('emergencyNumbers');
    expect((await readTip(env, officer, await tipIdOf(env, past.receiptCode))).priority).toBe('normal');
  });

  it("reaches the unit's officers and supervisors above live, and no officer of another unit", async () => {
    const desk = await stream(unitId, officer);
    const above = await stream(unitId, supervisor);
    const inbox = await stream(unitId, officer, 'events');
    const elsewhere = await stream(otherUnitId, outsider);
    await expect(stream(unitId, outsider)).rejects.toBeInstanceOf(SseRefusedError);

    const sent = await send('thach-trung', {
      category: 'violence',
      description: DANGER,
      anonymous: false,
      contact: { name: 'Nguyễn Văn Báo', phone: PHONE },
    });
    for (const s of [desk, above]) {
      await s.waitFor((e) => e.some((x) => x.data.tip.receiptCode === sent.receiptCode));
      const event = s.events.find((x) => x.data.tip.receiptCode === sent.receiptCode);
      expect(event?.event).toBe('tip.alert');
      expect(event?.data).toMatchObject({ reason: 'created', tip: { urgent: true, priority: 'urgent', unitId } });
      expect(JSON.stringify(event?.data)).not.toMatch(REPORTER_PHONE_PATTERN);
    }

    // Raised to urgent by an officer: the desk hears it once (not again when already urgent).
    const plain = await send('thach-trung', {
      category: 'public_order',
      description: 'Quán karaoke hát to mỗi đêm.',
      anonymous: true,
    });
    const plainId = await tipIdOf(env, plain.receiptCode);
    expect((await tipAction(env, officer, plainId, 'priority', { priority: 'urgent' })).statusCode).toBe(200);
    expect((await tipAction(env, officer, plainId, 'priority', { priority: 'urgent' })).statusCode).toBe(200);
    // Events arrive in commit order: once a later tip is on the desk, a second alert would be too.
    const marker = await send('thach-trung', { category: 'other', description: 'Đèn đường hỏng.', anonymous: true });
    await desk.waitFor((e) => e.some((x) => x.data.tip.receiptCode === marker.receiptCode));
    expect(desk.events.filter((x) => x.data.reason === 'urgent').map((x) => x.data.tip.id)).toEqual([plainId]);

    // Transferred in: the other unit's desk hears it, as the first and only event it got.
    const moved = await tipAction(env, officer, plainId, 'transition', { to: 'transferred', unitId: otherUnitId });
    expect(moved.statusCode, moved.body).toBe(200);
    await elsewhere.waitFor((e) => e.length > 0);
    expect(elsewhere.events.map((x) => [x.data.reason, x.data.tip.id, x.data.tip.unitId])).toEqual([
      ['transferred', plainId, otherUnitId],
    ]);

    // The conversation inbox's stream carries no tip events: a conversation event after them is its first.
    const conv = await env.app.inject({ method: 'POST', url: `${PUBLIC}/units/thach-trung/conversations` });
    const cookie = `kn_resident=${conv.cookies.find((c) => c.name === 'kn_resident')?.value ?? ''}`;
    const said = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/conversations/${conv.json<{ id: string }>().id}/messages`,
      headers: { cookie },
      payload: { clientId: 'tip-alerts-1', text: 'làm căn cước cần gì' },
    });
    expect(said.statusCode).toBe(201);
    await inbox.waitFor((e) => e.length > 0);
    expect(inbox.events.every((x) => !x.event.startsWith('tip.'))).toBe(true);
    expect(desk.events.every((x) => x.event === 'tip.alert')).toBe(true);
    for (const s of [desk, above, inbox, elsewhere]) await s.close();
  });
});
