import { Anchor, Button, Checkbox, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeeRule } from '../../contracts/knowledge';
import type { Unit } from '../../contracts/units';
import { LinkedText } from '../components/LinkedText';
import { NotUpdated } from '../components/Feedback';
import { Section } from '../components/Section';
import type { ProcedureDetail } from '../procedures';
import { formatIsoDate, formatVnd, splitLinks, telHref } from '../text';

/** "Cần mang theo": documents as checkboxes, printable. */
export function Checklist({ documents }: { documents: string[] }) {
  const { t } = useTranslation();
  const [checked, setChecked] = useState<Set<number>>(() => new Set());
  const toggle = (i: number) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  return (
    <Section title={t('guide.documents')} testId="checklist">
      {documents.length === 0 ? (
        <NotUpdated />
      ) : (
        <Stack gap="sm">
          {documents.map((doc, i) => (
            <Checkbox
              key={i}
              color="red"
              checked={checked.has(i)}
              onChange={() => toggle(i)}
              label={doc}
              wrapperProps={{ 'data-testid': 'checklist-item' }}
              styles={{ label: { whiteSpace: 'pre-line' } }}
            />
          ))}
          <Group data-no-print>
            <Button variant="light" color="red" size="sm" onClick={() => window.print()}>
              {t('guide.print')}
            </Button>
          </Group>
        </Stack>
      )}
    </Section>
  );
}

function FeeRuleRow({ rule }: { rule: FeeRule }) {
  const { t } = useTranslation();
  const validity = [
    rule.validFrom && rule.validFrom > new Date().toISOString().slice(0, 10)
      ? t('guide.validFrom', { date: formatIsoDate(rule.validFrom) })
      : null,
    rule.validTo ? t('guide.validTo', { date: formatIsoDate(rule.validTo) }) : null,
  ].filter(Boolean);
  const channel = rule.channel === 'any' ? null : t(`guide.channel.${rule.channel}`);
  // "Cá nhân — nộp trực tiếp" already names its channel: no "· nộp trực tiếp" after it.
  const showChannel = channel !== null && !rule.label.toLowerCase().includes(channel.toLowerCase());
  return (
    <Stack gap={0} data-testid="fee-rule">
      <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm">
          {rule.label}
          {showChannel && (
            <Text span size="xs" c="dimmed">
              {' '}
              · {channel}
            </Text>
          )}
        </Text>
        <Text fw={700} style={{ whiteSpace: 'nowrap' }}>
          {rule.amountVnd === 0 ? t('guide.free') : formatVnd(rule.amountVnd)}
        </Text>
      </Group>
      {(validity.length > 0 || rule.condition) && (
        <Text size="xs" c="dimmed">
          {[rule.condition, ...validity].filter(Boolean).join(' · ')}
        </Text>
      )}
    </Stack>
  );
}

/** "Lệ phí hôm nay": the rules in force today, with the summary as context. */
export function FeeToday({ entry }: { entry: ProcedureDetail }) {
  const { t } = useTranslation();
  const rules = entry.feeToday?.rules ?? [];
  return (
    <Section title={t('guide.feeToday')} testId="fee">
      <Stack gap="sm">
        {rules.map((r, i) => (
          <FeeRuleRow key={i} rule={r} />
        ))}
        {entry.fee.summary && (
          <LinkedText size="sm" c={rules.length ? 'dimmed' : undefined}>
            {entry.fee.summary}
          </LinkedText>
        )}
        {rules.length === 0 && !entry.fee.summary && <NotUpdated />}
        {entry.feeToday?.date && (
          <Text size="xs" c="dimmed">
            {t('guide.feeOn', { date: formatIsoDate(entry.feeToday.date) })}
          </Text>
        )}
      </Stack>
    </Section>
  );
}

/** A list of strings (links where they contain addresses), or "not updated". */
export function TextList({ items }: { items: string[] }) {
  if (items.length === 0) return <NotUpdated />;
  if (items.length === 1) return <LinkedText size="sm">{items[0] ?? ''}</LinkedText>;
  return (
    <List size="sm" spacing={4}>
      {items.map((s, i) => (
        <List.Item key={i}>
          <LinkedText size="sm">{s}</LinkedText>
        </List.Item>
      ))}
    </List>
  );
}

/** "Làm trực tuyến": channels and the official link(s). */
export function Online({ online }: { online: ProcedureDetail['online'] }) {
  const { t } = useTranslation();
  return (
    <Section title={t('guide.online')} testId="online">
      <Stack gap="xs">
        {!online.available && <Text size="sm">{t('guide.notOnline')}</Text>}
        {online.channels.length > 0 && <TextList items={online.channels} />}
        {online.url && (
          <Button
            component="a"
            href={online.url}
            target="_blank"
            rel="noopener noreferrer"
            variant="light"
            color="blue"
            size="sm"
            style={{ alignSelf: 'flex-start' }}
          >
            {t('guide.openOnline')}
          </Button>
        )}
      </Stack>
    </Section>
  );
}

/** Sources: each one a link when it is a web address. */
export function Sources({ sources }: { sources: string[] }) {
  const { t } = useTranslation();
  if (sources.length === 0) return null;
  return (
    <Section title={t('guide.sources')}>
      <List size="sm" spacing={4}>
        {sources.map((s, i) => {
          const link = splitLinks(s).find((p) => p.href);
          return (
            <List.Item key={i} style={{ overflowWrap: 'anywhere' }}>
              {link?.href && link.text === s.trim() ? (
                <Anchor href={link.href} target="_blank" rel="noopener noreferrer" size="sm">
                  {s}
                </Anchor>
              ) : (
                <LinkedText size="sm" span>
                  {s}
                </LinkedText>
              )}
            </List.Item>
          );
        })}
      </List>
    </Section>
  );
}

/** Where to go at the chosen unit: its address, hours, phone and its own note on this procedure. */
export function UnitWhere({ unit, note }: { unit: Unit; note: string | null | undefined }) {
  const { t } = useTranslation();
  return (
    <Section title={t('guide.atUnit', { unit: unit.displayName })} testId="unit-where">
      <Stack gap={6}>
        {unit.address && <Text size="sm">{t('guide.unitAddress', { address: unit.address })}</Text>}
        {unit.openingHours && <Text size="sm">{t('guide.unitHours', { hours: unit.openingHours })}</Text>}
        {(unit.phone || unit.hotline) && (
          <Text size="sm">
            {t('unit.phone')}:{' '}
            <Anchor href={telHref(unit.phone ?? unit.hotline ?? '')} size="sm">
              {unit.phone ?? unit.hotline}
            </Anchor>
          </Text>
        )}
        {note && (
          <Stack gap={0} data-testid="unit-note">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('guide.unitNote')}
            </Text>
            <LinkedText size="sm">{note}</LinkedText>
          </Stack>
        )}
      </Stack>
    </Section>
  );
}
