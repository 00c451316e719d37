import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, tileImageSource } from './config.js';

describe('map tile configuration', () => {
  it('has no map unless MAP_TILE_URL is set (empty counts as unset)', () => {
    expect(loadConfig({}).map).toBeNull();
    expect(loadConfig({ MAP_TILE_URL: '', MAP_TILE_ATTRIBUTION: 'x' }).map).toBeNull();
  });

  it("takes a tile URL, its credit, and the tiles' origin for the CSP", () => {
    const config = loadConfig({
      MAP_TILE_URL: 'http://Tiles.Example.vn:8080/osm/{z}/{x}/{y}.png?key=abc',
      MAP_TILE_ATTRIBUTION: '© Bản đồ Hà Tĩnh',
    });
    expect(config.map).toEqual({
      tileUrl: 'http://Tiles.Example.vn:8080/osm/{z}/{x}/{y}.png?key=abc',
      attribution: '© Bản đồ Hà Tĩnh',
      imageSource: 'http://tiles.example.vn:8080',
    });
  });

  it("credits OpenStreetMap's contributors by default on its own tiles only", () => {
    const osm = loadConfig({ MAP_TILE_URL: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' }).map;
    expect(osm?.attribution).toBe('© OpenStreetMap contributors');
    expect(osm?.imageSource).toBe('https://tile.openstreetmap.org');
    expect(loadConfig({ MAP_TILE_URL: 'https://tiles.example/{z}/{x}/{y}.png' }).map?.attribution).toBe('');
  });

  it('refuses tile URLs that are not http(s) templates with {z}, {x} and {y}', () => {
    for (const bad of [
      'tile.openstreetmap.org/{z}/{x}/{y}.png',
      'ftp://tiles.example/{z}/{x}/{y}.png',
      'https://tiles.example/{z}/{x}.png',
      'https://user@tiles.example/{z}/{x}/{y}.png',
      'https://{z}.tiles.example/{x}/{y}.png',
      "https://tiles.example;img-src *'/{z}/{x}/{y}.png",
      'https://tiles.example;img-src/{z}/{x}/{y}.png',
      'https://tiles example/{z}/{x}/{y}.png',
    ]) {
      expect(() => loadConfig({ MAP_TILE_URL: bad }), bad).toThrow(ConfigError);
    }
    expect(() =>
      loadConfig({ MAP_TILE_URL: 'https://t.example/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: 'x'.repeat(301) }),
    ).toThrow(/MAP_TILE_ATTRIBUTION/);
  });

  it('allows every subdomain of a "{s}." template, and nothing wider', () => {
    expect(tileImageSource('https://{s}.tile.example.org/{z}/{x}/{y}{r}.png')).toBe('https://*.tile.example.org');
    expect(tileImageSource('https://tile.example.org:443/{z}/{x}/{-y}.png')).toBe('https://tile.example.org');
  });
});
