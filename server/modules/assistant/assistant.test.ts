import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { askResponseSchema, type AskResponse, type Classification } from '../../../contracts/assistant.js';
import type { AssistantQuestion } from '../../../contracts/knowledge.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../../test/helper.js';
import { VI } from './texts.js';

// The real classifier answers unless a test forces a reading (to pin down what the service does with it).
const forced = vi.hoisted(() => ({ value: null as Classification | null }));
vi.mock('./classifier.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('./classifier.js')>();
  return {
    ...mod,
    getClassifier: () => {
      const real = mod.getClassifier();
      return {
        classify: (text: string, history?: string[]) => forced.value ?? real.classify(text, history),
      };
    },
  };
});

describe('assistant API', () => {
  let env: TestEnv;
  let unit: { id: string };

  beforeAll(async () => {
    env = await createTestEnv();
    unit = await unitBySlug(env, 'tran-phu');
    await env.ctx.database.transaction((trx) =>
      trx
        .updateTable('units')
        .set({ address: '12 Trần Phú', hotline: '0912 345 678', openingHours: '7:30–17:00' })
        .where('id', '=', unit.id)
        .execute(),
    );
  });
  afterAll(async () => env.close());
  beforeEach(() => {
    forced.value = null;
  });

  function ask(payload: unknown) {
    return env.app.inject({ method: 'POST', url: '/api/v1/public/assistant/ask', payload: payload as object });
  }

  it('answers a procedure question with the documented shape', async () => {
    const res = await ask({ text: 'Làm căn cước cho con cần giấy tờ gì?', unitSlug: 'tran-phu' });
    expect(res.statusCode).toBe(200);
    const body = askResponseSchema.parse(res.json());
    expect(body.intent).toBe('procedure');
    expect(body.procedure).toBe('can_cuoc');
    expect(body.answer.procedureEntryId).toBe('cap-the-can-cuoc-lan-dau');
    expect(body.answer.lastChecked).toBe('2026-11-27');
    expect(body.answer.text).toMatch(/Cập nhật: 27\/11\/2026$/);
  });

  it("answers where with the unit's address when a unit is given, following a merge", async () => {
    forced.value = { intent: 'procedure', procedure: 'tam_tru', aspect: 'where', confidence: 0.9, alternatives: [] };
    const res = await ask({ text: 'Đăng ký tạm trú ở đâu?', unitSlug: 'tran-phu' });
    expect(res.json<AskResponse>().answer.text).toContain('Địa chỉ: 12 Trần Phú');
    expect(res.json<AskResponse>()).toMatchObject({ procedure: 'tam_tru', aspect: 'where' });
  });

  it('starts an emergency answer with the right number, then the unit hotline', async () => {
    forced.value = { intent: 'emergency', danger: 'police', confidence: 0.95, alternatives: [] };
    const res = await ask({ text: 'Có cướp đang xông vào nhà!', unitSlug: 'tran-phu' });
    const body = res.json<AskResponse>();
    const lines = body.answer.text.split('\n');
    expect(lines[0]).toBe(VI.emergencyCall.police);
    expect(lines[0]).toMatch(/^Gọi ngay 113/);
    expect(lines.find((l) => l.startsWith('Đường dây nóng'))).toContain('0912 345 678');
    expect(body.answer.handover).toBe(true);
    expect(body.procedure).toBeUndefined();
  });

  it("answers in the ask box's language and reads the child's age from the message", async () => {
    forced.value = { intent: 'emergency', danger: 'fire', confidence: 0.95, alternatives: [] };
    const en = await ask({ text: 'Khói đen bốc lên từ kho hàng cạnh nhà', lang: 'en' });
    expect(en.json<AskResponse>().answer.text.split('\n')[0]).toMatch(/^Call 114/);
    forced.value = {
      intent: 'procedure',
      procedure: 'can_cuoc',
      aspect: 'overview',
      confidence: 0.9,
      alternatives: [],
    };
    const child = await ask({ text: 'Làm căn cước cho con 10 tuổi thế nào?', unitSlug: 'tran-phu' });
    expect(child.json<AskResponse>().answer.procedureEntryId).toBe('cap-the-can-cuoc-duoi-14-tuoi');
    const adult = await ask({ text: 'Làm căn cước lần đầu thế nào?', unitSlug: 'tran-phu' });
    expect(adult.json<AskResponse>().answer.procedureEntryId).toBe('cap-the-can-cuoc-lan-dau');
  });

  it('answers 404 for an unknown unit, 400 for empty and too long questions, 413 for huge bodies', async () => {
    const unknown = await ask({ text: 'Xin chào', unitSlug: 'khong-co-phuong-nay' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    for (const text of ['', '   \n\t ', '\u0007\u200b']) {
      const res = await ask({ text });
      expect(res.statusCode, JSON.stringify(text)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'empty_question' });
    }
    const long = await ask({ text: 'a'.repeat(2001) });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ code: 'validation_failed' });
    expect((await ask({ text: 'a'.repeat(2000) })).statusCode).toBe(200);
    const huge = await ask({ text: 'a'.repeat(100 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'body_too_large' });
    // A long question with a long history still fits.
    const full = await ask({ text: 'ă'.repeat(2000), history: Array.from({ length: 8 }, () => 'ư'.repeat(2000)) });
    expect(full.statusCode).toBe(200);
    expect((await ask({ text: 'x', extra: true })).statusCode).toBe(400);
  });

  it('answers emoji, control characters, other scripts and odd input without a server error', async () => {
    for (const text of [
      '👍👍👍',
      '🚨🔥 cứu với',
      '你好，我想办身份证',
      'Здравствуйте',
      'مرحبا',
      'cccd\u0007\u001b bao nhieu tien',
      'A'.repeat(2000),
      '<script>alert(1)</script>',
      "'; drop table units; --",
    ]) {
      const res = await ask({ text, history: ['\u0007', '😀'] });
      expect(res.statusCode, text.slice(0, 20)).toBe(200);
      expect(askResponseSchema.safeParse(res.json()).success).toBe(true);
      expect(res.json<AskResponse>().answer.text.length).toBeGreaterThan(0);
    }
    // Text no database can keep as sent is refused at the edge, naming the field (http/text-input.ts).
    for (const [body, path] of [
      [{ text: 'cccd\u0000 bao nhieu tien' }, 'body.text'],
      [{ text: '\ud800 lẻ' }, 'body.text'],
      [{ text: 'xin chào', history: ['\u0000'] }, 'body.history.0'],
    ] as const) {
      const res = await ask(body);
      expect([res.statusCode, res.json<{ code: string }>().code]).toEqual([400, 'invalid_text']);
      expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe(path);
    }
  });

  it("keeps questions it could not answer in the unit's console list, for its officers only", async () => {
    forced.value = {
      intent: 'procedure',
      procedure: 'can_cuoc_doi',
      aspect: 'fee',
      confidence: 0.3,
      alternatives: [{ intent: 'procedure', procedure: 'can_cuoc_lai', aspect: 'fee', score: 0.2 }],
    };
    const unclear = await ask({ text: 'cái thẻ đó bao nhiêu', history: ['hỏi chút'], unitSlug: 'tran-phu' });
    expect(unclear.json<AskResponse>().answer.clarifying).toBe(true);
    forced.value = { intent: 'unknown', confidence: 0.8, alternatives: [] };
    const unknown = await ask({ text: 'Đăng ký kết hôn ở đâu?', unitSlug: 'tran-phu' });
    expect(unknown.json<AskResponse>().answer.text).toContain('UBND');
    forced.value = { intent: 'procedure', procedure: 'tach_ho', aspect: 'fee', confidence: 0.9, alternatives: [] };
    await ask({ text: 'Tách hộ mất bao nhiêu tiền?', unitSlug: 'tran-phu' });

    const officer = await signIn(env, await createOfficer(env, 'officer', 'tran-phu'));
    const url = `/api/v1/console/units/${unit.id}/assistant-questions?status=open`;
    const list = await env.app.inject({ url, headers: { cookie: officer } });
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: AssistantQuestion[] }>().items;
    // Newest first; the emergency asked in an earlier test is kept too (handovers wait for an officer),
    // the plain answer about tách hộ is not.
    expect(items.map((q) => q.text)).toEqual([
      'Đăng ký kết hôn ở đâu?',
      'cái thẻ đó bao nhiêu',
      'Có cướp đang xông vào nhà!',
    ]);
    expect(items[1]).toMatchObject({
      history: ['hỏi chút'],
      procedure: 'can_cuoc_doi',
      confidence: 0.3,
      status: 'open',
    });

    const outsider = await signIn(env, await createOfficer(env, 'officer', 'dai-nai'));
    expect((await env.app.inject({ url, headers: { cookie: outsider } })).statusCode).toBe(404);

    const id = items[0]?.id ?? '';
    const review = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${unit.id}/assistant-questions/${id}/review`,
      headers: { cookie: officer },
    });
    expect(review.json<AssistantQuestion>()).toMatchObject({
      status: 'reviewed',
      reviewedBy: expect.any(String) as unknown,
    });
    const open = await env.app.inject({ url, headers: { cookie: officer } });
    expect(open.json<{ items: AssistantQuestion[] }>().items.map((q) => q.text)).toEqual([
      'cái thẻ đó bao nhiêu',
      'Có cướp đang xông vào nhà!',
    ]);
    const denied = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${unit.id}/assistant-questions/${id}/review`,
      headers: { cookie: outsider },
    });
    expect(denied.statusCode).toBe(404);
  });
});
