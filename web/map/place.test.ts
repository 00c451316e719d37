import { describe, expect, it } from 'vitest';
import { inVietnam, plainAttribution, pointText } from './place';

describe('places on a map', () => {
  it("accepts points in Vietnam's box, islands included, and nothing past its edges", () => {
    expect(inVietnam({ latitude: 18.34302, longitude: 105.90571 })).toBe(true);
    expect(inVietnam({ latitude: 8.64, longitude: 111.92 })).toBe(true);
    expect(inVietnam({ latitude: 48.8566, longitude: 2.3522 })).toBe(false);
    expect(inVietnam({ latitude: 24.01, longitude: 105 })).toBe(false);
    expect(inVietnam({ latitude: 15, longitude: 101.99 })).toBe(false);
  });

  it('writes a point with five decimals', () => {
    expect(pointText({ latitude: 18.3, longitude: 105.90571 })).toBe('18.30000, 105.90571');
  });

  it('shows a configured credit as text, never as markup', () => {
    expect(plainAttribution('© <a href="x">OSM</a> & co')).toBe('© &lt;a href=&quot;x&quot;&gt;OSM&lt;/a&gt; &amp; co');
  });
});
