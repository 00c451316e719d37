import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConsoleTip } from '../../../contracts/tips';
import { osmHref } from '../../chat/realtime';
import { APP_ICONS, IconText, InlineIcon } from '../../components/icons';
import { LazyPlaceMap } from '../../map/LazyPlaceMap';
import { pointText } from '../../map/place';
import { usePublicConfig } from '../../queries';

/** Where a tip happened: the address, the point with a link to open it on a map, and a small map when tiles are configured. */
export function TipPlace({ place }: { place: ConsoleTip['place'] }) {
  const { t } = useTranslation();
  const tiles = usePublicConfig().data?.map ?? null;
  const { address, latitude, longitude } = place;
  const point = latitude !== null && longitude !== null ? { latitude, longitude } : null;
  if (!address && !point) return null;
  return (
    <Stack gap={6} data-testid="tip-place">
      <Group gap={6} wrap="nowrap" align="flex-start">
        <InlineIcon icon={APP_ICONS.location} label={t('tipDesk.place.label')} style={{ marginTop: 3 }} />
        <Stack gap={0}>
          {address && (
            <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="tip-place-address">
              {address}
            </Text>
          )}
          {point && (
            <Text size="sm" data-testid="tip-place-point">
              {t('tipDesk.place.point', { point: pointText(point) })}
            </Text>
          )}
        </Stack>
      </Group>
      {point && (
        <Anchor
          href={osmHref(point.latitude, point.longitude)}
          target="_blank"
          rel="noreferrer"
          size="sm"
          data-testid="tip-place-link"
        >
          <IconText icon={APP_ICONS.map}>{t('tipDesk.place.openMap')}</IconText>
        </Anchor>
      )}
      {point && tiles && (
        <LazyPlaceMap
          tiles={tiles}
          point={point}
          height={220}
          label={t('tipDesk.place.mapLabel')}
          testId="tip-place-map"
        />
      )}
    </Stack>
  );
}
