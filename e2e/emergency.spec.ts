import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ketnoi, launchBrowser, phonePage, signInConsole, startServer, type RunningServer } from './harness.js';

// An officer has the inbox open. A resident asks for an officer (the plain alert rings), then
// another reports a fire in the chat: the inbox rings the urgent alarm, shows the urgent alert and
// lists the emergency first, in red. A third asks for an officer in the unit page's ask box: the
// question reaches the inbox, and the ask box opens the conversation holding it.
describe('emergency handovers in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let officer: Page;
  const PASSWORD = 'mat khau that dai 2026';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ketnoi(
      server,
      ['admin', 'create', '--username', 'truc.ban', '--role', 'officer', '--unit', 'thach-trung', '--password-stdin'],
      PASSWORD,
    );
    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    officer = await desk.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const rows = () => officer.getByTestId('conversation-row');
  /** What the inbox rang so far (alerts.ts records each sound for tests). */
  const rung = () => officer.evaluate(() => (window as { __ketnoiAlerts?: string[] }).__ketnoiAlerts ?? []);

  async function chat(resident: Page, text: string): Promise<void> {
    await resident.goto(`${server.baseUrl}/u/thach-trung`);
    await resident.getByTestId('chat-start').click();
    await resident.getByTestId('chat-messages').waitFor();
    const panel = resident.getByTestId('chat-panel');
    await panel.getByLabel('Tin nhắn').fill(text);
    await panel.getByRole('button', { name: 'Gửi', exact: true }).click();
  }

  it('rings the plain alert for a resident asking for an officer', async () => {
    await signInConsole(officer, server, 'truc.ban', PASSWORD);
    await officer.getByRole('tab', { name: 'Hộp thư' }).click();
    await officer.waitForURL(/\/inbox/);
    await officer.getByText('Không có cuộc trò chuyện nào.').waitFor();
    await chat(await phonePage(browser), 'cho tôi gặp cán bộ');
    await expect.poll(() => rows().count()).toBe(1);
    await expect.poll(rung).toEqual(['handover']);
    expect(await officer.getByTestId('handover-alert').getAttribute('data-urgent')).toBeNull();
  });

  it('rings the urgent alarm and lists the emergency first when a resident reports a fire in the chat', async () => {
    const resident = await phonePage(browser);
    await chat(resident, 'cứu với, có cháy nhà');
    // The resident is told the number to call at once.
    const bot = resident.locator('[data-testid="chat-message"][data-author="bot"]');
    await expect.poll(() => bot.count()).toBeGreaterThan(0);
    expect(await bot.last().textContent()).toMatch(/11[345]/);

    const alert = officer.locator('[data-testid="handover-alert"][data-urgent="true"]');
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.textContent()).toContain('Khẩn cấp');
    await expect.poll(rung).toEqual(['handover', 'urgent']);
    await expect.poll(() => rows().count()).toBe(2);
    await expect.poll(() => rows().first().getAttribute('data-urgent')).toBe('true');
    // The siren is a drawn (SVG) icon beside plain text: an emoji shows as a box on older phones.
    const badge = rows().first().getByTestId('urgent-badge');
    expect(await badge.textContent()).toBe('Khẩn cấp');
    expect(await badge.locator('svg.tabler-icon-urgent').count()).toBe(1);
    expect(await alert.locator('svg.tabler-icon-urgent').count()).toBe(1);
    expect(await rows().nth(1).getAttribute('data-urgent')).toBeNull();
    // The emergency's row is drawn in red, unlike the other.
    const border = (i: number) =>
      rows()
        .nth(i)
        .evaluate((el) => getComputedStyle(el).borderLeftColor);
    expect(await border(0)).not.toBe(await border(1));

    // Opening it shows the badge in its header; the alert is for conversations not on screen.
    await rows().first().click();
    const view = officer.getByTestId('conversation-view');
    await expect.poll(() => view.getByTestId('urgent-badge').count()).toBe(1);
    await expect.poll(() => view.getByText('cứu với, có cháy nhà').count()).toBeGreaterThan(0);
  });

  it('brings a question handed over in the ask box to the inbox, and opens its conversation', async () => {
    const resident = await phonePage(browser);
    await resident.goto(`${server.baseUrl}/u/thach-trung`);
    await resident.getByLabel('Câu hỏi của bạn').fill('cho tôi gặp cán bộ ạ');
    await resident.getByTestId('ask-panel').getByRole('button', { name: 'Gửi' }).click();
    const open = resident.getByTestId('ask-open-chat');
    await open.waitFor();
    expect(await open.textContent()).toContain('Mở cuộc trò chuyện');

    await expect.poll(() => rows().count()).toBe(3);
    await expect.poll(rung).toEqual(['handover', 'urgent', 'handover']);

    await open.click();
    const question = resident.locator('[data-testid="chat-message"][data-author="resident"]');
    await expect.poll(() => question.filter({ hasText: 'cho tôi gặp cán bộ ạ' }).count()).toBe(1);
  });
});
