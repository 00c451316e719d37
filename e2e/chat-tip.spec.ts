import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, PHONE, startServer, type RunningServer } from './harness.js';

// A tip written in chat gets a receipt: the assistant offers the tip desk, the resident takes the
// offer, checks the text, chooses what it is about and sends; the code shows in the dialog and in
// the chat, and the tip is among the resident's own tips on the follow-up page.
describe('tips from the chat in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const TIP = 'Nhà bên cạnh hát karaoke đến 12 giờ đêm, đã nhắc nhiều lần mà không được';
  const CODE = /TB-[2-9A-HJKMNP-TV-Z]{8}/;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await (await browser.newContext(PHONE)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Takes the last offer on the page, sends the tip and returns the receipt code the dialog shows. */
  async function takeOffer(expectedText: string, files = 0): Promise<string> {
    await page.getByTestId('chat-tip-offer').last().click();
    const dialog = page.getByRole('dialog', { name: 'Gửi thành tin báo' });
    await dialog.waitFor();
    expect(await dialog.getByRole('checkbox', { checked: true }).count()).toBe(files);
    // The resident's own words, to check before sending; the dialog says the tip carries their name.
    expect(await dialog.getByLabel('Chuyện gì đã xảy ra?').inputValue()).toContain(expectedText);
    expect(await dialog.getByTestId('chat-tip-identity').textContent()).toMatch(/giấu tên/);
    await dialog.getByLabel('Đây là việc gì?').selectOption('public_order');
    await dialog.getByRole('button', { name: 'Gửi tin báo' }).click();
    const code = (await dialog.getByTestId('chat-tip-code').textContent()) ?? '';
    expect(code).toMatch(CODE);
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await dialog.waitFor({ state: 'detached' });
    return code;
  }

  it('sends a tip written in the chat to the tip desk and shows its receipt code', async () => {
    await page.goto(`${server.baseUrl}/u/thach-trung`);
    await page.getByTestId('chat-start').click();
    const panel = page.getByTestId('chat-panel');
    await panel.getByTestId('chat-messages').waitFor();
    await panel.getByLabel('Tin nhắn').fill(TIP);
    await panel.getByRole('button', { name: 'Gửi', exact: true }).click();
    await panel.getByTestId('chat-tip-offer').waitFor();
    // A photo of it, sent after the words: the offer takes it along.
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#335577' } })
      .jpeg()
      .toBuffer();
    await panel
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: 'karaoke.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => panel.locator('[data-testid="chat-message"][data-author="resident"] img').count()).toBe(1);
    await expect.poll(() => panel.getByTestId('chat-pending').count()).toBe(0);

    const code = await takeOffer(TIP, 1);
    // The chat records it (the system message, live) and the offer is spent.
    await panel.locator('[data-testid="chat-message"][data-author="system"]').filter({ hasText: code }).waitFor();
    expect(await panel.getByTestId('chat-tip-offer').count()).toBe(0);
    expect(await panel.getByTestId('chat-tip-sent').textContent()).toContain(code);

    // The photo went with the tip.
    const tip = await page.evaluate(async (receiptCode) => {
      const res = await fetch('/api/v1/public/tips/lookup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ receiptCode }),
      });
      return (await res.json()) as { attachments: { kind: string }[] };
    }, code);
    expect(tip.attachments.map((a) => a.kind)).toEqual(['image']);

    // An identified tip: the follow-up page lists it on this phone without a passphrase.
    await page.goto(`${server.baseUrl}/bao-tin/theo-doi`);
    await page.getByTestId('my-tips').getByText(code).waitFor();
  });

  it('offers the same from the ask box, from the conversation the question went to', async () => {
    // A new phone: with a conversation already, the unit page opens on the chat.
    page = await (await browser.newContext(PHONE)).newPage();
    await page.goto(`${server.baseUrl}/u/thach-trung`);
    await page.getByRole('heading', { name: 'Hỏi về thủ tục' }).waitFor();
    const question = 'Có người bán ma túy ở cuối ngõ 5 mỗi tối, tôi muốn tố giác';
    await page.getByLabel('Câu hỏi của bạn').fill(question);
    await page.getByTestId('ask-panel').getByRole('button', { name: 'Gửi' }).click();
    await page.getByTestId('ask-panel').getByTestId('chat-tip-offer').waitFor();
    const code = await takeOffer(question);
    expect(await page.getByTestId('ask-panel').getByTestId('chat-tip-sent').textContent()).toContain(code);
  });
});
