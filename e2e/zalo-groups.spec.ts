import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeZalo } from '../server/test/fake-zalo.js';
import { fakeZaloOa } from '../server/test/zalo-webhooks.js';
import { createOfficer, ketnoi, launchBrowser, signInConsole, startServer, type RunningServer } from './harness.js';

// A ward's owner links a residential group to its Zalo group in the groups tab; the running
// server sends the group's next post to the Zalo group (a fake Zalo on 127.0.0.1), and when Zalo
// answers -237 the tab shows the link broken with the reason.

const PASSWORD = 'mat khau that dai 2026';
const ZALO_GROUP = 'f414c8f76fa586fbdfb4';

describe('console: a residential group linked to its Zalo group', { timeout: 240_000 }, () => {
  let browser: Browser;
  let server: RunningServer;
  let fake: FakeZalo;
  let page: Page;
  let unitId = '';
  let groupId = '';

  beforeAll(async () => {
    fake = await FakeZalo.start();
    server = await startServer({ ZALO_API_BASE: fake.url, ZALO_OAUTH_BASE: fake.url });
    browser = await launchBrowser();
    ketnoi(server, ['zalo', 'connect', '--unit', 'thach-trung'], JSON.stringify(fakeZaloOa(fake)));
    unitId = ((await (await fetch(`${server.baseUrl}/api/v1/public/units/thach-trung`)).json()) as { id: string }).id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.close();
  });

  /** Drafts and approves a post to the group with the page's session (the owner approves). */
  async function publishToGroup(title: string): Promise<void> {
    const drafted = await page.request.post(`${server.baseUrl}/api/v1/console/units/${unitId}/posts`, {
      data: { title, body: 'Mời bà con dự họp tổ dân phố.', category: 'event', audience: { groupIds: [groupId] } },
    });
    expect(drafted.status(), await drafted.text()).toBe(201);
    const { id } = (await drafted.json()) as { id: string };
    const approved = await page.request.post(`${server.baseUrl}/api/v1/console/posts/${id}/approve`, { data: {} });
    expect(approved.status(), await approved.text()).toBe(200);
  }

  it('an owner links a group to its Zalo group, and the group’s post reaches the Zalo group', async () => {
    const secret = createOfficer(server, 'truong.nhom', 'owner', 'thach-trung', PASSWORD);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' })).newPage();
    await signInConsole(page, server, 'truong.nhom', PASSWORD, secret || undefined);
    await page.goto(`${server.baseUrl}/console/units/${unitId}/groups`);
    await page.getByLabel('Tên').fill('Tổ dân phố 7');
    await page.getByRole('button', { name: 'Thêm', exact: true }).click();
    const card = page.getByTestId('group-card').filter({ hasText: 'Tổ dân phố 7' });
    await card.waitFor();
    const zalo = card.getByTestId('group-zalo');
    expect(await zalo.textContent()).toContain('Chưa liên kết nhóm Zalo');

    await zalo.getByRole('button', { name: 'Liên kết nhóm Zalo' }).click();
    await zalo.getByLabel('Mã nhóm Zalo (GMF)').fill('nhóm 7');
    await zalo.getByRole('button', { name: 'Lưu' }).click();
    await zalo.getByText('Mã nhóm Zalo chỉ gồm chữ cái và chữ số').waitFor();
    await zalo.getByLabel('Mã nhóm Zalo (GMF)').fill(ZALO_GROUP);
    await zalo.getByRole('button', { name: 'Lưu' }).click();
    await zalo.getByText('Đã liên kết', { exact: true }).waitFor();
    expect(await zalo.textContent()).toContain(ZALO_GROUP);

    const groups = await page.request.get(`${server.baseUrl}/api/v1/console/units/${unitId}/groups`);
    groupId = ((await groups.json()) as { items: { id: string; name: string }[] }).items.find(
      (g) => g.name === 'Tổ dân phố 7',
    )?.id as string;
    await publishToGroup('Họp tổ dân phố 7 tối thứ Bảy');
    await expect
      .poll(() => fake.sent.filter((m) => m.endpoint === 'group' && m.recipientId === ZALO_GROUP).length, {
        timeout: 60_000,
      })
      .toBe(1);
    const [sent] = fake.sent.filter((m) => m.recipientId === ZALO_GROUP);
    expect(String(sent?.message.text)).toContain('Họp tổ dân phố 7 tối thứ Bảy');
    expect(String(sent?.message.text)).toContain(`${server.baseUrl}/tin-tuc/`);
  });

  it('shows the link broken with its reason after Zalo answers -237, and links it again', async () => {
    fake.failNext('group', -237);
    await publishToGroup('Lịch trực tết');
    await expect.poll(() => fake.requests.filter((r) => r.endpoint === 'group').length, { timeout: 60_000 }).toBe(2);
    const card = page.getByTestId('group-card').filter({ hasText: 'Tổ dân phố 7' });
    const zalo = card.getByTestId('group-zalo');
    await expect
      .poll(
        async () => {
          await page.reload();
          await card.waitFor();
          return zalo.getByTestId('zalo-link-broken').count();
        },
        { timeout: 60_000 },
      )
      .toBe(1);
    expect(await zalo.textContent()).toContain('Liên kết Zalo hỏng');
    expect(await zalo.textContent()).toContain('Nhóm Zalo đã hết hạn hoặc OA không còn trong nhóm');

    await zalo.getByRole('button', { name: 'Liên kết lại' }).click();
    await zalo.getByRole('button', { name: 'Lưu' }).click();
    await zalo.getByText('Đã liên kết', { exact: true }).waitFor();
    expect(await zalo.getByTestId('zalo-link-broken').count()).toBe(0);
  });
});
