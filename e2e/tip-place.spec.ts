import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficer, launchBrowser, PHONE, signInConsole, startServer, type RunningServer } from './harness.js';

interface TipSummary {
  id: string;
  receiptCode: string;
}
interface ConsoleTip {
  place: { address: string | null; latitude: number | null; longitude: number | null };
}

// Where a tip happened: the address and the phone's location without a tile server, and a point
// tapped and dragged on the map with one (a tile server of the test's own on 127.0.0.1, so no
// network is used), which the officer then reads in the console.

const PASSWORD = 'mat khau that dai 2026';
const HA_TINH = { latitude: 18.343021, longitude: 105.905714 };
// A 1×1 PNG: every tile the map asks for.
const TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGN48OICAAVEApkXaDIbAAAAAElFTkSuQmCC',
  'base64',
);
const POINT_TEXT = /Vị trí đã chọn: (\d+\.\d{5}), (\d+\.\d{5})\./;

/** A tile server on a free port that answers /tiles/{z}/{x}/{y}.png and remembers the paths asked. */
async function startTileServer(): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (!/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': TILE.length }).end(TILE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tiles/{z}/{x}/{y}.png`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function openForm(page: Page, server: RunningServer) {
  await page.goto(`${server.baseUrl}/bao-tin?don-vi=thach-trung`);
  const form = page.getByTestId('tip-form');
  await form.getByLabel('Đây là việc gì?').selectOption({ label: 'Trộm cắp' });
  await form.getByLabel('Chuyện gì đã xảy ra?').fill('Xe máy bị lấy trộm trước cổng nhà văn hóa thôn.');
  return form;
}

async function sendAndReadCode(page: Page): Promise<string> {
  await page.getByTestId('tip-form').getByRole('button', { name: 'Gửi tin báo' }).click();
  const code = page.getByTestId('tip-receipt-code');
  await expect.poll(() => code.count()).toBe(1);
  return ((await code.textContent()) ?? '').trim();
}

async function consoleTip(officer: Page, server: RunningServer, unitId: string, code: string) {
  const api = `${server.baseUrl}/api/v1/console`;
  const list = (await (await officer.request.get(`${api}/units/${unitId}/tips`)).json()) as { items: TipSummary[] };
  const id = list.items.find((i) => i.receiptCode === code)?.id ?? '';
  const tip = (await (await officer.request.get(`${api}/tips/${id}`)).json()) as ConsoleTip;
  return { id, tip };
}

