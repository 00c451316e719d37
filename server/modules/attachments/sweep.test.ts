import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment } from '../../../contracts/conversations.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';
import { multipart, pdfBytes } from '../../test/uploads.js';
import { sweepUnsentUploads } from './sweep.js';

describe('sweeping unsent uploads', () => {
  let env: TestEnv;
  let cookie: string;
  let conversationId: string;

  beforeAll(async () => {
    env = await createTestEnv({ env: { UNSENT_UPLOAD_TTL_HOURS: '24' } });
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/public/units/thach-trung/conversations' });
    cookie = `kn_resident=${res.cookies.find((c) => c.name === 'kn_resident')?.value ?? ''}`;
    conversationId = res.json<{ id: string }>().id;
  });
  afterAll(async () => env.close());

  async function upload(name: string): Promise<Attachment> {
    const body = multipart([{ filename: name, type: 'application/pdf', data: pdfBytes() }]);
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/public/conversations/${conversationId}/attachments`,
      headers: { ...body.headers, cookie },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(201);
    return res.json<Attachment>();
  }

  const rows = () => env.ctx.database.db.selectFrom('attachments').select(['id', 'storageKey']).execute();
  const fileOf = (key: string) => path.join(env.dataDir, 'files', key);

  it('deletes uploads no message sent once they are older than the limit, and nothing else', async () => {
    const forgotten = await upload('quên gửi.pdf');
    const sent = await upload('đã gửi.pdf');
    const posted = await env.app.inject({
      method: 'POST',
      url: `/api/v1/public/conversations/${conversationId}/messages`,
      headers: { cookie },
      payload: { clientId: 'sweeper-sent-1', text: '', attachmentIds: [sent.id] },
    });
    expect(posted.statusCode).toBe(201);
    const keys = new Map((await rows()).map((r) => [r.id, r.storageKey]));
    expect([...keys.keys()].sort()).toEqual([forgotten.id, sent.id].sort());

    expect(await sweepUnsentUploads(env.ctx)).toBe(0); // not old enough yet
    env.clock.advance(25 * 3600_000);
    const fresh = await upload('mới chọn.pdf');
    expect(await sweepUnsentUploads(env.ctx)).toBe(1);

    const left = (await rows()).map((r) => r.id).sort();
    expect(left).toEqual([sent.id, fresh.id].sort());
    expect(fs.existsSync(fileOf(keys.get(forgotten.id) ?? ''))).toBe(false);
    expect(fs.existsSync(fileOf(keys.get(sent.id) ?? ''))).toBe(true);
    // The sent one still downloads for its resident.
    const download = await env.app.inject({ url: sent.url, headers: { cookie } });
    expect(download.statusCode).toBe(200);
  });

  it('forgets the upload counts of days before yesterday', async () => {
    const quotas = () => env.ctx.database.db.selectFrom('uploadQuotas').select('day').execute();
    expect((await quotas()).length).toBeGreaterThan(0);
    await sweepUnsentUploads(env.ctx);
    expect((await quotas()).length).toBeGreaterThan(0); // yesterday's and today's are kept
    env.clock.advance(3 * 24 * 3600_000);
    await sweepUnsentUploads(env.ctx);
    expect(await quotas()).toEqual([]);
  });
});
