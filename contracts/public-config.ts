import { z } from 'zod';

// Settings of the deployment the web app needs before it draws some pages (issue 11: the map).

/** The map's tiles: an XYZ URL template ({z}, {x}, {y}) and the tile server's credit as plain text. */
export const mapTilesSchema = z.object({
  tileUrl: z.string(),
  attribution: z.string(),
});
export type MapTiles = z.infer<typeof mapTilesSchema>;

export const publicConfigSchema = z.object({
  /** null: no tile server is configured, so the forms show no map. */
  map: mapTilesSchema.nullable(),
});
export type PublicConfig = z.infer<typeof publicConfigSchema>;
