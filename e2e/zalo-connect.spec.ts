import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZALO_TEST_TEXT } from '../server/modules/zalo/zalo-console.service.js';
import { FakeZalo } from '../server/test/fake-zalo.js';
import { createOfficer, ketnoi, launchBrowser, signInConsole, startServer, type RunningServer } from './harness.js';

// A ward's owner connects the ward's Zalo OA from the console through Zalo's consent page (a fake
// Zalo on 127.0.0.1 grants at once and returns to our callback), sees it connected, sees a
// resident's message arrive and sends a test message; then answers a Zalo conversation from the
// inbox, and the answer reaches Zalo as a cs message.

const PASSWORD = 'mat khau that dai 2026';
const RESIDENT = '7677597454271532329';

describe('console: connecting a Zalo OA', { timeout: 240_000 }, () => {
  let browser: Browser;
  let server: RunningServer;
  let fake: FakeZalo;
  let page: Page;

  beforeAll(async () => {
    fake = await FakeZalo.start();
    server = await startServer({ ZALO_API_BASE: fake.url, ZALO_OAUTH_BASE: fake.url });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.close();
  });

  it('an owner connects the OA through Zalo’s consent page and sees it connected', async () => {
    const unitId = ((await (await fetch(`${server.baseUrl}/api/v1/public/units/thach-trung`)).json()) as { id: string })
      .id;
    const secret = createOfficer(server, 'truong.zalo', 'owner', 'thach-trung', PASSWORD);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' })).newPage();
    await signInConsole(page, server, 'truong.zalo', PASSWORD, secret || undefined);
    await page.getByRole('tab', { name: 'Zalo OA' }).click();
    await page.waitForURL(`${server.baseUrl}/console/units/${unitId}/zalo`);
    await page.getByTestId('zalo-not-connected').waitFor();
    expect(await page.getByTestId('zalo-webhook-url').textContent()).toBe(`${server.baseUrl}/webhooks/zalo`);
    expect(await page.getByTestId('zalo-callback-url').textContent()).toBe(`${server.baseUrl}/console/zalo/callback`);

    const form = page.getByTestId('zalo-oauth-form');
    await form.getByLabel('App ID (ID ứng dụng)').fill(fake.oa.appId);
    await form.getByLabel('Khóa bí mật của ứng dụng (App Secret)').fill(fake.oa.appSecret);
    await form.getByLabel('OA Secret Key (khóa ký webhook)').fill(fake.oa.oaSecretKey);
    await form.getByRole('button', { name: 'Kết nối bằng Zalo' }).click();

    // Browser: console → fake consent page → /console/zalo/callback (server) → back to the tab.
    await page.waitForURL(`${server.baseUrl}/console/units/${unitId}/zalo?zalo=connected`);
    expect(await page.getByTestId('zalo-outcome').textContent()).toContain('Đã kết nối Zalo OA thành công.');
    const status = page.getByTestId('zalo-status');
    await status.waitFor();
    expect(await status.textContent()).toContain(`Đã kết nối Zalo OA ${fake.oa.oaId}`);
    expect(await page.getByTestId('zalo-last-event').textContent()).toContain('chưa nhận sự kiện nào');
    const token = fake.requests.find((r) => r.endpoint === 'token');
    expect(new URLSearchParams(token?.body.toString()).get('grant_type')).toBe('authorization_code');
    // Nothing secret reaches the page.
    const html = await page.content();
    for (const s of [fake.oa.appSecret, fake.oa.oaSecretKey]) expect(html).not.toContain(s);
  });

  it('explains a replayed or forged callback on the Zalo tab', async () => {
    await page.goto(`${server.baseUrl}/console/zalo/callback?code=x&oa_id=1&state=forged`);
    await page.waitForURL(/\/console\/units\/[^/]+\/zalo\?zalo=invalid_state$/);
    const outcome = page.getByTestId('zalo-outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain('Liên kết kết nối không hợp lệ hoặc đã được dùng');
    expect(await page.getByTestId('zalo-status').textContent()).toContain(fake.oa.oaId);
  });

  it('shows a resident’s message arriving and sends a test message through the OA', async () => {
    const out = ketnoi(server, ['zalo', 'simulate', '--unit', 'thach-trung', '--user', RESIDENT, '--text', 'Xin chào']);
    expect(out).toContain('→ 200');
    await page.reload();
    await page.getByTestId('zalo-status').waitFor();
    expect(await page.getByTestId('zalo-last-event').textContent()).not.toContain('chưa nhận sự kiện nào');

    const form = page.getByTestId('zalo-test-form');
    await form.getByLabel('Zalo user ID của người nhận').fill(RESIDENT);
    await form.getByRole('button', { name: 'Gửi tin nhắn thử' }).click();
    const result = page.getByTestId('zalo-test-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('Zalo đã nhận tin nhắn');
    // The assistant answers "Xin chào" on its own; the test message is the one with the test text.
    const sent = fake.sent.filter((m) => m.recipientId === RESIDENT && m.message.text === ZALO_TEST_TEXT);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.oaId).toBe(fake.oa.oaId);
  });

  it('puts a Zalo resident who asks for an officer in the inbox, and the owner’s reply reaches Zalo', async () => {
    const out = ketnoi(server, [
      'zalo',
      'simulate',
      '--unit',
      'thach-trung',
      '--user',
      RESIDENT,
      '--text',
      'cho tôi gặp cán bộ',
    ]);
    expect(out).toContain('→ 200');
    await page.getByRole('tab', { name: 'Hộp thư' }).click();
    await page.waitForURL(/\/inbox/);
    const row = page.getByTestId('conversation-row');
    await expect.poll(() => row.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await row.first().click();
    await page.waitForURL(/\/inbox\/[\w-]+/);
    const view = page.getByTestId('conversation-view');
    await expect.poll(() => view.getByText('cho tôi gặp cán bộ').count()).toBeGreaterThan(0);

    const reply = 'Chào anh, cán bộ phường Thạch Trung đây ạ';
    await page.getByLabel('Trả lời').fill(reply);
    await page.getByRole('button', { name: 'Gửi trả lời' }).click();
    await expect.poll(() => view.getByText(reply).count()).toBe(1);
    await expect
      .poll(() => fake.sent.filter((m) => m.recipientId === RESIDENT).some((m) => m.message.text === reply), {
        timeout: 60_000,
      })
      .toBe(true);
  });
});
