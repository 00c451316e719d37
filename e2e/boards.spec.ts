import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficer, launchBrowser, phonePage, signInConsole, startServer, type RunningServer } from './harness.js';

// One story: the owner sets up a residential group; a resident on a phone joins it, opens its board
// and writes; the owner hides the message from the console with a reason; the resident then sees
// only that it was hidden.
describe('group boards in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: Page;
  let resident: Page;
  let unitId = '';
  let ownerSecret = '';
  const PASSWORD = 'mat khau that dai 2026';
  const GROUP = 'Tổ dân phố Bắc Hà';
  const TEXT = 'Tối nay 19 giờ họp tổ ở nhà văn hoá, mời bà con đến đông đủ.';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    unitId = ((await (await fetch(`${server.baseUrl}/api/v1/public/units/thach-trung`)).json()) as { id: string }).id;
    ownerSecret = createOfficer(server, 'truong.board', 'owner', 'thach-trung', PASSWORD);
    owner = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' })).newPage();
    resident = await phonePage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets a member write on the group board and an officer hide it with a reason', async () => {
    await signInConsole(owner, server, 'truong.board', PASSWORD, ownerSecret);
    await owner.goto(`${server.baseUrl}/console/units/${unitId}/groups`);
    await owner.getByLabel('Tên').fill(GROUP);
    await owner.getByRole('button', { name: 'Thêm', exact: true }).click();
    await expect.poll(() => owner.getByTestId('group-card').filter({ hasText: GROUP }).count()).toBe(1);

    await resident.goto(`${server.baseUrl}/u/thach-trung`);
    await resident.getByRole('button', { name: `Tham gia ${GROUP}` }).click();
    await resident.getByRole('link', { name: `Bảng tin của ${GROUP}` }).click();
    await resident.waitForURL(/\/to-dan-pho\//);
    await resident.getByLabel('Viết tin nhắn cho bà con trong tổ…').fill(TEXT);
    await resident.getByRole('button', { name: 'Gửi', exact: true }).click();
    await expect.poll(() => resident.getByTestId('board-message').filter({ hasText: TEXT }).count()).toBe(1);

    await owner.reload();
    await owner.getByTestId('group-card').filter({ hasText: GROUP }).getByTestId('group-board-button').click();
    const row = owner.getByTestId('board-row').filter({ hasText: TEXT });
    await row.getByRole('button', { name: 'Ẩn', exact: true }).click();
    await row.getByLabel('Lý do ẩn').fill('Thử ẩn tin nhắn');
    await row.getByRole('button', { name: 'Ẩn', exact: true }).last().click();
    await expect.poll(() => row.getByText('Đã ẩn vì: Thử ẩn tin nhắn').count()).toBe(1);

    await resident.reload();
    await expect.poll(() => resident.getByTestId('board-message-hidden').count()).toBe(1);
    expect(await resident.getByText(TEXT).count()).toBe(0);
    expect(await resident.getByText('Tin nhắn đã bị ẩn').count()).toBe(1);
  });
});
