import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOfficer,
  launchBrowser,
  PHONE,
  phonePage,
  signInConsole,
  startServer,
  type RunningServer,
} from './harness.js';

// An officer has the tip desk open. A resident sends, through the tip form, a tip describing a knife
// fight happening now: the receipt's first line tells them to call 113, and the desk rings the urgent
// alarm, shows the urgent alert and lists the tip, without a reload. The tip's file downloads as a PDF.
describe('urgent tips ring the tip desk in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let officer: Page;
  let resident: Page;
  const PASSWORD = 'mat khau that dai 2026';
  const DANGER = 'có người đang đánh nhau cầm dao trước nhà tôi';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    createOfficer(server, 'canbo.tt', 'officer', 'thach-trung', PASSWORD);
    officer = await (
      await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: PHONE.locale, acceptDownloads: true })
    ).newPage();
    resident = await phonePage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** What the console rang so far (alerts.ts records each sound for tests). */
  const rung = () => officer.evaluate(() => (window as { __ketnoiAlerts?: string[] }).__ketnoiAlerts ?? []);

  it('rings the urgent alarm on the open desk when a resident reports a knife fight now, and tells them to call 113 first', async () => {
    await signInConsole(officer, server, 'canbo.tt', PASSWORD);
    await officer.getByRole('tab', { name: 'Tin báo' }).click();
    await expect.poll(() => officer.getByText('Chưa có tin báo nào.').count()).toBe(1);
    expect(await rung()).toEqual([]);

    await resident.goto(`${server.baseUrl}/bao-tin?don-vi=thach-trung`);
    const form = resident.getByTestId('tip-form');
    await form.getByLabel('Đây là việc gì?').selectOption({ label: 'Đánh nhau, bạo lực, đe dọa' });
    await form.getByLabel('Chuyện gì đã xảy ra?').fill(DANGER);
    await form.getByRole('button', { name: 'Gửi tin báo' }).click();

    const receipt = resident.getByTestId('tip-receipt');
    await receipt.waitFor();
    // The first thing the receipt says is the number to call.
    expect((await receipt.innerText()).split('\n')[0]).toBe('Gọi ngay 113');
    expect(await receipt.getByRole('link', { name: 'Gọi 113' }).getAttribute('href')).toBe('tel:113');
    const code = ((await receipt.getByTestId('tip-receipt-code').textContent()) ?? '').trim();

    await expect.poll(rung).toEqual(['urgent']);
    const alert = officer.getByTestId('tip-urgent-alert');
    await expect.poll(() => alert.textContent()).toContain(code);
    expect(await alert.getAttribute('role')).toBe('alert');
    await expect.poll(() => officer.getByTestId('tip-row').filter({ hasText: code }).count()).toBe(1);
    expect(await officer.getByTestId('tip-row').filter({ hasText: code }).textContent()).toContain('Khẩn cấp');

    // Opening it from the alert clears the alert; its file downloads as a PDF.
    await alert.getByRole('link').click();
    await expect.poll(() => officer.getByTestId('tip-urgent-alert').count()).toBe(0);
    const [download] = await Promise.all([officer.waitForEvent('download'), officer.getByTestId('tip-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`ho-so-${code}.pdf`);
    expect(await rung()).toEqual(['urgent']);
  });
});
