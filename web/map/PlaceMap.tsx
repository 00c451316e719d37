import 'leaflet/dist/leaflet.css';
import { icon, type LatLng, type LeafletMouseEvent, type Marker as LeafletMarker } from 'leaflet';
import iconRetinaUrl from 'leaflet/dist/images/marker-icon-2x.png';
import iconUrl from 'leaflet/dist/images/marker-icon.png';
import shadowUrl from 'leaflet/dist/images/marker-shadow.png';
import { useEffect, useRef } from 'react';
import { AttributionControl, MapContainer, Marker, TileLayer, useMap, useMapEvents } from 'react-leaflet';
import { VIETNAM_BOUNDS } from '../../contracts/tips';
import type { MapTiles } from '../../contracts/public-config';
import { plainAttribution, type Point } from './place';

// The Leaflet map, loaded only when a page shows one (LazyPlaceMap), so the forms stay small.

// Leaflet finds its marker images by a CSS path a bundler breaks; the bundled files instead.
const MARKER = icon({
  iconUrl,
  iconRetinaUrl,
  shadowUrl,
  iconSize: [25, 41],
  iconAnchor: [12, 41],
  shadowSize: [41, 41],
});
const VIETNAM: [[number, number], [number, number]] = [
  [VIETNAM_BOUNDS.minLatitude, VIETNAM_BOUNDS.minLongitude],
  [VIETNAM_BOUNDS.maxLatitude, VIETNAM_BOUNDS.maxLongitude],
];
// Near enough to see the street: where a point shown or picked is looked at.
const STREET_ZOOM = 16;

export interface PlaceMapProps {
  tiles: MapTiles;
  point: Point | null;
  /** Where to look while there is no point (the unit's own place); else all of Vietnam. */
  center?: Point | null | undefined;
  /** Tapping the map or dragging the marker picks a point; without it the map only shows one. */
  onPick?: ((point: Point) => void) | undefined;
  height: number;
}

const toPoint = (p: LatLng): Point => ({ latitude: p.lat, longitude: p.lng });

/** Taps pick a point; a new point from elsewhere (the device's location) brings it into view. */
function Behaviour({ point, onPick }: Pick<PlaceMapProps, 'point' | 'onPick'>) {
  const map = useMap();
  useMapEvents({ click: (e: LeafletMouseEvent) => onPick?.(toPoint(e.latlng)) });
  const lat = point?.latitude;
  const lng = point?.longitude;
  useEffect(() => {
    if (lat === undefined || lng === undefined) return;
    if (map.getZoom() < STREET_ZOOM - 2 || !map.getBounds().contains([lat, lng])) {
      map.setView([lat, lng], Math.max(map.getZoom(), STREET_ZOOM));
    }
  }, [map, lat, lng]);
  return null;
}

/** A map with the place's marker; with `onPick`, the resident taps or drags the marker to choose it. */
export function PlaceMap({ tiles, point, center, onPick, height }: PlaceMapProps) {
  const marker = useRef<LeafletMarker>(null);
  const start = point ?? center;
  const view = start
    ? { center: [start.latitude, start.longitude] as [number, number], zoom: point ? STREET_ZOOM : 14 }
    : { bounds: VIETNAM };
  return (
    <MapContainer
      {...view}
      style={{ height, width: '100%', borderRadius: 8, zIndex: 0 }}
      scrollWheelZoom={false}
      attributionControl={false}
      maxBounds={[
        [VIETNAM_BOUNDS.minLatitude - 4, VIETNAM_BOUNDS.minLongitude - 4],
        [VIETNAM_BOUNDS.maxLatitude + 4, VIETNAM_BOUNDS.maxLongitude + 4],
      ]}
      minZoom={4}
    >
      <TileLayer url={tiles.tileUrl} attribution={plainAttribution(tiles.attribution)} maxZoom={19} />
      <AttributionControl prefix={false} />
      <Behaviour point={point} onPick={onPick} />
      {point && (
        <Marker
          position={[point.latitude, point.longitude]}
          ref={marker}
          icon={MARKER}
          draggable={onPick !== undefined}
          eventHandlers={{
            dragend: () => {
              if (marker.current) onPick?.(toPoint(marker.current.getLatLng()));
            },
          }}
        />
      )}
    </MapContainer>
  );
}
