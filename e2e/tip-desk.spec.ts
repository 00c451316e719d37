import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficer, launchBrowser, PHONE, signInConsole, startServer, type RunningServer } from './harness.js';

interface Receipt {
  receiptCode: string;
  passphrase: string | null;
}

// One story, in order: two residents send tips through the public API, one anonymous and one with
// their name and phone; an officer of the ward opens "Tin báo", acknowledges the anonymous tip and
// writes to its reporter (who reads it by receipt code and passphrase), and finds no way to see who
// sent the identified tip; the owner reveals it with a written reason and sees the phone once.
describe('the tip desk in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let officer: Page;
  let owner: Page;
  let ownerSecret = '';
  let anonymous: Receipt;
  let identified: Receipt;
  const PASSWORD = 'mat khau that dai 2026';
  const ANON_TEXT = 'Có nhóm thanh niên tụ tập đua xe ở đường ven sông mỗi tối sau 23 giờ.';
  const NAMED_TEXT = 'Nghi có điểm mua bán ma túy trong hẻm 12, người lạ ra vào liên tục.';
  const PHONE_NUMBER = '0912 345 678';

  const sendTip = async (body: Record<string, unknown>): Promise<Receipt> => {
    const res = await fetch(`${server.baseUrl}/api/v1/public/units/thach-trung/tips`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.baseUrl },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as Receipt;
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ownerSecret = createOfficer(server, 'truong.tt', 'owner', 'thach-trung', PASSWORD);
    createOfficer(server, 'canbo.tt', 'officer', 'thach-trung', PASSWORD);
    const desk = { viewport: { width: 1280, height: 800 }, locale: PHONE.locale };
    officer = await (await browser.newContext(desk)).newPage();
    owner = await (await browser.newContext(desk)).newPage();
    anonymous = await sendTip({ category: 'public_order', description: ANON_TEXT, anonymous: true });
    identified = await sendTip({
      category: 'drugs',
      description: NAMED_TEXT,
      anonymous: false,
      place: { address: 'Hẻm 12 đường Lê Lợi', latitude: 10.78, longitude: 106.7 },
      contact: { name: 'Nguyễn Văn Bình', phone: PHONE_NUMBER },
    });
    expect(anonymous.passphrase).toBeTruthy();
    expect(identified.passphrase).toBeNull();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const row = (page: Page, code: string) => page.getByTestId('tip-row').filter({ hasText: code });
  const detail = (page: Page) => page.getByTestId('tip-detail');

  it('shows an officer the tips, acknowledges one and writes to its reporter', async () => {
    await signInConsole(officer, server, 'canbo.tt', PASSWORD);
    await officer.getByRole('tab', { name: 'Tin báo' }).click();
    await expect.poll(() => officer.getByTestId('tip-row').count()).toBe(2);
    expect(await row(officer, anonymous.receiptCode).getByTestId('tip-identity').textContent()).toBe('Ẩn danh');
    expect(await row(officer, identified.receiptCode).getByTestId('tip-identity').textContent()).toBe('Có danh tính');

    await row(officer, anonymous.receiptCode).click();
    await expect.poll(() => detail(officer).getByTestId('tip-description').textContent()).toBe(ANON_TEXT);
    expect(await detail(officer).getByTestId('tip-status').textContent()).toBe('Mới tiếp nhận');
    await detail(officer).getByTestId('tip-acknowledge').click();
    await officer.getByTestId('tip-dialog-acknowledge').getByTestId('tip-dialog-confirm').click();
    await expect.poll(() => detail(officer).getByTestId('tip-status').textContent()).toBe('Đã xác nhận');
    // The next steps follow from the new state.
    await expect.poll(() => detail(officer).getByTestId('tip-verify').count()).toBe(1);
    expect(await detail(officer).getByTestId('tip-acknowledge').count()).toBe(0);

    const reply = 'Công an phường đã nhận tin, sẽ tăng cường tuần tra khu vực này. Cảm ơn bạn.';
    await detail(officer).getByTestId('tip-message-input').fill(reply);
    await detail(officer).getByTestId('tip-message-send').click();
    await expect.poll(() => detail(officer).getByTestId('tip-messages').textContent()).toContain(reply);
    expect(await detail(officer).getByTestId('tip-notes').textContent()).toContain(
      'Ghi chú nội bộ — người báo tin không thấy',
    );

    // The anonymous reporter reads the reply by receipt code and passphrase.
    const lookup = await fetch(`${server.baseUrl}/api/v1/public/tips/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.baseUrl },
      body: JSON.stringify({ receiptCode: anonymous.receiptCode, passphrase: anonymous.passphrase }),
    });
    const seen = (await lookup.json()) as { status: string; messages: { author: string; text: string }[] };
    expect(seen.status).toBe('acknowledged');
    expect(seen.messages).toContainEqual(expect.objectContaining({ author: 'officer', text: reply }));
  });

  it('tells an officer that the reporter left their identity, without a way to see it', async () => {
    await row(officer, identified.receiptCode).click();
    await expect.poll(() => detail(officer).getByTestId('tip-description').textContent()).toBe(NAMED_TEXT);
    expect(await detail(officer).getByTestId('tip-identity-card').textContent()).toContain(
      'Người báo tin đã để lại danh tính',
    );
    expect(await detail(officer).getByRole('button', { name: 'Xem danh tính' }).count()).toBe(0);
    expect(await detail(officer).textContent()).not.toContain(PHONE_NUMBER);
  });

  it('lets the owner reveal the identity with a written reason, and lists the reveal', async () => {
    await signInConsole(owner, server, 'truong.tt', PASSWORD, ownerSecret);
    await owner.getByRole('tab', { name: 'Tin báo' }).click();
    await row(owner, identified.receiptCode).click();
    await detail(owner).getByRole('button', { name: 'Xem danh tính' }).click();
    const dialog = owner.getByTestId('tip-reveal-dialog');
    // No reason, no reveal.
    await dialog.getByTestId('tip-dialog-confirm').click();
    await expect.poll(() => dialog.textContent()).toContain('Vui lòng nhập nội dung.');
    const reason = 'Cần liên hệ người báo tin để lấy lời khai, phục vụ xác minh.';
    await dialog.getByTestId('tip-reveal-reason').fill(reason);
    await dialog.getByTestId('tip-dialog-confirm').click();
    await expect.poll(() => dialog.getByTestId('tip-identity-shown').textContent()).toContain(PHONE_NUMBER);
    expect(await dialog.getByTestId('tip-identity-shown').textContent()).toContain('Nguyễn Văn Bình');
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await expect.poll(() => detail(owner).getByTestId('tip-reveals').textContent()).toContain(reason);
    // Shown once: the page keeps no copy of the phone.
    expect(await detail(owner).textContent()).not.toContain(PHONE_NUMBER);
  });
});
