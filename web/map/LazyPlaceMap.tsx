import { Box, Text } from '@mantine/core';
import { Component, lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../components/Feedback';
import type { PlaceMapProps } from './PlaceMap';

// Leaflet and its CSS come in their own chunk, fetched only when a map is drawn.
const PlaceMap = lazy(() => import('./PlaceMap').then((m) => ({ default: m.PlaceMap })));

/** Shows `fallback` instead of the map when its code cannot be loaded (offline, an old deploy). */
class MapBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** The place map, loaded on first use; the page around it works (and says so) when it does not load. */
export function LazyPlaceMap(props: PlaceMapProps & { label: string; testId: string }) {
  const { t } = useTranslation();
  const { label, testId, ...map } = props;
  const fallback = (
    <Text size="sm" c="dimmed" role="status">
      {t('app.mapFailed')}
    </Text>
  );
  return (
    <Box role="group" aria-label={label} data-testid={testId} mih={map.height}>
      <MapBoundary fallback={fallback}>
        <Suspense fallback={<Loading />}>
          <PlaceMap {...map} />
        </Suspense>
      </MapBoundary>
    </Box>
  );
}
