import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Image,
  Modal,
  Radio,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconFlag, IconPhoto, IconPin, IconSend, IconShieldCheck, IconX } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  MAX_BOARD_TEXT,
  MAX_REPORT_TEXT,
  REPORT_CATEGORIES,
  type BoardMessage,
  type PinnedPost,
  type ReportCategory,
} from '../../contracts/board';
import { isApiError } from '../api';
import { useBoard, useReportMessage, useWriteBoard } from '../broadcasts/boardApi';
import { EmptyState, ErrorAlert, Loading } from '../components/Feedback';
import { LinkedText } from '../components/LinkedText';
import { PublicLayout } from '../components/PublicLayout';
import { formatMinute } from '../text';

function ReportModal({ message, onClose }: { message: BoardMessage; onClose: () => void }) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<ReportCategory>('spam');
  const [text, setText] = useState('');
  const report = useReportMessage();
  const done = report.isSuccess || (report.isError && isApiError(report.error, 409));
  return (
    <Modal opened onClose={onClose} title={t('board.report.title')} size="md">
      {done ? (
        <Stack>
          <Alert color="green">{t('board.report.done')}</Alert>
          <Button size="lg" onClick={onClose}>
            {t('board.close')}
          </Button>
        </Stack>
      ) : (
        <Stack>
          <Radio.Group
            value={category}
            onChange={(v) => setCategory(REPORT_CATEGORIES.find((c) => c === v) ?? 'other')}
            label={t('board.report.why')}
          >
            <Stack gap="sm" mt="xs">
              {REPORT_CATEGORIES.map((c) => (
                <Radio key={c} value={c} label={t(`board.report.categories.${c}`)} size="md" />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea
            label={t('board.report.more')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            maxLength={MAX_REPORT_TEXT}
            autosize
            minRows={2}
          />
          {report.isError && <ErrorAlert error={report.error} />}
          <Button
            size="lg"
            color="red"
            leftSection={<IconFlag size={20} />}
            loading={report.isPending}
            onClick={() => report.mutate({ messageId: message.id, category, text })}
          >
            {t('board.report.send')}
          </Button>
        </Stack>
      )}
    </Modal>
  );
}

function MessageCard({ message, onReport }: { message: BoardMessage; onReport: (m: BoardMessage) => void }) {
  const { t, i18n } = useTranslation();
  const at = formatMinute(message.createdAt, i18n.language);
  if (message.hidden || !message.author)
    return (
      <Card withBorder radius="md" bg="gray.0" data-testid="board-message-hidden">
        <Text c="dimmed" fs="italic">
          {t('board.hidden')}
        </Text>
      </Card>
    );
  const isUnit = message.author.kind === 'unit';
  return (
    <Card withBorder radius="md" bg={isUnit ? 'red.0' : undefined} data-testid="board-message">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            {isUnit && <IconShieldCheck size={20} color="var(--mantine-color-red-8)" aria-hidden />}
            <Text fw={700} truncate>
              {message.author.isMe ? t('board.me') : (message.author.name ?? t('board.resident'))}
            </Text>
            {message.pinned && <IconPin size={18} aria-label={t('board.pinned')} />}
          </Group>
          <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
            {at}
          </Text>
        </Group>
        {message.text && (
          <LinkedText size="lg" lh={1.5}>
            {message.text}
          </LinkedText>
        )}
        {message.photo && (
          <Anchor href={message.photo.url} target="_blank" rel="noopener">
            <Image src={message.photo.thumbnailUrl} alt={t('board.photo')} radius="sm" maw={320} />
          </Anchor>
        )}
        {!message.author.isMe && !isUnit && (
          <Group justify="flex-end">
            <Button
              variant="subtle"
              color="gray"
              size="md"
              leftSection={<IconFlag size={18} />}
              onClick={() => onReport(message)}
            >
              {t('board.report.button')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function PinnedPostCard({ post }: { post: PinnedPost }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" bg="yellow.0" data-testid="board-pinned-post">
      <Stack gap={4}>
        <Group gap={6}>
          <IconPin size={18} aria-hidden />
          <Badge color="red" variant="light">
            {t('board.officialPost')}
          </Badge>
        </Group>
        <Anchor component={Link} to={`/tin-tuc/${post.id}`} fw={700} size="lg">
          {post.title}
        </Anchor>
        <Text size="md" lineClamp={3}>
          {post.body}
        </Text>
      </Stack>
    </Card>
  );
}

function Composer({ groupId, mutedUntil }: { groupId: string; mutedUntil: string | null }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const write = useWriteBoard(groupId);
  if (mutedUntil)
    return (
      <Alert color="orange" data-testid="board-muted">
        {t('board.muted', { until: formatMinute(mutedUntil, i18n.language) })}
      </Alert>
    );
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim() && !photo) return;
    write.mutate(
      { text: text.trim(), photo },
      {
        onSuccess: () => {
          setText('');
          setPhoto(null);
        },
      },
    );
  }
  return (
    <Card withBorder radius="md" component="form" onSubmit={submit}>
      <Stack gap="sm">
        <Textarea
          aria-label={t('board.write')}
          placeholder={t('board.write')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          maxLength={MAX_BOARD_TEXT}
          autosize
          minRows={2}
          size="lg"
        />
        {photo && (
          <Group gap="xs">
            <IconPhoto size={20} aria-hidden />
            <Text size="md" truncate style={{ flex: 1 }}>
              {photo.name}
            </Text>
            <Button
              variant="subtle"
              color="gray"
              size="md"
              onClick={() => setPhoto(null)}
              aria-label={t('board.removePhoto')}
            >
              <IconX size={20} />
            </Button>
          </Group>
        )}
        {write.isError && <ErrorAlert error={write.error} />}
        <Group justify="space-between">
          <FileButton onChange={setPhoto} accept="image/jpeg,image/png,image/webp,image/gif">
            {(props) => (
              <Button {...props} variant="default" size="lg" leftSection={<IconPhoto size={22} />}>
                {t('board.addPhoto')}
              </Button>
            )}
          </FileButton>
          <Button
            type="submit"
            color="red"
            size="lg"
            leftSection={<IconSend size={22} />}
            loading={write.isPending}
            disabled={!text.trim() && !photo}
          >
            {t('board.send')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** A residential group's board for its members: pins first, then the newest messages. */
export function GroupBoardPage() {
  const { t } = useTranslation();
  const { groupId = '' } = useParams();
  const board = useBoard(groupId);
  const [reporting, setReporting] = useState<BoardMessage | null>(null);
  const first = board.data?.pages[0];
  const items = board.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <PublicLayout>
      {board.isPending && <Loading />}
      {board.isError &&
        (isApiError(board.error, 404, 400) ? (
          <Alert color="orange" title={t('board.notFoundTitle')} data-testid="not-found">
            {t('board.notFound')}
          </Alert>
        ) : (
          <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />
        ))}
      {first && (
        <Stack gap="md">
          <Stack gap={0}>
            <Title order={1}>{first.group.name}</Title>
            <Text c="dimmed">{t('board.subtitle', { unit: first.group.unitName })}</Text>
          </Stack>
          <Composer groupId={groupId} mutedUntil={first.mutedUntil} />
          {first.pinnedPosts.map((p) => (
            <PinnedPostCard key={p.id} post={p} />
          ))}
          {first.pinnedMessages.map((m) => (
            <MessageCard key={m.id} message={m} onReport={setReporting} />
          ))}
          {items.length === 0 && first.pinnedMessages.length === 0 && <EmptyState>{t('board.empty')}</EmptyState>}
          {items.map((m) => (
            <MessageCard key={m.id} message={m} onReport={setReporting} />
          ))}
          {board.hasNextPage && (
            <Button
              variant="default"
              size="lg"
              loading={board.isFetchingNextPage}
              onClick={() => void board.fetchNextPage()}
            >
              {t('board.more')}
            </Button>
          )}
        </Stack>
      )}
      {reporting && <ReportModal message={reporting} onClose={() => setReporting(null)} />}
    </PublicLayout>
  );
}
