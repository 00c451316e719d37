import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Image,
  Modal,
  NativeSelect,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import {
  IconEye,
  IconEyeOff,
  IconFlag,
  IconMessages,
  IconMicrophoneOff,
  IconPin,
  IconPinnedOff,
  IconSend,
} from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_BOARD_TEXT,
  MAX_MODERATION_REASON,
  MUTE_DURATIONS,
  type ConsoleBoardMessage,
} from '../../../contracts/board';
import type { Group as ResidentGroup } from '../../broadcasts/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { formatMinute } from '../../text';
import { usePostList } from '../posts/postsApi';
import {
  useBoardAction,
  useConsoleBoard,
  useMutes,
  useReportCounts,
  useReports,
  type BoardAction,
} from './boardConsoleApi';

type Act = (a: BoardAction, after?: () => void) => void;

/** A reason asked for before an action (hiding, muting): typed in place, then confirmed. */
function ReasonForm({
  label,
  confirm,
  onSubmit,
  children,
}: {
  label: string;
  confirm: string;
  onSubmit: (reason: string) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim()) onSubmit(reason.trim());
  }
  return (
    <Stack gap="xs" component="form" onSubmit={submit}>
      {children}
      <TextInput
        label={label}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        maxLength={MAX_MODERATION_REASON}
        required
      />
      <Group justify="flex-end">
        <Button type="submit" color="red" disabled={!reason.trim()}>
          {confirm}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('board.console.audited')}
      </Text>
    </Stack>
  );
}

function MuteForm({ residentId, act }: { residentId: string; act: Act }) {
  const { t } = useTranslation();
  const [duration, setDuration] = useState<string>('24h');
  const [until, setUntil] = useState('');
  const choice = [
    ...MUTE_DURATIONS.map((d) => ({ value: d, label: t(`board.console.durations.${d}`) })),
    { value: 'until', label: t('board.console.durations.until') },
  ];
  return (
    <ReasonForm
      label={t('board.console.muteReason')}
      confirm={t('board.console.mute')}
      onSubmit={(reason) =>
        act(
          duration === 'until'
            ? { kind: 'mute', residentId, until: new Date(until).toISOString(), reason }
            : { kind: 'mute', residentId, duration, reason },
        )
      }
    >
      <NativeSelect
        label={t('board.console.muteFor')}
        value={duration}
        onChange={(e) => setDuration(e.currentTarget.value)}
        data={choice}
      />
      {duration === 'until' && (
        <TextInput
          type="datetime-local"
          label={t('board.console.muteUntil')}
          value={until}
          onChange={(e) => setUntil(e.currentTarget.value)}
          required
        />
      )}
    </ReasonForm>
  );
}

function MessageRow({ message, act, canModerate }: { message: ConsoleBoardMessage; act: Act; canModerate: boolean }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<'hide' | 'mute' | null>(null);
  const isUnit = message.author.kind === 'unit';
  return (
    <Card withBorder radius="md" bg={message.hidden ? 'gray.1' : isUnit ? 'red.0' : undefined} data-testid="board-row">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <Group gap={6}>
            <Text fw={700}>{message.author.name ?? t('board.resident')}</Text>
            {message.pinned && (
              <Badge leftSection={<IconPin size={12} />} variant="light">
                {t('board.pinned')}
              </Badge>
            )}
            {message.hidden && (
              <Badge color="gray" leftSection={<IconEyeOff size={12} />}>
                {t('board.console.hiddenBadge')}
              </Badge>
            )}
            {message.openReports > 0 && (
              <Badge color="orange" leftSection={<IconFlag size={12} />}>
                {t('board.console.reports', { count: message.openReports })}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {formatMinute(message.createdAt, i18n.language)}
          </Text>
        </Group>
        {message.text && <Text style={{ whiteSpace: 'pre-wrap' }}>{message.text}</Text>}
        {message.photo && (
          <Anchor href={message.photo.url} target="_blank" rel="noopener">
            <Image src={message.photo.thumbnailUrl} alt={t('board.photo')} maw={240} radius="sm" />
          </Anchor>
        )}
        {message.hidden && message.hideReason && (
          <Text size="sm" c="dimmed">
            {t('board.console.hiddenBecause', { reason: message.hideReason })}
          </Text>
        )}
        {canModerate && (
          <Group gap="xs">
            {message.hidden ? (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconEye size={16} />}
                onClick={() => act({ kind: 'unhide', messageId: message.id })}
              >
                {t('board.console.unhide')}
              </Button>
            ) : (
              <Button
                size="xs"
                variant="default"
                color="red"
                leftSection={<IconEyeOff size={16} />}
                onClick={() => setOpen(open === 'hide' ? null : 'hide')}
              >
                {t('board.console.hide')}
              </Button>
            )}
            {isUnit && !message.hidden && (
              <Button
                size="xs"
                variant="default"
                leftSection={message.pinned ? <IconPinnedOff size={16} /> : <IconPin size={16} />}
                onClick={() => act({ kind: message.pinned ? 'unpin' : 'pin', messageId: message.id })}
              >
                {message.pinned ? t('board.console.unpin') : t('board.console.pin')}
              </Button>
            )}
            {message.authorResidentId && (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconMicrophoneOff size={16} />}
                onClick={() => setOpen(open === 'mute' ? null : 'mute')}
              >
                {t('board.console.mute')}
              </Button>
            )}
          </Group>
        )}
        {open === 'hide' && (
          <ReasonForm
            label={t('board.console.hideReason')}
            confirm={t('board.console.hide')}
            onSubmit={(reason) => act({ kind: 'hide', messageId: message.id, reason }, () => setOpen(null))}
          />
        )}
        {open === 'mute' && message.authorResidentId && (
          <MuteForm residentId={message.authorResidentId} act={(a) => act(a, () => setOpen(null))} />
        )}
      </Stack>
    </Card>
  );
}

