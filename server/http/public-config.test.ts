import { afterEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/helper.js';

function imgSrc(csp: string | string[] | undefined): string[] {
  const directive = String(csp)
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('img-src '));
  return directive?.split(/\s+/).slice(1) ?? [];
}

describe('public config and the map tiles in the CSP', () => {
  let env: TestEnv | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  it('says there is no map, and lets no extra image origin in, without MAP_TILE_URL', async () => {
    env = await createTestEnv({ seed: false });
    const res = await env.app.inject({ url: '/api/v1/public/config' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ map: null });
    expect(imgSrc(res.headers['content-security-policy'])).toEqual(["'self'", 'data:', 'blob:', 'https:']);
  });

  it("gives the tile URL and credit, and allows the tiles' origin for images on every page", async () => {
    env = await createTestEnv({
      seed: false,
      env: { MAP_TILE_URL: 'http://tiles.internal:8080/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: 'Bản đồ <b>nội bộ</b>' },
    });
    const res = await env.app.inject({ url: '/api/v1/public/config' });
    expect(res.json()).toEqual({
      map: { tileUrl: 'http://tiles.internal:8080/{z}/{x}/{y}.png', attribution: 'Bản đồ <b>nội bộ</b>' },
    });
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    for (const url of ['/api/v1/public/config', '/healthz']) {
      const headers = (await env.app.inject({ url })).headers;
      expect(imgSrc(headers['content-security-policy']), url).toContain('http://tiles.internal:8080');
      // The tile server learns no page address of the app.
      expect(headers['referrer-policy'], url).toBe('no-referrer');
      // Only images: scripts and connections stay on the app's own origin.
      expect(String(headers['content-security-policy'])).not.toMatch(/(script|connect|default)-src[^;]*tiles/);
    }
  });

  it('is in the OpenAPI document', async () => {
    env = await createTestEnv({ seed: false });
    const doc = (await env.app.inject({ url: '/api/docs/json' })).json<{ paths: Record<string, unknown> }>();
    expect(doc.paths).toHaveProperty(['/api/v1/public/config']);
  });
});
