import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficer, launchBrowser, phonePage, signInConsole, startServer, type RunningServer } from './harness.js';

// The console's account gaps, on a phone-sized screen: the 2FA setup offers a link to the
// authenticator app; an owner withdraws a pending invite and sends an officer a password reset link;
// the officer sets a new password through it and signs in with it.
describe('accounts in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let unitId: string;
  const PASSWORD = 'mat khau that dai 2026';
  const NEW_PASSWORD = 'mat khau moi cung dai';
  let ownerSecret = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    unitId = (
      (await (await fetch(`${server.baseUrl}/api/v1/public/units/thach-trung`)).json()) as {
        id: string;
      }
    ).id;
    ownerSecret = createOfficer(server, 'truong.tt', 'owner', 'thach-trung', PASSWORD);
    createOfficer(server, 'canbo.tt', 'officer', 'thach-trung', PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const newPage = () => phonePage(browser);

  const signIn = (page: Page, username: string, password: string, secret?: string) =>
    signInConsole(page, server, username, password, secret);

  it('offers a phone the otpauth link beside the QR code when setting up 2FA', async () => {
    const page = await newPage();
    await page.goto(server.setupUrl);
    const link = page.getByRole('link', { name: 'Thêm vào ứng dụng xác thực' });
    await link.waitFor({ timeout: 10_000 });
    expect(await link.getAttribute('href')).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]+/);
    await expect.poll(() => page.getByAltText('Mã QR để cài đặt ứng dụng xác thực').count()).toBe(1);
  });

  it('tells on the sign-in page whom to ask for a lost password', async () => {
    const page = await newPage();
    await page.goto(`${server.baseUrl}/console/login`);
    await expect.poll(() => page.getByTestId('lost-password').textContent()).toContain('chủ tài khoản của đơn vị mình');
  });

  it('lets an owner withdraw a pending invite after confirming; its link then stops working', async () => {
    const owner = await newPage();
    await signIn(owner, 'truong.tt', PASSWORD, ownerSecret);
    await owner.goto(`${server.baseUrl}/console/units/${unitId}/officers`);
    await owner.getByRole('button', { name: 'Mời cán bộ' }).click();
    await owner.getByLabel('Họ và tên').fill('Người Sẽ Bị Thu Hồi');
    await owner.getByRole('button', { name: 'Tạo lời mời' }).click();
    const inviteUrl = (await owner.getByTestId('invite-url').textContent({ timeout: 10_000 }))?.trim() ?? '';
    const row = owner.getByTestId('pending-invite').filter({ hasText: 'Người Sẽ Bị Thu Hồi' });
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Thu hồi lời mời' });
    await dialog.getByRole('button', { name: 'Thu hồi' }).click();
    await expect.poll(() => owner.getByTestId('pending-invite').count(), { timeout: 10_000 }).toBe(0);

    const invitee = await newPage();
    await invitee.goto(inviteUrl);
    await expect
      .poll(() => invitee.getByText('Lời mời không hợp lệ', { exact: true }).count(), { timeout: 10_000 })
      .toBe(1);
  });

  it('lets an owner send an officer a password reset link that the officer uses to sign in again', async () => {
    const officer = await newPage();
    await signIn(officer, 'canbo.tt', PASSWORD);

    const owner = await newPage();
    await signIn(owner, 'truong.tt', PASSWORD, ownerSecret);
    await owner.goto(`${server.baseUrl}/console/units/${unitId}/officers`);
    const row = owner.getByTestId('officer-row').filter({ hasText: 'canbo.tt' });
    await row.getByRole('button', { name: 'Đặt lại…' }).click();
    await owner.getByRole('menuitem', { name: 'Đặt lại mật khẩu', exact: true }).click();
    const dialog = owner.getByRole('dialog', { name: 'Đặt lại mật khẩu' });
    await dialog.getByRole('button', { name: 'Tạo liên kết' }).click();
    const resetUrl = (await owner.getByTestId('reset-url').textContent({ timeout: 10_000 }))?.trim() ?? '';
    expect(resetUrl).toContain('/console/reset/');

    // The officer's open session ended with the link.
    await officer.reload();
    await officer.waitForURL(/\/console\/login/, { timeout: 10_000 });

    await officer.goto(resetUrl);
    await officer.getByLabel('Mật khẩu mới').fill(NEW_PASSWORD);
    await officer.getByLabel('Nhập lại mật khẩu').fill(NEW_PASSWORD);
    await officer.getByRole('button', { name: 'Lưu' }).click();
    await officer.getByTestId('reset-success').waitFor({ timeout: 10_000 });
    await signIn(officer, 'canbo.tt', NEW_PASSWORD);

    await officer.goto(resetUrl);
    await officer.getByTestId('reset-invalid').waitFor({ timeout: 10_000 });
  });
});
