import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Conversation } from '../../../contracts/conversations';
import { APP_ICONS, IconText, InlineIcon } from '../../components/icons';
import { dueOf, STATUS_COLORS } from './inboxApi';

/** "20:45 27/11" (no seconds: rows stay short). */
export function shortDateTime(iso: string, language: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const locale = language === 'en' ? 'en-GB' : 'vi-VN';
  return d.toLocaleString(locale, { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit' });
}

/** The current time, refreshed every 30 s (for the overdue highlight). */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function DueTime({ c, now }: { c: Conversation; now: number }) {
  const { t, i18n } = useTranslation();
  const due = dueOf(c);
  if (!due) return null;
  const late = Date.parse(due.at) < now;
  return (
    <Text
      size="xs"
      c={late ? 'red.7' : 'dimmed'}
      fw={late ? 700 : undefined}
      data-testid="due"
      data-late={late || undefined}
    >
      {t(`inbox.due.${due.kind}`, { at: shortDateTime(due.at, i18n.language) })}
      {late ? ` · ${t('inbox.due.late')}` : ''}
    </Text>
  );
}

/** Who holds the conversation ("Chưa giao" when nobody does). */
export function Assignee({ c }: { c: Conversation }) {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed">
      {c.assigneeName ? (
        <IconText icon={APP_ICONS.assignee} size="xs" label={t('inbox.assignee')}>
          {c.assigneeName}
        </IconText>
      ) : (
        t('inbox.unassigned')
      )}
    </Text>
  );
}

/** "Khẩn cấp": an open emergency, in the list and the conversation's header. */
export function UrgentBadge({ size }: { size: 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge
      size={size}
      variant="filled"
      color="red.8"
      leftSection={<InlineIcon icon={APP_ICONS.urgent} size={size === 'sm' ? 'xs' : 'sm'} />}
      data-testid="urgent-badge"
    >
      {t('inbox.urgent')}
    </Badge>
  );
}

export function ConversationRow({
  c,
  href,
  active,
  now,
  onLabel,
}: {
  c: Conversation;
  href: string;
  active: boolean;
  now: number;
  onLabel: (label: string) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Card
      withBorder
      radius="md"
      padding="sm"
      component={Link}
      to={href}
      data-testid="conversation-row"
      data-urgent={c.urgent || undefined}
      aria-current={active ? 'true' : undefined}
      bg={c.urgent ? 'red.1' : active ? 'red.0' : undefined}
      style={
        c.urgent
          ? { borderColor: 'var(--mantine-color-red-8)', borderWidth: 2, borderLeftWidth: 6 }
          : { borderColor: active ? 'var(--mantine-color-red-5)' : undefined }
      }
    >
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text fw={700} size="sm" truncate>
            {c.residentName ?? t('inbox.resident')}
          </Text>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            {c.urgent && <UrgentBadge size="sm" />}
            <Badge size="sm" variant="light" color={STATUS_COLORS[c.status]}>
              {t(`inbox.status.${c.status}`)}
            </Badge>
          </Group>
        </Group>
        <Text size="sm" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {c.lastMessageText || t('inbox.noText')}
        </Text>
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed">
            {c.lastMessageAt ? shortDateTime(c.lastMessageAt, i18n.language) : ''}
          </Text>
          <Assignee c={c} />
        </Group>
        <DueTime c={c} now={now} />
        {c.labels.length > 0 && (
          <Group gap={4}>
            {c.labels.map((l) => (
              <Badge
                key={l}
                size="xs"
                variant="outline"
                color="gray"
                style={{ cursor: 'pointer' }}
                onClick={(e) => {
                  e.preventDefault();
                  onLabel(l);
                }}
              >
                {l}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>
    </Card>
  );
}
