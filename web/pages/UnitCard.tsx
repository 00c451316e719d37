import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Unit } from '../../contracts/units';
import { telHref } from '../text';

export function UnitCard({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md" data-testid="unit-card">
      <Stack gap={4}>
        <Anchor component={Link} to={`/u/${unit.slug}`} fw={700} size="lg" c="red.9">
          {unit.displayName}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t(`unit.kind.${unit.kind}`)} · {unit.name}
        </Text>
        {unit.address && <Text size="sm">{unit.address}</Text>}
        {(unit.hotline || unit.phone) && (
          <Group gap="md">
            {unit.hotline && (
              <Anchor href={telHref(unit.hotline)} size="sm">
                {t('unit.hotline')}: {unit.hotline}
              </Anchor>
            )}
            {unit.phone && (
              <Anchor href={telHref(unit.phone)} size="sm">
                {t('unit.phone')}: {unit.phone}
              </Anchor>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}
