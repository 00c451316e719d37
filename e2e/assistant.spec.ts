import type { Browser, Page } from 'playwright-core';
import type { AskResponse } from '../contracts/assistant.js';
import type { ProcedureSummary } from '../contracts/knowledge.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, PHONE, startServer, type RunningServer } from './harness.js';

// A resident on a phone asks the procedures assistant on the unit page, follows a quick reply,
// then opens the full guide of the procedure with its printable checklist.
describe('procedures assistant in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const responses: AskResponse[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const context = await browser.newContext(PHONE);
    page = await context.newPage();
    page.on('response', (r) => {
      if (r.url().endsWith('/api/v1/public/assistant/ask') && r.ok())
        void r.json().then((body: AskResponse) => responses.push(body));
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const answers = () => page.getByTestId('ask-answer');

  it('answers a question about documents on the unit page', async () => {
    await page.goto(`${server.baseUrl}/u/thach-trung`);
    await page.getByRole('heading', { name: 'Hỏi về thủ tục' }).waitFor();
    await page.getByLabel('Câu hỏi của bạn').fill('làm căn cước cần gì');
    await page.getByRole('button', { name: 'Gửi' }).click();
    await expect.poll(() => answers().count()).toBe(1);
    const first = (await answers().first().textContent()) ?? '';
    expect(first).toMatch(/căn cước/i);
    expect(first).toMatch(/hồ sơ|giấy tờ|mang theo/i);
    expect(await page.getByText('làm căn cước cần gì').count()).toBeGreaterThan(0);
    await expect.poll(() => responses.length).toBe(1);
    expect(responses[0]?.procedure).toBe('can_cuoc');
    // The full guide link shows exactly when the answer comes from a knowledge-base entry.
    const linked = responses[0]?.answer.procedureEntryId ? 1 : 0;
    expect(await answers().first().getByTestId('ask-guide-link').count()).toBe(linked);
  });

  it('sends a quick reply and shows a second answer', async () => {
    const replies = page.getByTestId('quick-reply');
    await expect.poll(() => replies.count()).toBeGreaterThan(0);
    const label = ((await replies.first().textContent()) ?? '').trim();
    expect(label).not.toBe('');
    await replies.first().click();
    await expect.poll(() => answers().count()).toBe(2);
    expect(((await answers().nth(1).textContent()) ?? '').trim().length).toBeGreaterThan(20);
    await expect.poll(() => responses.length).toBe(2);
  });

  it('opens the full guide with the checklist of documents', async () => {
    // Follow the answer's own link when there is one; a clarifying answer has none, then the
    // guide of the procedure the assistant recognised is found in the list.
    const entryId = responses.map((r) => r.answer.procedureEntryId).find(Boolean);
    if (entryId) {
      await page.getByTestId('ask-guide-link').first().click();
    } else {
      const list = (await (await fetch(`${server.baseUrl}/api/v1/public/procedures`)).json()) as {
        items: ProcedureSummary[];
      };
      const entry = list.items.find((p) => p.taxonomyId === responses[0]?.procedure);
      expect(entry).toBeDefined();
      await page.goto(`${server.baseUrl}/thu-tuc/${entry?.id}?don-vi=thach-trung`);
    }
    await page.waitForURL(/\/thu-tuc\/[\w-]+\?don-vi=thach-trung/);
    await page.getByTestId('checklist').waitFor();
    await expect.poll(() => page.getByTestId('checklist-item').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('button', { name: 'In danh sách' }).count()).toBe(1);
    await expect.poll(() => page.getByText(/Cập nhật: \d{2}\/\d{2}\/\d{4}/).count()).toBeGreaterThan(0);
    // The checklist is for ticking off at home.
    const box = page.getByTestId('checklist-item').first().getByRole('checkbox');
    await box.check();
    expect(await box.isChecked()).toBe(true);
  });

  it('lists the procedures and finds one without diacritics', async () => {
    await page.goto(`${server.baseUrl}/thu-tuc`);
    await expect.poll(() => page.getByTestId('procedure-card').count()).toBeGreaterThan(5);
    await page.getByLabel('Tìm thủ tục').fill('can cuoc');
    await expect.poll(() => page.getByTestId('procedure-card').count()).toBeGreaterThan(0);
    const names = await page.getByTestId('procedure-card').allTextContents();
    expect(names.every((n) => /căn cước/i.test(n))).toBe(true);
  });
});