function Messages({ group, act, canModerate }: { group: ResidentGroup; act: Act; canModerate: boolean }) {
  const { t } = useTranslation();
  const board = useConsoleBoard(group.id);
  const [text, setText] = useState('');
  if (board.isPending) return <Loading />;
  if (board.isError) return <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />;
  const first = board.data.pages[0];
  const items = board.data.pages.flatMap((p) => p.items);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (text.trim()) act({ kind: 'write', text: text.trim() }, () => setText(''));
  }
  return (
    <Stack gap="sm">
      {canModerate && (
        <Stack gap="xs" component="form" onSubmit={submit}>
          <Textarea
            label={t('board.console.writeAsUnit')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            maxLength={MAX_BOARD_TEXT}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button type="submit" color="red" leftSection={<IconSend size={16} />} disabled={!text.trim()}>
              {t('board.send')}
            </Button>
          </Group>
        </Stack>
      )}
      {first?.pinnedPosts.map((p) => (
        <Card key={p.id} withBorder radius="md" bg="yellow.0">
          <Group justify="space-between">
            <Group gap={6}>
              <IconPin size={16} aria-hidden />
              <Text fw={700}>{p.title}</Text>
            </Group>
            {canModerate && (
              <Button size="xs" variant="default" onClick={() => act({ kind: 'unpinPost', postId: p.id })}>
                {t('board.console.unpin')}
              </Button>
            )}
          </Group>
        </Card>
      ))}
      {[...(first?.pinnedMessages ?? []), ...items].map((m) => (
        <MessageRow key={m.id} message={m} act={act} canModerate={canModerate} />
      ))}
      {items.length === 0 && !first?.pinnedMessages.length && <EmptyState>{t('board.empty')}</EmptyState>}
      {board.hasNextPage && (
        <Button variant="default" loading={board.isFetchingNextPage} onClick={() => void board.fetchNextPage()}>
          {t('board.more')}
        </Button>
      )}
    </Stack>
  );
}

function Reports({ group, act, canModerate }: { group: ResidentGroup; act: Act; canModerate: boolean }) {
  const { t, i18n } = useTranslation();
  const reports = useReports(group.id);
  if (reports.isPending) return <Loading />;
  if (reports.isError) return <ErrorAlert error={reports.error} onRetry={() => void reports.refetch()} />;
  if (reports.data.length === 0) return <EmptyState>{t('board.console.noReports')}</EmptyState>;
  return (
    <Stack gap="sm">
      {reports.data.map(({ message, reports: list }) => (
        <Stack key={message.id} gap={4}>
          <MessageRow message={message} act={act} canModerate={false} />
          {list.map((r, i) => (
            <Text key={i} size="sm">
              <IconFlag size={14} aria-hidden /> {t(`board.report.categories.${r.category}`)}
              {r.text ? ` — ${r.text}` : ''} · {formatMinute(r.createdAt, i18n.language)}
            </Text>
          ))}
          {canModerate && <ResolveButtons messageId={message.id} hidden={message.hidden} act={act} />}
        </Stack>
      ))}
    </Stack>
  );
}

