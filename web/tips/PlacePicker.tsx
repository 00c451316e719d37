import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APP_ICONS, InlineIcon } from '../components/icons';
import { LazyPlaceMap } from '../map/LazyPlaceMap';
import { inVietnam, pointText, type Point } from '../map/place';
import { usePublicConfig, usePublicUnit } from '../queries';
import { roundedPoint } from './tip-input';

type Problem = 'denied' | 'unavailable' | 'unsupported' | 'outside' | 'outsideMap';

const PROBLEM_TEXT: Record<Problem, string> = {
  denied: 'tips.locationDenied',
  unavailable: 'tips.locationFailed',
  unsupported: 'tips.locationUnsupported',
  outside: 'tips.locationOutside',
  outsideMap: 'tips.mapOutside',
};

/**
 * Where it happened: an address, and optionally a point — the device's location when the resident
 * asks for it, or a tap on the map when the deployment has a tile server.
 */
export function PlacePicker(props: {
  slug: string;
  address: string;
  onAddress: (address: string) => void;
  point: Point | null;
  onPoint: (point: Point | null) => void;
}) {
  const { t } = useTranslation();
  const tiles = usePublicConfig().data?.map ?? null;
  const unit = usePublicUnit(props.slug).data;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  function pick(latitude: number, longitude: number, outside: Problem) {
    const p = roundedPoint(latitude, longitude);
    if (inVietnam(p)) {
      setProblem(null);
      props.onPoint(p);
    } else setProblem(outside);
  }
  function locate() {
    if (!('geolocation' in navigator)) return setProblem('unsupported');
    setBusy(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setBusy(false);
        pick(pos.coords.latitude, pos.coords.longitude, 'outside');
      },
      (err) => {
        setBusy(false);
        setProblem(err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable');
      },
      { enableHighAccuracy: true, timeout: 20_000 },
    );
  }
  const center =
    unit?.latitude != null && unit.longitude != null ? { latitude: unit.latitude, longitude: unit.longitude } : null;

  return (
    <Stack gap="xs">
      <TextInput
        size="md"
        label={t('tips.address')}
        placeholder={t('tips.addressPlaceholder')}
        value={props.address}
        maxLength={300}
        onChange={(e) => props.onAddress(e.currentTarget.value)}
      />
      <Button
        size="md"
        variant="default"
        loading={busy}
        onClick={locate}
        leftSection={<InlineIcon icon={APP_ICONS.location} size="md" />}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('tips.useLocation')}
      </Button>
      {tiles && (
        <>
          <Text size="sm" c="dimmed">
            {t('tips.mapHint')}
          </Text>
          <LazyPlaceMap
            tiles={tiles}
            point={props.point}
            center={center}
            onPick={(p) => pick(p.latitude, p.longitude, 'outsideMap')}
            height={260}
            label={t('tips.mapLabel')}
            testId="tip-map"
          />
        </>
      )}
      {props.point && (
        <Group gap="sm">
          <Text size="sm" data-testid="tip-location">
            {t('tips.pointChosen', { point: pointText(props.point) })}
          </Text>
          <Button size="sm" variant="subtle" color="gray" onClick={() => props.onPoint(null)}>
            {t('tips.clearLocation')}
          </Button>
        </Group>
      )}
      {problem && (
        <Text size="sm" c="orange.8" role="status" data-testid="tip-location-problem">
          {t(PROBLEM_TEXT[problem])}
        </Text>
      )}
    </Stack>
  );
}
