import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Classification } from '../../../contracts/assistant.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';

// The assistant's readings are forced here so each handover rule is tested through the API.
const forced = vi.hoisted(() => ({ value: null as Classification | null }));
vi.mock('../assistant/classifier.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../assistant/classifier.js')>();
  return {
    ...mod,
    getClassifier: () => {
      const real = mod.getClassifier();
      return { classify: (text: string, history?: string[]) => forced.value ?? real.classify(text, history) };
    },
  };
});

const UNSURE: Classification = {
  intent: 'procedure',
  procedure: 'can_cuoc_doi',
  aspect: 'fee',
  confidence: 0.3,
  alternatives: [{ intent: 'procedure', procedure: 'can_cuoc_lai', aspect: 'fee', score: 0.2 }],
};

interface Posted {
  replies: { author: string; text: string; quickReplies: unknown[] }[];
  conversation: { status: string; handoverReason: string | null; firstResponseDueAt: string | null };
}

describe('handover from the assistant to officers', () => {
  let env: TestEnv;
  let n = 0;

  async function conversation() {
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/public/units/thach-trung/conversations' });
    const cookie = `kn_resident=${res.cookies.find((c) => c.name === 'kn_resident')?.value ?? ''}`;
    const id = res.json<{ id: string }>().id;
    return async (text: string, reading: Classification | null) => {
      forced.value = reading;
      const r = await env.app.inject({
        method: 'POST',
        url: `/api/v1/public/conversations/${id}/messages`,
        headers: { cookie },
        payload: { clientId: `handover-${++n}`, text },
      });
      expect(r.statusCode).toBe(201);
      return r.json<Posted>();
    };
  }

  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => env.close());

  it('hands over when the assistant is unsure twice in a row', async () => {
    const say = await conversation();
    const once = await say('cái thẻ đó bao nhiêu', UNSURE);
    expect(once.conversation.status).toBe('bot');
    expect(once.replies[0]?.quickReplies.length).toBeGreaterThan(0);
    const twice = await say('cái đó đó', UNSURE);
    expect(twice.conversation).toMatchObject({ status: 'open', handoverReason: 'unsure' });
    expect(twice.replies.map((r) => r.author)).toEqual(['bot', 'system']);
  });

  it('does not hand over when a sure answer comes between two unsure ones', async () => {
    const say = await conversation();
    await say('cái thẻ đó bao nhiêu', UNSURE);
    await say('làm căn cước cần gì', {
      intent: 'procedure',
      procedure: 'can_cuoc',
      confidence: 0.95,
      alternatives: [],
    });
    expect((await say('cái đó đó', UNSURE)).conversation.status).toBe('bot');
  });

  it('hands emergencies over with a 5-minute first-response time, tips with 30', async () => {
    // The test clock stands still, so the due time is exact.
    const now = env.clock.now();
    const emergency = await (
      await conversation()
    )('cướp đang vào nhà', { intent: 'emergency', confidence: 0.95, alternatives: [] });
    expect(emergency.conversation.handoverReason).toBe('emergency');
    expect(Date.parse(emergency.conversation.firstResponseDueAt ?? '') - now).toBe(5 * 60_000);
    expect(emergency.replies.at(-1)?.text).toMatch(/113/);
    const tip = await (await conversation())('tôi muốn tố giác', { intent: 'tip', confidence: 0.9, alternatives: [] });
    expect(tip.conversation.handoverReason).toBe('tip');
    expect(Date.parse(tip.conversation.firstResponseDueAt ?? '') - now).toBe(30 * 60_000);
  });
});