describe('places of tips in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('without a tile server', () => {
    let server: RunningServer;
    let context: BrowserContext;
    let resident: Page;
    const scripts: string[] = [];

    beforeAll(async () => {
      server = await startServer({ MAP_TILE_URL: '' });
      context = await browser.newContext({ ...PHONE, permissions: ['geolocation'], geolocation: HA_TINH });
      resident = await context.newPage();
      resident.on('request', (r) => scripts.push(r.url()));
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("adds the phone's location in words, removes it, and says why when it cannot be used", async () => {
      const form = await openForm(resident, server);
      await form.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
      await expect
        .poll(() => form.getByTestId('tip-location').textContent())
        .toBe('Vị trí đã chọn: 18.34302, 105.90571.');
      await form.getByRole('button', { name: 'Bỏ vị trí' }).click();
      await expect.poll(() => form.getByTestId('tip-location').count()).toBe(0);

      await context.setGeolocation({ latitude: 48.8566, longitude: 2.3522 });
      await form.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
      await expect
        .poll(() => form.getByTestId('tip-location-problem').textContent())
        .toBe('Vị trí này không ở Việt Nam. Bạn hãy ghi địa chỉ ở trên.');

      await context.clearPermissions();
      await form.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
      await expect
        .poll(() => form.getByTestId('tip-location-problem').textContent())
        .toContain('Bạn chưa cho phép trang này biết vị trí.');
      expect(await form.getByTestId('tip-location').count()).toBe(0);
    });

    it('sends a tip with the address only, and never loads the map', async () => {
      const form = resident.getByTestId('tip-form');
      await form.getByLabel('Ở đâu (địa chỉ hoặc nơi gần đó)').fill('Cổng nhà văn hóa thôn Trung Thành');
      const code = await sendAndReadCode(resident);
      expect(await resident.getByTestId('tip-map').count()).toBe(0);
      expect(scripts.filter((u) => /PlaceMap|leaflet/i.test(u))).toEqual([]);

      const unitId = (
        (await (await fetch(`${server.baseUrl}/api/v1/public/units/thach-trung`)).json()) as { id: string }
      ).id;
      createOfficer(server, 'canbo.khongbando', 'officer', 'thach-trung', PASSWORD);
      const officer = await (await browser.newContext({ locale: PHONE.locale })).newPage();
      await signInConsole(officer, server, 'canbo.khongbando', PASSWORD);
      const { id, tip } = await consoleTip(officer, server, unitId, code);
      expect(tip.place).toEqual({ address: 'Cổng nhà văn hóa thôn Trung Thành', latitude: null, longitude: null });
      await officer.goto(`${server.baseUrl}/console/units/${unitId}/tips/${id}`);
      const place = officer.getByTestId('tip-place');
      await expect.poll(() => place.getByTestId('tip-place-address').textContent()).toBe(tip.place.address);
      expect(await place.getByTestId('tip-place-link').count()).toBe(0);
    });
  });

  describe('with a tile server', () => {
    let tiles: Awaited<ReturnType<typeof startTileServer>>;
    let server: RunningServer;
    let resident: Page;
    const scripts: string[] = [];
    let code = '';
    let picked = { latitude: 0, longitude: 0 };

    beforeAll(async () => {
      tiles = await startTileServer();
      server = await startServer({ MAP_TILE_URL: tiles.url, MAP_TILE_ATTRIBUTION: 'Bản đồ thử <b>nghiệm</b>' });
      resident = await (await browser.newContext(PHONE)).newPage();
      resident.on('request', (r) => scripts.push(r.url()));
    });
    afterAll(async () => {
      await server?.stop();
      await tiles?.close();
    });

    const shownPoint = async (page: Page) => {
      const m = POINT_TEXT.exec((await page.getByTestId('tip-location').textContent()) ?? '');
      return { latitude: Number(m?.[1]), longitude: Number(m?.[2]) };
    };

    it('lets a resident tap a point on the map, drag it, and send it with the tip', async () => {
      const form = await openForm(resident, server);
      const map = form.getByTestId('tip-map');
      // Tiles come from the configured server, which the page's CSP lets images load from.
      await expect.poll(() => map.locator('img.leaflet-tile-loaded').count()).toBeGreaterThan(0);
      // The map's code is a chunk of its own, fetched for the map (the form without a map never asks for it).
      expect(scripts.filter((u) => /\/assets\/PlaceMap-[\w-]+\.js$/.test(u))).toHaveLength(1);
      expect(tiles.requests.length).toBeGreaterThan(0);
      expect(await map.locator('.leaflet-control-attribution').textContent()).toBe('Bản đồ thử <b>nghiệm</b>');

      await map.locator('.leaflet-container').click();
      await expect.poll(() => form.getByTestId('tip-location').textContent()).toMatch(POINT_TEXT);
      const tapped = await shownPoint(resident);
      expect(tapped.latitude).toBeGreaterThan(6);
      expect(tapped.longitude).toBeGreaterThan(102);

      // Dragging the marker to the right moves the point east.
      const marker = map.locator('.leaflet-marker-icon');
      await expect.poll(() => marker.count()).toBe(1);
      const box = await marker.boundingBox();
      if (!box) throw new Error('the marker is not drawn');
      await resident.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await resident.mouse.down();
      await resident.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2, { steps: 5 });
      await resident.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 5 });
      await resident.mouse.up();
      await expect.poll(async () => (await shownPoint(resident)).longitude).toBeGreaterThan(tapped.longitude);
      picked = await shownPoint(resident);

      code = await sendAndReadCode(resident);
      expect(code).toMatch(/^TB-/);
    });

    it('shows the officer the point, a link to open it on a map, and the map', async () => {
      const unitId = (
        (await (await fetch(`${server.baseUrl}/api/v1/public/units/thach-trung`)).json()) as { id: string }
      ).id;
      createOfficer(server, 'canbo.bando', 'officer', 'thach-trung', PASSWORD);
      const officer = await (
        await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: PHONE.locale })
      ).newPage();
      await signInConsole(officer, server, 'canbo.bando', PASSWORD);
      const { id, tip } = await consoleTip(officer, server, unitId, code);
      expect(tip.place).toEqual({ address: null, ...picked });

      await officer.goto(`${server.baseUrl}/console/units/${unitId}/tips/${id}`);
      const place = officer.getByTestId('tip-detail').getByTestId('tip-place');
      const words = `${picked.latitude.toFixed(5)}, ${picked.longitude.toFixed(5)}`;
      await expect.poll(() => place.getByTestId('tip-place-point').textContent()).toBe(`Tọa độ: ${words}`);
      const link = place.getByRole('link', { name: 'Mở trên bản đồ' });
      expect(await link.getAttribute('href')).toContain(`mlat=${picked.latitude}&mlon=${picked.longitude}`);
      expect(await link.getAttribute('rel')).toBe('noreferrer');
      const map = place.getByTestId('tip-place-map');
      await expect.poll(() => map.locator('img.leaflet-tile-loaded').count()).toBeGreaterThan(0);
      expect(await map.locator('.leaflet-marker-icon').count()).toBe(1);
    });
  });
});
