import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
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

/** A 640×400 PNG (the sort of screenshot residents are warned about). */
function screenshotPng(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 400, channels: 3, background: { r: 30, g: 90, b: 200 } } })
    .png()
    .toBuffer();
}

// One story, in order: a resident follows CAX Thạch Trung; an officer of the unit drafts a warning
// and submits it; the owner sees who will receive it and publishes it; the resident finds the post in
// the feed with its verification code and the officer's photo, and the code checks out on /xac-minh while a made-up one does not.
describe('announcements in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let officer: Page;
  let owner: Page;
  let resident: Page;
  let unitId = '';
  let ownerSecret = '';
  let postId = '';
  let code = '';
  const PASSWORD = 'mat khau that dai 2026';
  const TITLE = 'Cảnh báo lừa đảo giả danh công an qua điện thoại';
  const BODY =
    'Gần đây có đối tượng gọi điện tự xưng là công an, yêu cầu chuyển tiền để “xác minh”.\nCông an không bao giờ yêu cầu chuyển tiền qua điện thoại.';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    unitId = ((await (await fetch(`${server.baseUrl}/api/v1/public/units/thach-trung`)).json()) as { id: string }).id;
    ownerSecret = createOfficer(server, 'truong.tt', 'owner', 'thach-trung', PASSWORD);
    createOfficer(server, 'canbo.tt', 'officer', 'thach-trung', PASSWORD);
    const desk = { viewport: { width: 1280, height: 800 }, locale: PHONE.locale };
    officer = await (await browser.newContext(desk)).newPage();
    owner = await (await browser.newContext(desk)).newPage();
    resident = await phonePage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const status = (page: Page) => page.getByTestId('post-detail').getByTestId('post-status');

  it('tells a resident how to get news, and lets them follow the unit', async () => {
    await resident.goto(`${server.baseUrl}/tin-tuc`);
    await expect.poll(() => resident.getByTestId('feed-empty').textContent()).toContain('Theo dõi');
    await resident.goto(`${server.baseUrl}/u/thach-trung`);
    await expect.poll(() => resident.getByText('Đơn vị chưa đăng tin nào.').count()).toBe(1);
    await resident.getByRole('button', { name: 'Theo dõi', exact: true }).click();
    const following = resident.getByRole('button', { name: 'Đang theo dõi', exact: true });
    await expect.poll(() => following.getAttribute('aria-pressed')).toBe('true');
  });

  it('lets an officer draft a post and submit it for approval, but not publish it', async () => {
    await signInConsole(officer, server, 'canbo.tt', PASSWORD);
    await officer.getByRole('tab', { name: 'Bài đăng' }).click();
    await officer.waitForURL(new RegExp(`/console/units/${unitId}/posts`));
    await officer.getByTestId('post-new').click();
    const editor = officer.getByTestId('post-editor');
    await editor.getByLabel('Chuyên mục').selectOption('crime_warning');
    await editor.getByLabel('Tiêu đề').fill(TITLE);
    await editor.getByLabel('Nội dung', { exact: true }).fill(BODY);
    // A photo of the scam message, with a preview once uploaded.
    await editor.locator('input[type=file][accept^="image/"]').setInputFiles({
      name: 'tin-nhan-lua-dao.png',
      mimeType: 'image/png',
      buffer: await screenshotPng(),
    });
    await expect.poll(() => editor.getByTestId('post-editor-image').count()).toBe(1);
    await editor.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await officer.waitForURL(/\/posts\/[\w-]+/);
    postId = new URL(officer.url()).pathname.split('/').pop() ?? '';
    await expect.poll(() => status(officer).textContent()).toBe('Bản nháp');

    await officer.getByRole('button', { name: 'Gửi duyệt' }).click();
    await expect.poll(() => status(officer).textContent()).toBe('Chờ duyệt');
    // Approving is the owner's: the officer is not offered it.
    expect(await officer.getByRole('button', { name: 'Duyệt và đăng' }).count()).toBe(0);
    await expect.poll(() => officer.getByTestId('post-history').getByText('Gửi duyệt').count()).toBeGreaterThan(0);
  });

  it('lets the owner see who will receive the post, then publish it with a verification code', async () => {
    await signInConsole(owner, server, 'truong.tt', PASSWORD, ownerSecret);
    await owner.goto(`${server.baseUrl}/console/units/${unitId}/posts?status=submitted`);
    const row = owner.getByTestId('post-row').filter({ hasText: TITLE });
    await row.click();
    await owner.waitForURL(new RegExp(`/posts/${postId}`));
    await owner.getByTestId('post-buttons').getByRole('button', { name: 'Duyệt và đăng' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Duyệt và đăng bài' });
    // The one follower, before anything is sent.
    await expect.poll(() => dialog.getByTestId('recipients-total').textContent()).toBe('1');
    await dialog.getByRole('button', { name: 'Đăng bài' }).click();

    await expect.poll(() => status(owner).textContent()).toBe('Đã đăng');
    code = ((await owner.getByTestId('console-post-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^KN-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
  });

  it('shows the follower the new post on the unit page and, counted unread, in the feed', async () => {
    await resident.goto(`${server.baseUrl}/u/thach-trung`);
    await expect.poll(() => resident.getByTestId('post-card').filter({ hasText: TITLE }).count()).toBe(1);
    // The header counts the post the resident has not opened.
    await expect.poll(() => resident.getByTestId('nav-unread').textContent()).toBe('1');

    await resident
      .getByRole('navigation')
      .getByRole('link', { name: /Tin tức/ })
      .click();
    await resident.waitForURL(/\/tin-tuc$/);
    const card = resident.getByTestId('post-card').filter({ hasText: TITLE });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByTestId('post-category').textContent()).toBe('Cảnh báo tội phạm');
    expect(await card.getAttribute('data-unread')).toBe('true');
    await expect.poll(() => resident.getByTestId('feed-unread').textContent()).toBe('1 tin chưa đọc');
  });

  it('opens the post with its verification code and counts it read', async () => {
    await resident.getByTestId('post-card').filter({ hasText: TITLE }).getByRole('link', { name: TITLE }).click();
    await resident.waitForURL(new RegExp(`/tin-tuc/${postId}$`));
    await expect.poll(() => resident.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
    await expect.poll(() => resident.getByTestId('post-code').textContent()).toBe(code);
    // The body is the officer's plain text.
    await expect
      .poll(() => resident.getByText('Công an không bao giờ yêu cầu chuyển tiền qua điện thoại.').count())
      .toBe(1);
    await expect.poll(() => resident.getByTestId('nav-unread').count()).toBe(0);
    // The officer's photo, as a thumbnail that loaded, linking to the full image.
    const image = resident.getByTestId('post-image');
    await expect.poll(() => image.count()).toBe(1);
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
  });

  it('confirms the post’s code on /xac-minh and warns about a code that is not official', async () => {
    await resident.getByRole('link', { name: 'Kiểm tra mã này' }).click();
    await resident.waitForURL(/\/xac-minh\?code=KN-/);
    const ok = resident.getByTestId('verify-ok');
    await expect.poll(() => ok.textContent()).toContain('Đây là bài đăng chính thức của CAX Thạch Trung');
    expect(await ok.textContent()).toContain(TITLE);

    await resident.getByTestId('verify-input').fill('KN-ZZZZ-ZZ');
    await resident.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    const unknown = resident.getByTestId('verify-unknown');
    await expect.poll(() => unknown.count()).toBe(1);
    expect(await unknown.textContent()).toContain('KHÔNG');
    expect(await unknown.textContent()).toContain('113');
    expect(await resident.getByTestId('verify-ok').count()).toBe(0);
  });
});
