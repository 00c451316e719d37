import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ketnoi,
  launchBrowser,
  phonePage,
  signInConsole,
  startServer,
  totpNow,
  type RunningServer,
} from './harness.js';

// One story, in order: a resident sees the accounts; the first admin sets up the installation;
// an owner enrols with TOTP and invites an officer; an officer of another unit is kept out.
describe('foundation in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const secrets: Record<string, string> = {};
  const PASSWORD = 'mat khau that dai 2026';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const newPage = () => phonePage(browser);

  async function acceptInvite(page: Page, url: string, username: string): Promise<void> {
    await page.goto(url);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu').fill(PASSWORD);
    const secret = page.getByTestId('totp-secret');
    if (await secret.count()) {
      secrets[username] = ((await secret.textContent()) ?? '').replace(/\s/g, '');
      await page.getByLabel('Mã xác thực (6 số)').fill(await totpNow(secrets[username]));
    }
    await page.getByRole('button', { name: 'Hoàn tất đăng ký' }).click();
    await page.getByTestId('invite-success').waitFor();
  }

  const signIn = (page: Page, username: string) => signInConsole(page, server, username, PASSWORD, secrets[username]);

  it('shows residents the 15 ward and commune police accounts', async () => {
    const page = await newPage();
    await page.goto(server.baseUrl);
    await expect.poll(() => page.getByTestId('unit-card').count()).toBe(15);
    await expect.poll(() => page.getByText('CAP Hà Huy Tập').count()).toBeGreaterThan(0);
    await page.getByTestId('unit-card').filter({ hasText: 'CAX Thạch Trung' }).getByRole('link').first().click();
    await page.waitForURL(/\/u\/thach-trung/);
    await expect.poll(() => page.getByRole('heading', { name: 'CAX Thạch Trung' }).count()).toBe(1);
    await expect.poll(() => page.getByText('Xóm Đức Phú').count()).toBeGreaterThan(0);
  });

  it('creates the first admin from the setup link printed at start', async () => {
    const page = await newPage();
    await acceptInvite(page, server.setupUrl, 'quantri');
    expect(secrets.quantri).toMatch(/^[A-Z2-7]{16,}$/);
  });

  it('lets the owner sign in with TOTP and invite an officer who then signs in', async () => {
    const thachTrung = (await (await fetch(`${server.baseUrl}/api/v1/public/units/thach-trung`)).json()) as {
      id: string;
    };
    const admin = await newPage();
    await signIn(admin, 'quantri');
    await admin.goto(`${server.baseUrl}/console/units/${thachTrung.id}/officers`);
    await admin.getByRole('button', { name: 'Mời cán bộ' }).click();
    await admin.getByLabel('Họ và tên').fill('Trần Văn Trưởng');
    await admin.getByLabel('Vai trò').selectOption('owner');
    await admin.getByRole('button', { name: 'Tạo lời mời' }).click();
    const ownerInvite = (await admin.getByTestId('invite-url').textContent())?.trim() ?? '';
    expect(ownerInvite).toContain('/console/invite/');

    const owner = await newPage();
    await acceptInvite(owner, ownerInvite, 'truong.thachtrung');
    await signIn(owner, 'truong.thachtrung');
    await owner.goto(`${server.baseUrl}/console/units/${thachTrung.id}/officers`);
    await owner.getByRole('button', { name: 'Mời cán bộ' }).click();
    await owner.getByLabel('Họ và tên').fill('Lê Thị Cán Bộ');
    await owner.getByRole('button', { name: 'Tạo lời mời' }).click();
    const officerInvite = (await owner.getByTestId('invite-url').textContent())?.trim() ?? '';

    const officer = await newPage();
    await acceptInvite(officer, officerInvite, 'canbo.thachtrung');
    await signIn(officer, 'canbo.thachtrung');
    await owner.reload();
    await expect.poll(() => owner.getByText('canbo.thachtrung').count()).toBeGreaterThan(0);

    // The audit log reads as words: action names and the names of officers and units, not keys and ids.
    await owner.getByRole('tab', { name: 'Nhật ký' }).click();
    const audit = owner.getByTestId('audit-table');
    await expect.poll(() => audit.getByText('Tạo lời mời').count()).toBeGreaterThan(0);
    await expect.poll(() => audit.getByText('Nhận lời mời').count()).toBeGreaterThan(0);
    await expect.poll(() => audit.getByText('Lê Thị Cán Bộ').count()).toBeGreaterThan(0);
    await expect.poll(() => audit.getByText('CAX Thạch Trung').count()).toBeGreaterThan(0);
    expect(await audit.getByText('invite.create').count()).toBe(0);

    // An officer may not read the audit log, so the console does not offer its tab.
    await expect.poll(() => officer.getByRole('tab', { name: 'Hộp thư' }).count()).toBe(1);
    expect(await officer.getByRole('tab', { name: 'Nhật ký' }).count()).toBe(0);
  });

  it('keeps an officer of another unit out of that unit’s pages', async () => {
    ketnoi(
      server,
      ['admin', 'create', '--username', 'canbo.dainai', '--role', 'officer', '--unit', 'dai-nai', '--password-stdin'],
      PASSWORD,
    );
    const thachTrung = (await (await fetch(`${server.baseUrl}/api/v1/public/units/thach-trung`)).json()) as {
      id: string;
    };
    const page = await newPage();
    await signIn(page, 'canbo.dainai');
    for (const tab of ['', '/officers', '/audit']) {
      await page.goto(`${server.baseUrl}/console/units/${thachTrung.id}${tab}`);
      await expect.poll(() => page.getByTestId('forbidden').count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByText('Trần Văn Trưởng').count()).toBe(0);
    }
  });
});
