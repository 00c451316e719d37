import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ketnoi, launchBrowser, PHONE, startServer, type RunningServer } from './harness.js';

// A resident on a phone messages CAX Thạch Trung: the assistant answers at once, the resident
// asks for an officer, an officer answers from the inbox and the resident sees it without reloading.
describe('conversations in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let resident: Page;
  let officer: Page;
  let unitId = '';
  const PASSWORD = 'mat khau that dai 2026';
  const REPLY = 'Chào bác, cháu là cán bộ Công an xã Thạch Trung, cháu hỗ trợ bác ạ.';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    unitId = ((await (await fetch(`${server.baseUrl}/api/v1/public/units/thach-trung`)).json()) as { id: string }).id;
    const phone = await browser.newContext(PHONE);
    resident = await phone.newPage();
    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    officer = await desk.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const bubbles = (page: Page, author: string) => page.locator(`[data-testid="chat-message"][data-author="${author}"]`);

  async function write(text: string): Promise<void> {
    const panel = resident.getByTestId('chat-panel');
    await panel.getByLabel('Tin nhắn').fill(text);
    await panel.getByRole('button', { name: 'Gửi', exact: true }).click();
  }

  it('answers the resident at once in the unit’s chat', async () => {
    await resident.goto(`${server.baseUrl}/u/thach-trung`);
    await resident.getByTestId('chat-start').click();
    await resident.getByRole('heading', { name: 'Nhắn tin với CAX Thạch Trung' }).waitFor();
    await resident.getByTestId('chat-messages').waitFor();
    // "At once": the answer comes back with the message's own request, not later from a job.
    const posted = resident.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/api\/v1\/public\/conversations\/[\w-]+\/messages$/.test(r.url()),
    );
    await write('làm căn cước cần gì');
    const { replies } = (await (await posted).json()) as { replies: { author: string }[] };
    expect(replies.map((r) => r.author)).toContain('bot');
    await expect.poll(() => bubbles(resident, 'bot').count()).toBeGreaterThan(0);
    expect(await bubbles(resident, 'resident').filter({ hasText: 'làm căn cước cần gì' }).count()).toBe(1);
    const answer = (await bubbles(resident, 'bot').last().textContent()) ?? '';
    expect(answer).toMatch(/căn cước/i);
    expect(await resident.getByText('Trợ lý tự động').count()).toBeGreaterThan(0);
    // The answer links to the procedure's guide page for this unit.
    const guide = bubbles(resident, 'bot').last().getByTestId('chat-guide-link');
    expect(await guide.getAttribute('href')).toMatch(/^\/thu-tuc\/[^?]+\?don-vi=thach-trung$/);
  });

  it('hands the conversation over when the resident asks for an officer', async () => {
    await write('cho tôi gặp cán bộ');
    await expect.poll(() => bubbles(resident, 'resident').filter({ hasText: 'cho tôi gặp cán bộ' }).count()).toBe(1);
    await expect.poll(() => resident.getByTestId('chat-status').textContent()).not.toBe('Trợ lý đang trả lời');
    // Nothing is left pending or failed.
    expect(await resident.getByTestId('chat-pending').count()).toBe(0);
  });

  it('lets an officer of the unit find it in the inbox and reply; the resident sees it live', async () => {
    ketnoi(
      server,
      ['admin', 'create', '--username', 'canbo.tt', '--role', 'officer', '--unit', 'thach-trung', '--password-stdin'],
      PASSWORD,
    );
    await officer.goto(`${server.baseUrl}/console/login`);
    await officer.getByLabel('Tên đăng nhập').fill('canbo.tt');
    await officer.getByLabel('Mật khẩu').fill(PASSWORD);
    await officer.getByRole('button', { name: 'Đăng nhập' }).click();
    await officer.waitForURL(/\/console\/units\//);
    await officer.getByRole('tab', { name: 'Hộp thư' }).click();
    await officer.waitForURL(new RegExp(`/console/units/${unitId}/inbox`));
    // The only conversation of the unit, waiting for an officer ("Chưa nhận", the default view).
    const row = officer.getByTestId('conversation-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Người dân');
    await row.click();
    await officer.waitForURL(/\/inbox\/[\w-]+/);
    const view = officer.getByTestId('conversation-view');
    await expect.poll(() => view.getByText('làm căn cước cần gì').count()).toBeGreaterThan(0);

    // The resident's page must not reload: a marker on its window survives.
    await resident.evaluate(() => {
      (window as unknown as { e2eMarker: string }).e2eMarker = 'still here';
    });
    await officer.getByLabel('Trả lời').fill(REPLY);
    await officer.getByRole('button', { name: 'Gửi trả lời' }).click();
    await expect.poll(() => view.getByText(REPLY).count()).toBe(1);

    await expect.poll(() => bubbles(resident, 'officer').count()).toBe(1);
    expect(await bubbles(resident, 'officer').textContent()).toContain('Chào bác, cháu là cán bộ');
    expect(await resident.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker)).toBe('still here');
  });

  it('shows the resident’s next message in the officer’s open conversation without reloading', async () => {
    await write('Cảm ơn cháu, bác muốn hỏi về tạm trú');
    const view = officer.getByTestId('conversation-view');
    await expect.poll(() => view.getByText('Cảm ơn cháu, bác muốn hỏi về tạm trú').count()).toBe(1);
  });

  it('keeps internal notes from the resident', async () => {
    await officer.getByRole('switch', { name: 'Ghi chú nội bộ' }).check();
    await officer.getByLabel('Trả lời').fill('Ghi chú: hẹn bác thứ Hai lên trụ sở');
    await officer.getByRole('button', { name: 'Gửi trả lời' }).click();
    const view = officer.getByTestId('conversation-view');
    await expect.poll(() => view.locator('[data-internal="true"]').count()).toBe(1);
    // Then a public reply: once the resident's page shows it, it has had every event before it.
    await officer.getByRole('switch', { name: 'Ghi chú nội bộ' }).uncheck();
    await officer.getByLabel('Trả lời').fill('Bác nhớ mang theo căn cước ạ');
    await officer.getByRole('button', { name: 'Gửi trả lời' }).click();
    await expect
      .poll(() => bubbles(resident, 'officer').filter({ hasText: 'Bác nhớ mang theo căn cước' }).count())
      .toBe(1);
    expect(await resident.getByText('hẹn bác thứ Hai').count()).toBe(0);
  });

  it('shows older messages on request once a conversation is long', async () => {
    const conversationId = officer.url().split('/inbox/')[1] ?? '';
    for (let i = 0; i < 55; i++) {
      const res = await officer.request.post(
        `${server.baseUrl}/api/v1/console/conversations/${conversationId}/messages`,
        {
          data: { clientId: `e2e-long-${i}`, text: `Tin nhắn số ${i}` },
        },
      );
      expect(res.status()).toBe(201);
    }
    await officer.reload();
    const view = officer.getByTestId('conversation-view');
    await expect.poll(() => view.getByText('Tin nhắn số 54').count()).toBe(1);
    // The first messages are beyond the newest page until the officer asks for them.
    expect(await view.getByText('làm căn cước cần gì').count()).toBe(0);
    await view.getByTestId('inbox-older').click();
    await expect.poll(() => view.getByText('làm căn cước cần gì').count()).toBeGreaterThan(0);
    expect(await view.getByTestId('inbox-older').count()).toBe(0);
  });

  it('alerts the officer on screen when another resident is handed over', async () => {
    const other = await (await browser.newContext(PHONE)).newPage();
    await other.goto(`${server.baseUrl}/u/thach-trung`);
    await other.getByTestId('chat-start').click();
    await other.getByTestId('chat-messages').waitFor();
    await other.getByTestId('chat-panel').getByLabel('Tin nhắn').fill('cho tôi gặp cán bộ');
    await other.getByTestId('chat-panel').getByRole('button', { name: 'Gửi', exact: true }).click();
    await expect.poll(() => officer.getByTestId('handover-alert').count()).toBe(1);
    await expect.poll(() => officer.getByTestId('conversation-row').count()).toBeGreaterThan(0);
  });
});
