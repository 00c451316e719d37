import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/helper.js';

// The built web app, served from a fixture of what `vite build` writes to dist/web.

const INDEX =
  '<!doctype html><html><body><div id="root"></div><script src="/assets/index-3f2a1b.js"></script></body></html>';

describe('serving the web app', () => {
  let env: TestEnv;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ketnoi-web-'));
    fs.mkdirSync(path.join(webRoot, 'assets'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), INDEX);
    fs.writeFileSync(path.join(webRoot, 'assets', 'index-3f2a1b.js'), 'console.log(1);');
    fs.writeFileSync(path.join(webRoot, 'robots.txt'), 'User-agent: *\n');
    fs.writeFileSync(path.join(webRoot, 'sw.js'), "self.addEventListener('push', () => {});\n");
    env = await createTestEnv({ seed: false, webRoot });
  });
  afterAll(async () => {
    await env.close();
    fs.rmSync(webRoot, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) => env.app.inject({ url, headers });

  it('serves the app’s pages with 200 and index.html with no-cache, on every path', async () => {
    for (const url of [
      '/',
      '/index.html',
      '/u/thach-trung',
      '/u/thach-trung/',
      '/thu-tuc',
      '/thu-tuc/dang-ky-tam-tru?unit=thach-trung',
      '/console',
      '/console/login',
      '/console/invite/abcDEF_123-xyz',
      '/console/units/01a2/inbox',
      '/console/units/01a2/inbox/01b3',
      '/console/kb/dang-ky-tam-tru',
      '/console/anything/else',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body).toBe(INDEX);
    }
  });

  it('answers paths the app has no page for with 404, still with the app (its not-found page)', async () => {
    for (const url of ['/nothing', '/u', '/u/thach-trung/extra', '/thu-tuc/a/b', '/thu-tucx', '/uu/x']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toBe(INDEX);
    }
  });

  it('keeps the 404 when the browser revalidates its copy of the page', async () => {
    const etag = (await get('/')).headers.etag;
    expect(etag).toBeDefined();
    const res = await get('/nothing', { 'if-none-match': String(etag) });
    expect([res.statusCode, res.body]).toEqual([404, INDEX]);
    expect((await get('/', { 'if-none-match': String(etag) })).statusCode).toBe(304);
  });

  it('answers a missing file (under /assets/ or with an extension) with a 404 problem, never the page', async () => {
    for (const url of ['/assets/index-old999.js', '/assets/', '/assets/x', '/favicon.ico', '/u/thach-trung/logo.png']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
  });

  it('caches hashed assets for good and other files for an hour', async () => {
    const js = await get('/assets/index-3f2a1b.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const robots = await get('/robots.txt');
    expect(robots.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('serves the service worker at /sw.js revalidated on every load, so an upgrade reaches browsers at once', async () => {
    const sw = await get('/sw.js');
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['content-type']).toContain('javascript');
    expect(sw.headers['cache-control']).toBe('no-cache');
  });

  it('answers API paths and writes with a 404 problem, not the page', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nothing'],
      ['GET', '/webhooks/nothing'],
      ['POST', '/u/thach-trung'],
    ] as const) {
      const res = await env.app.inject({ method, url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
  });
});
