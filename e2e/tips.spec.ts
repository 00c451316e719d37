import type { Browser, Locator, Page } from 'playwright-core';
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

interface TipSummary {
  id: string;
  receiptCode: string;
  anonymous: boolean;
}
interface ConsoleTip {
  attachments: { name: string; kind: string }[];
  messages: { author: 'resident' | 'officer'; text: string; attachments: { name: string }[] }[];
}

/** A 800×600 photo as a phone takes it (JPEG). */
function photoJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 120, g: 60, b: 20 } } })
    .jpeg()
    .toBuffer();
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** An image's natural width once it has loaded (0 while it has not, or when it failed). */
const loadedWidth = (img: Locator) => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0));

// One story, in order: a resident on a phone sends an anonymous tip with a photo from the unit page
// and reads the receipt; an officer opens it on the tip desk, sees the photo and answers; the
// resident opens the tip by code and passphrase, reads the answer, sees the photo and replies with a
// file; the officer sees the reply and its file.
describe('tips in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let officer: Page;
  let resident: Page;
  let unitId = '';
  let code = '';
  let passphrase = '';
  let tipId = '';
  const PASSWORD = 'mat khau that dai 2026';
  const STORY = 'Tối nào cũng có nhóm thanh niên tụ tập đánh bạc ở quán nước cuối ngõ 12.';
  const ANSWER = 'Công an xã đã nhận tin và sẽ kiểm tra trong tuần này. Cảm ơn bác.';
  const REPLY = 'Họ thường đến sau 21 giờ, đi xe máy biển số 38.';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    unitId = ((await (await fetch(`${server.baseUrl}/api/v1/public/units/thach-trung`)).json()) as { id: string }).id;
    createOfficer(server, 'canbo.tt', 'officer', 'thach-trung', PASSWORD);
    officer = await (
      await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: PHONE.locale })
    ).newPage();
    resident = await phonePage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const consoleApi = (path: string) => `${server.baseUrl}/api/v1/console${path}`;

  it('lets a resident send an anonymous tip from the unit page and shows the receipt once', async () => {
    await resident.goto(`${server.baseUrl}/u/thach-trung`);
    await resident.getByTestId('tip-link').click();
    await resident.waitForURL(/\/bao-tin\?don-vi=thach-trung$/);
    await expect.poll(() => resident.getByTestId('tip-unit').textContent()).toBe('CAX Thạch Trung');
    expect(await resident.getByTestId('tip-emergency').textContent()).toContain(
      'Nếu việc đang xảy ra và nguy hiểm, gọi ngay 113.',
    );
    expect(await resident.getByRole('link', { name: 'Gọi 113' }).getAttribute('href')).toBe('tel:113');

    const form = resident.getByTestId('tip-form');
    // Anonymous unless the resident chooses otherwise, and the form says what that means.
    expect(await form.getByRole('radio', { name: 'Gửi ẩn danh (không để lại tên)' }).isChecked()).toBe(true);
    expect(await form.getByTestId('tip-anonymous-note').textContent()).toBe(
      'Khi gửi ẩn danh, hệ thống không lưu tên, số điện thoại, địa chỉ IP hay thông tin trình duyệt của bạn.',
    );
    // Nothing chosen or written: the form says what is missing and sends nothing.
    await form.getByRole('button', { name: 'Gửi tin báo' }).click();
    await expect.poll(() => form.getByText('Hãy chọn loại việc.').count()).toBe(1);
    expect(await form.getByText('Hãy kể việc đã xảy ra.').count()).toBe(1);

    await form.getByLabel('Đây là việc gì?').selectOption({ label: 'Cờ bạc, cá độ' });
    await form.getByLabel('Chuyện gì đã xảy ra?').fill(STORY);
    await expect.poll(() => form.getByText(`${STORY.length} / 5000 ký tự`).count()).toBe(1);
    await form.getByLabel('Ở đâu (địa chỉ hoặc nơi gần đó)').fill('Quán nước cuối ngõ 12, thôn Trung Thành');

    // A file that only claims to be a photo is refused with a reason naming it; removed, it is gone.
    const picker = form.locator('input[type=file]');
    await picker.setInputFiles({ name: 'anh-gia.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<html>hi</html>') });
    const files = form.getByTestId('tip-file');
    await expect
      .poll(() => files.getByTestId('tip-file-error').textContent())
      .toBe('Không gửi được “anh-gia.jpg”: nội dung tệp không đúng với tên tệp.');
    await files.getByRole('button', { name: 'Bỏ tệp anh-gia.jpg' }).click();
    await expect.poll(() => files.count()).toBe(0);
    // A real photo: previewed at once, uploaded before the tip is sent.
    await picker.setInputFiles({ name: 'quan-nuoc.jpg', mimeType: 'image/jpeg', buffer: await photoJpeg() });
    await expect.poll(() => files.getAttribute('data-status')).toBe('done');
    await expect.poll(() => loadedWidth(files.getByTestId('tip-file-preview'))).toBe(800);
    expect(await files.textContent()).toContain('Đã tải lên');
    await form.getByRole('button', { name: 'Gửi tin báo' }).click();

    const receipt = resident.getByTestId('tip-receipt');
    await expect.poll(() => receipt.count()).toBe(1);
    code = ((await receipt.getByTestId('tip-receipt-code').textContent()) ?? '').trim();
    passphrase = ((await receipt.getByTestId('tip-receipt-passphrase').textContent()) ?? '').trim();
    expect(code).toMatch(/^TB-[2-9A-HJKMNP-TV-Z]{8}$/);
    expect(passphrase.split(' ').length).toBeGreaterThanOrEqual(4);
    expect(await receipt.textContent()).toContain('Cụm từ chỉ hiện một lần này');
    // Neither the address nor the device's storage holds the passphrase.
    expect(resident.url()).not.toContain(encodeURIComponent(passphrase.split(' ')[0] ?? ''));
    const stored = await resident.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    );
    expect(stored).not.toContain(passphrase);
    // Printed, only the receipt: no header, no buttons.
    await resident.emulateMedia({ media: 'print' });
    expect(await resident.getByRole('button', { name: 'In biên nhận' }).isVisible()).toBe(false);
    expect(await resident.locator('header').isVisible()).toBe(false);
    expect(await receipt.getByTestId('tip-receipt-code').isVisible()).toBe(true);
    await resident.emulateMedia({ media: 'screen' });
  });

  it('shows an officer the tip and its photo on the tip desk, without the reporter, and sends the answer', async () => {
    await signInConsole(officer, server, 'canbo.tt', PASSWORD);
    const list = await officer.request.get(consoleApi(`/units/${unitId}/tips`));
    expect(list.status()).toBe(200);
    const items = ((await list.json()) as { items: TipSummary[] }).items;
    const tip = items.find((i) => i.receiptCode === code);
    expect(tip?.anonymous).toBe(true);
    tipId = tip?.id ?? '';

    await officer.getByRole('tab', { name: 'Tin báo' }).click();
    await officer.getByTestId('tip-row').filter({ hasText: code }).click();
    const detail = officer.getByTestId('tip-detail');
    await expect.poll(() => detail.getByTestId('tip-description').textContent()).toBe(STORY);
    // The photo's thumbnail (320 px wide) loads, and links to the full image.
    const photo = detail.getByTestId('tip-photo');
    await expect.poll(() => loadedWidth(photo)).toBe(320);
    const full = await detail.getByRole('link', { name: 'Mở ảnh quan-nuoc.jpg cỡ lớn' }).getAttribute('href');
    const original = await officer.request.get(`${server.baseUrl}${full ?? ''}`);
    expect(original.status()).toBe(200);
    expect(original.headers()['content-type']).toBe('image/jpeg');
    expect((await sharp(await original.body()).metadata()).width).toBe(800);

    await detail.getByTestId('tip-message-input').fill(ANSWER);
    await detail.getByTestId('tip-message-send').click();
    await expect.poll(() => detail.getByTestId('tip-messages').textContent()).toContain(ANSWER);
  });

  it('tells a wrong passphrase apart from nothing, then opens the tip with the right one', async () => {
    await resident.getByRole('link', { name: 'Theo dõi tin báo' }).first().click();
    await resident.waitForURL(/\/bao-tin\/theo-doi$/);
    const lookup = resident.getByTestId('tip-lookup');
    // Typed the way people type: lower case, spaces for the dash.
    await lookup.getByLabel('Mã tin báo').fill(code.toLowerCase().replace('-', ' '));
    await lookup.getByLabel('Cụm từ bí mật').fill('sai hoàn toàn rồi nhé');
    await lookup.getByRole('button', { name: 'Xem tin báo' }).click();
    await expect
      .poll(() => resident.getByTestId('tip-not-found').textContent())
      .toBe('Không tìm thấy tin báo với mã và cụm từ này.');

    await lookup.getByLabel('Cụm từ bí mật').fill(passphrase.toUpperCase());
    await lookup.getByRole('button', { name: 'Xem tin báo' }).click();
    const view = resident.getByTestId('tip-view');
    await expect.poll(() => view.getByTestId('tip-view-code').textContent()).toBe(code);
    expect(await view.getByTestId('tip-status').textContent()).toBe('Đã nhận, đang chờ cán bộ xem');
    const answer = view.getByTestId('tip-message').filter({ hasText: ANSWER });
    await expect.poll(() => answer.count()).toBe(1);
    expect(await answer.getAttribute('data-author')).toBe('officer');
    expect(resident.url()).toBe(`${server.baseUrl}/bao-tin/theo-doi`);

    // The resident's photo, fetched with the code and passphrase and shown from the page's memory.
    const photo = view.getByTestId('tip-photo');
    await expect.poll(() => loadedWidth(photo)).toBe(320);
    expect(await photo.getAttribute('src')).toMatch(/^blob:/);
    await view.getByRole('button', { name: 'Xem ảnh quan-nuoc.jpg cỡ lớn' }).click();
    const large = resident.getByTestId('tip-photo-full');
    await expect.poll(() => loadedWidth(large)).toBe(800);
    await resident.getByRole('button', { name: 'Đóng', exact: true }).click();
    await expect.poll(() => large.count()).toBe(0);
  });

  it('sends the resident’s reply to the officer', async () => {
    const view = resident.getByTestId('tip-view');
    await view.getByLabel('Bổ sung thông tin hoặc trả lời công an').fill(REPLY);
    await view
      .locator('input[type=file]')
      .setInputFiles({ name: 'bien-so.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => view.getByTestId('tip-file').getAttribute('data-status')).toBe('done');
    await view.getByRole('button', { name: 'Gửi', exact: true }).click();
    const sent = view.getByTestId('tip-message').filter({ hasText: REPLY });
    await expect.poll(() => sent.count()).toBe(1);
    expect(await view.getByText('Đã gửi.').count()).toBe(1);
    // The reply shows its file; the picker is empty again.
    expect(await sent.getByTestId('tip-file-download').textContent()).toMatch(/^bien-so\.pdf \(\d+ KB\)$/);
    expect(await view.getByTestId('tip-file').count()).toBe(0);

    const tip = (await (await officer.request.get(consoleApi(`/tips/${tipId}`))).json()) as ConsoleTip;
    expect(tip.attachments.map((a) => [a.name, a.kind])).toEqual([['quan-nuoc.jpg', 'image']]);
    expect(tip.messages.map((m) => [m.author, m.text, m.attachments.map((a) => a.name)])).toEqual([
      ['officer', ANSWER, []],
      ['resident', REPLY, ['bien-so.pdf']],
    ]);
    // On the tip desk the reply's file is a download link.
    await officer.reload();
    await expect
      .poll(() => officer.getByTestId('tip-messages').getByTestId('tip-file-link').textContent())
      .toMatch(/^bien-so\.pdf/);
  });
  it('lists an identified resident’s own tip under “Tin báo của tôi”, opened without a passphrase', async () => {
    await resident.goto(`${server.baseUrl}/bao-tin`);
    await resident.getByTestId('tip-unit-chooser').getByRole('button', { name: 'CAX Thạch Trung' }).click();
    await resident.waitForURL(/\/bao-tin\?don-vi=thach-trung$/);
    const form = resident.getByTestId('tip-form');
    await form.getByLabel('Đây là việc gì?').selectOption({ label: 'Gây mất trật tự (ồn ào, đua xe, tụ tập)' });
    await form.getByLabel('Chuyện gì đã xảy ra?').fill('Đua xe trên đường liên thôn mỗi tối thứ Bảy.');
    await form.getByRole('radio', { name: 'Để lại tên và số điện thoại' }).check();
    await form.getByLabel('Họ và tên', { exact: true }).fill('Nguyễn Văn An');
    await form.getByLabel('Số điện thoại', { exact: true }).fill('0912 345 678');
    await form.getByRole('button', { name: 'Gửi tin báo' }).click();
    const receipt = resident.getByTestId('tip-receipt');
    await expect.poll(() => receipt.count()).toBe(1);
    const own = ((await receipt.getByTestId('tip-receipt-code').textContent()) ?? '').trim();
    // An identified tip has no passphrase to show.
    expect(await receipt.getByTestId('tip-receipt-passphrase').count()).toBe(0);

    await receipt.getByRole('link', { name: 'Theo dõi tin báo' }).click();
    const mine = resident.getByTestId('my-tips');
    await expect.poll(() => mine.textContent()).toContain(own);
    // The anonymous tip is not the resident's by any link.
    expect(await mine.textContent()).not.toContain(code);
    await mine.getByRole('button', { name: 'Xem' }).click();
    await expect.poll(() => resident.getByTestId('tip-view-code').textContent()).toBe(own);
  });

  it('stops guessing at a code after a few tries with one neutral message', async () => {
    await resident.getByRole('button', { name: 'Xong, đóng tin báo này' }).click();
    const lookup = resident.getByTestId('tip-lookup');
    await lookup.getByLabel('Mã tin báo').fill('TB-ZZZZZZZZ');
    await lookup.getByLabel('Cụm từ bí mật').fill('đoán bừa một cụm từ');
    for (let i = 0; i < 5; i++) {
      await lookup.getByRole('button', { name: 'Xem tin báo' }).click();
      await expect.poll(() => resident.getByTestId('tip-not-found').count()).toBe(1);
      // Wait for this answer before asking again.
      await expect
        .poll(() => lookup.getByRole('button', { name: 'Xem tin báo' }).getAttribute('data-loading'))
        .toBeNull();
    }
    await lookup.getByRole('button', { name: 'Xem tin báo' }).click();
    await expect
      .poll(() => resident.getByTestId('tip-too-many').textContent())
      .toBe('Bạn thử quá nhiều lần, vui lòng đợi một lúc rồi thử lại.');
  });
});
