import { VIETNAM_BOUNDS } from '../../contracts/tips';

// Pure helpers of places on a map (kept apart from Leaflet so they load with the forms and are unit-tested).

export interface Point {
  latitude: number;
  longitude: number;
}

/** Whether a point is inside the box the server accepts for places (Vietnam with its islands). */
export function inVietnam({ latitude, longitude }: Point): boolean {
  const b = VIETNAM_BOUNDS;
  return (
    latitude >= b.minLatitude && latitude <= b.maxLatitude && longitude >= b.minLongitude && longitude <= b.maxLongitude
  );
}

/** A point as people read it: latitude, longitude with 5 decimals (~1 m). */
export function pointText({ latitude, longitude }: Point): string {
  return `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`;
}

/** The configured credit as HTML that shows it as typed: Leaflet writes attributions as HTML. */
export function plainAttribution(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}
