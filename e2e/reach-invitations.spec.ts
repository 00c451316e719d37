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

// The owner of CAX Thạch Trung prints the invitation of a residential group; a resident scans its
// QR code's link, lands on the unit page with the group offered and follows and joins in one tap;
// the console counts the scan for that group, and the post's and the unit's reach show the follower.
describe('invitation kits and reach in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: Page;
  let resident: Page;
  let unitId = '';
  let ownerSecret = '';
  let scanUrl = '';
  const PASSWORD = 'mat khau that dai 2026';
  const GROUP = 'Tổ dân phố Trung Phú';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    unitId = ((await (await fetch(`${server.baseUrl}/api/v1/public/units/thach-trung`)).json()) as { id: string }).id;
    ownerSecret = createOfficer(server, 'truong.tt', 'owner', 'thach-trung', PASSWORD);
    owner = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: PHONE.locale })
    ).newPage();
    resident = await phonePage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const groupCard = () => owner.getByTestId('group-card').filter({ hasText: GROUP });

  it('prints a group’s invitation: an A4 sheet with the QR code of its scan link', async () => {
    await signInConsole(owner, server, 'truong.tt', PASSWORD, ownerSecret);
    await owner.goto(`${server.baseUrl}/console/units/${unitId}/groups`);
    await owner.getByLabel('Tên').fill(GROUP);
    await owner.getByRole('button', { name: 'Thêm', exact: true }).click();
    await expect.poll(() => groupCard().count()).toBe(1);
    await expect.poll(() => groupCard().getByTestId('group-invitation').textContent()).toContain('0 lượt quét');

    await groupCard().getByRole('link', { name: 'In giấy mời' }).click();
    await owner.waitForURL(/\/moi-tham-gia\?group=/);
    const sheet = owner.getByTestId('invitation-sheet');
    await expect.poll(() => sheet.getByRole('heading', { level: 1 }).textContent()).toContain(GROUP);
    scanUrl = ((await sheet.getByTestId('invitation-url').textContent()) ?? '').trim();
    expect(scanUrl).toMatch(new RegExp(`^${server.baseUrl}/q/[\\w-]{16}$`));
    expect(await sheet.getByTestId('invitation-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    // Printed, only the sheet shows: the console's header and the buttons are hidden.
    await owner.emulateMedia({ media: 'print' });
    expect(await owner.getByRole('button', { name: 'In trang này' }).isVisible()).toBe(false);
    expect(await owner.locator('header').isVisible()).toBe(false);
    expect(await sheet.isVisible()).toBe(true);
    await owner.emulateMedia({ media: 'screen' });
  });

  it('takes a resident who scans it to the unit page, where one tap follows the unit and joins the group', async () => {
    await resident.goto(scanUrl);
    await resident.waitForURL(/\/u\/thach-trung\?nhom=/);
    const offer = resident.getByTestId('group-offer');
    await expect.poll(() => offer.textContent()).toContain(GROUP);
    await offer.getByRole('button', { name: 'Theo dõi và tham gia tổ' }).click();
    await expect.poll(() => resident.getByTestId('group-offer-done').count()).toBe(1);
    await expect
      .poll(() => resident.getByRole('button', { name: 'Đang theo dõi', exact: true }).getAttribute('aria-pressed'))
      .toBe('true');
  });

  it('counts the scan for the group, and shows the new follower and a post’s reach', async () => {
    await owner.goto(`${server.baseUrl}/console/units/${unitId}/groups`);
    await expect.poll(() => groupCard().getByTestId('group-invitation').textContent()).toContain('1 lượt quét');

    const origin = { origin: server.baseUrl };
    const drafted = await owner.request.post(`${server.baseUrl}/api/v1/console/units/${unitId}/posts`, {
      headers: origin,
      data: { title: 'Họp tổ dân phố', body: 'Mời bà con dự họp.', category: 'event' },
    });
    const postId = ((await drafted.json()) as { id: string }).id;
    await owner.request.post(`${server.baseUrl}/api/v1/console/posts/${postId}/approve`, { headers: origin });
    await owner.goto(`${server.baseUrl}/console/units/${unitId}/posts/${postId}`);
    const reach = owner.getByTestId('post-reach');
    await expect.poll(() => reach.getByTestId('reach-figures').textContent()).toContain('1Người nhận');
    await expect.poll(() => reach.getByTestId('reach-by-group').textContent()).toContain(GROUP);

    await owner.getByRole('tab', { name: 'Tiếp cận' }).click();
    await owner.waitForURL(new RegExp(`/console/units/${unitId}/reach$`));
    const chart = owner.getByTestId('reach-chart');
    await expect.poll(() => chart.getByTestId('reach-summary').textContent()).toContain('1 bài đăng');
    expect(await chart.getByTestId('reach-summary').textContent()).toContain('1 người theo dõi mới');
    await expect.poll(() => chart.locator('.recharts-surface').count()).toBeGreaterThan(0);
    await chart.getByRole('button', { name: 'Xem dạng bảng' }).click();
    await expect.poll(() => chart.getByTestId('reach-table').locator('tbody tr').count()).toBe(30);
  });
});