function ResolveButtons({ messageId, hidden, act }: { messageId: string; hidden: boolean; act: Act }) {
  const { t } = useTranslation();
  const [hiding, setHiding] = useState(false);
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {!hidden && (
          <Button size="xs" color="red" leftSection={<IconEyeOff size={16} />} onClick={() => setHiding((h) => !h)}>
            {t('board.console.hide')}
          </Button>
        )}
        <Button size="xs" variant="default" onClick={() => act({ kind: 'resolve', messageId, outcome: 'dismiss' })}>
          {t('board.console.dismiss')}
        </Button>
      </Group>
      {hiding && (
        <ReasonForm
          label={t('board.console.hideReason')}
          confirm={t('board.console.hide')}
          onSubmit={(reason) => act({ kind: 'resolve', messageId, outcome: 'hide', reason })}
        />
      )}
    </Stack>
  );
}

function Mutes({ group, act, canModerate }: { group: ResidentGroup; act: Act; canModerate: boolean }) {
  const { t, i18n } = useTranslation();
  const mutes = useMutes(group.id);
  if (mutes.isPending) return <Loading />;
  if (mutes.isError) return <ErrorAlert error={mutes.error} onRetry={() => void mutes.refetch()} />;
  if (mutes.data.length === 0) return <EmptyState>{t('board.console.noMutes')}</EmptyState>;
  return (
    <Stack gap="xs">
      {mutes.data.map((m) => (
        <Group key={m.residentId} justify="space-between">
          <Stack gap={0}>
            <Text fw={600}>{m.displayName ?? t('board.resident')}</Text>
            <Text size="sm" c="dimmed">
              {t('board.console.mutedUntil', { until: formatMinute(m.until, i18n.language), reason: m.reason })}
            </Text>
          </Stack>
          {canModerate && (
            <Button size="xs" variant="default" onClick={() => act({ kind: 'unmute', residentId: m.residentId })}>
              {t('board.console.unmute')}
            </Button>
          )}
        </Group>
      ))}
    </Stack>
  );
}

function PinPost({ unitId, act }: { unitId: string; act: Act }) {
  const { t } = useTranslation();
  const posts = usePostList(unitId, 'published');
  const [postId, setPostId] = useState('');
  const items = posts.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Group align="flex-end" gap="xs">
      <NativeSelect
        style={{ flex: 1 }}
        label={t('board.console.pinPost')}
        value={postId}
        onChange={(e) => setPostId(e.currentTarget.value)}
        data={[{ value: '', label: '—' }, ...items.map((p) => ({ value: p.id, label: p.title }))]}
      />
      <Button
        leftSection={<IconPin size={16} />}
        disabled={!postId}
        onClick={() => act({ kind: 'pinPost', postId }, () => setPostId(''))}
      >
        {t('board.console.pin')}
      </Button>
    </Group>
  );
}

/** The button on a group's card: opens its board with the open reports' count. */
export function GroupBoardButton({
  group,
  unitId,
  canModerate,
}: {
  group: ResidentGroup;
  unitId: string;
  canModerate: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const counts = useReportCounts(unitId);
  const reports = counts.data?.get(group.id) ?? 0;
  const action = useBoardAction(group.id);
  const act: Act = (a, after) => action.mutate(a, { onSuccess: () => after?.() });
  return (
    <>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconMessages size={16} />}
        rightSection={
          reports > 0 ? (
            <Badge size="sm" color="orange" circle aria-label={t('board.console.reports', { count: reports })}>
              {reports}
            </Badge>
          ) : null
        }
        onClick={() => setOpen(true)}
        data-testid="group-board-button"
      >
        {t('board.open')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('board.console.title', { name: group.name })}
        size="xl"
      >
        {open && (
          <Stack gap="sm">
            {action.isError && <ErrorAlert error={action.error} />}
            {canModerate && <PinPost unitId={unitId} act={act} />}
            <Tabs defaultValue="messages" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="messages">{t('board.console.messages')}</Tabs.Tab>
                <Tabs.Tab
                  value="reports"
                  rightSection={
                    reports > 0 ? (
                      <Badge size="xs" color="orange">
                        {reports}
                      </Badge>
                    ) : null
                  }
                >
                  {t('board.console.reportsTab')}
                </Tabs.Tab>
                <Tabs.Tab value="mutes">{t('board.console.mutesTab')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="messages" pt="sm">
                <Messages group={group} act={act} canModerate={canModerate} />
              </Tabs.Panel>
              <Tabs.Panel value="reports" pt="sm">
                <Reports group={group} act={act} canModerate={canModerate} />
              </Tabs.Panel>
              <Tabs.Panel value="mutes" pt="sm">
                <Mutes group={group} act={act} canModerate={canModerate} />
              </Tabs.Panel>
            </Tabs>
          </Stack>
        )}
      </Modal>
    </>
  );
}
