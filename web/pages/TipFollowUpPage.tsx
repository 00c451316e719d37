import { Alert, Badge, Button, Card, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TIP_MESSAGE_MAX, type PublicTip, type TipStatus } from '../../contracts/tips';
import { isApiError } from '../api';
import { Loading } from '../components/Feedback';
import { APP_ICONS, InlineIcon } from '../components/icons';
import { PublicLayout } from '../components/PublicLayout';
import { formatMinute } from '../text';
import { TipErrorAlert } from '../tips/TipError';
import { TipAttachmentList } from '../tips/TipAttachmentList';
import { TipAttachmentPicker } from '../tips/TipAttachmentPicker';
import { normaliseReceiptInput, passphraseInput } from '../tips/tip-input';
import { lookupTip, serialTipFiles, useMyTips, useReplyTip, type TipFileLoader, type TipKey } from '../tips/tipApi';
import { useTipFiles } from '../tips/useTipFiles';

const STATUS_COLOR: Record<TipStatus, string> = {
  received: 'gray',
  acknowledged: 'blue',
  verifying: 'yellow',
  handled: 'green',
  transferred: 'violet',
  rejected: 'dark',
};

/** Not found (whichever of code or passphrase was wrong) and throttled: the two answers residents meet. */
function LookupError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error, 404))
    return (
      <Alert color="orange" role="alert" data-testid="tip-not-found">
        {t('tips.follow.notFound')}
      </Alert>
    );
  if (isApiError(error, 429))
    return (
      <Alert color="red" role="alert" data-testid="tip-too-many">
        {t('tips.follow.tooMany')}
      </Alert>
    );
  return <TipErrorAlert error={error} />;
}

function Messages({ tip, load }: { tip: PublicTip; load: TipFileLoader }) {
  const { t, i18n } = useTranslation();
  if (tip.messages.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {t('tips.follow.noMessages')}
      </Text>
    );
  return (
    <Stack gap="sm" data-testid="tip-messages">
      {tip.messages.map((m, i) => {
        const mine = m.author === 'resident';
        return (
          <Paper
            key={`${m.createdAt}-${i}`}
            p="sm"
            radius="md"
            withBorder
            bg={mine ? 'gray.1' : 'red.0'}
            ml={mine ? 'xl' : 0}
            mr={mine ? 0 : 'xl'}
            data-testid="tip-message"
            data-author={m.author}
          >
            <Text size="xs" fw={700} c={mine ? 'dimmed' : 'red.9'}>
              {mine ? t('tips.follow.you') : t('tips.follow.officer')} · {formatMinute(m.createdAt, i18n.language)}
            </Text>
            <Text style={{ whiteSpace: 'pre-line' }}>{m.text}</Text>
            <TipAttachmentList attachments={m.attachments} load={load} />
          </Paper>
        );
      })}
    </Stack>
  );
}

function Reply({ tipKey, unitSlug, onSent }: { tipKey: TipKey; unitSlug: string; onSent: () => void }) {
  const { t } = useTranslation();
  const reply = useReplyTip();
  const files = useTipFiles(unitSlug);
  const [text, setText] = useState('');
  function send(e: FormEvent) {
    e.preventDefault();
    if (!text.trim() || files.uploading) return;
    reply.mutate(
      { key: tipKey, text: text.trim(), attachments: files.claims },
      {
        onSuccess: () => {
          setText('');
          files.reset();
          onSent();
        },
      },
    );
  }
  return (
    <form onSubmit={send} noValidate>
      <Stack gap="sm">
        <Textarea
          size="md"
          label={t('tips.follow.reply')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          maxLength={TIP_MESSAGE_MAX}
          autosize
          minRows={3}
        />
        <TipAttachmentPicker files={files} label={t('tips.files.replyLabel')} />
        {reply.isError && <LookupError error={reply.error} />}
        {reply.isSuccess && !text && (
          <Text size="sm" c="green.8" role="status">
            {t('tips.follow.sent')}
          </Text>
        )}
        <Button
          type="submit"
          color="red"
          size="md"
          loading={reply.isPending}
          disabled={!text.trim() || files.uploading}
          leftSection={<InlineIcon icon={APP_ICONS.send} size="md" />}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('tips.follow.send')}
        </Button>
      </Stack>
    </form>
  );
}

function TipView({ tip, tipKey, onChanged }: { tip: PublicTip; tipKey: TipKey; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const load = useMemo(() => serialTipFiles(tipKey), [tipKey]);
  return (
    <Stack gap="md" data-testid="tip-view">
      <Card withBorder radius="md">
        <Stack gap="xs">
          <Text ff="monospace" fw={800} fz="xl" data-testid="tip-view-code">
            {tip.receiptCode}
          </Text>
          <Text size="sm" c="dimmed">
            {t(`tips.categories.${tip.category}`)} ·{' '}
            {t('tips.follow.sentAt', { time: formatMinute(tip.createdAt, i18n.language) })}
          </Text>
          <Group gap="xs">
            <Text fw={600}>{t('tips.follow.status')}:</Text>
            <Badge size="lg" color={STATUS_COLOR[tip.status]} variant="light" tt="none" data-testid="tip-status">
              {t(`tips.follow.statuses.${tip.status}`)}
            </Badge>
          </Group>
          {tip.outcome && (
            <Stack gap={0}>
              <Text fw={600}>{t('tips.follow.outcome')}</Text>
              <Text style={{ whiteSpace: 'pre-line' }} data-testid="tip-outcome">
                {tip.outcome}
              </Text>
            </Stack>
          )}
          {tip.transferredTo && <Text>{t('tips.follow.transferredTo', { body: tip.transferredTo })}</Text>}
          {tip.attachments.length > 0 && (
            <Stack gap={4}>
              <Text fw={600}>{t('tips.files.sent')}</Text>
              <TipAttachmentList attachments={tip.attachments} load={load} />
            </Stack>
          )}
        </Stack>
      </Card>
      <Card withBorder radius="md" component="section" aria-label={t('tips.follow.conversation')}>
        <Stack gap="md">
          <Title order={2} size="h4">
            {t('tips.follow.conversation')}
          </Title>
          <Messages tip={tip} load={load} />
          <Reply tipKey={tipKey} unitSlug={tip.unitSlug} onSent={onChanged} />
        </Stack>
      </Card>
    </Stack>
  );
}

/** The identified resident's own tips (by their cookie), one tap to open each. */
function MyTips({ onOpen }: { onOpen: (receiptCode: string) => void }) {
  const { t, i18n } = useTranslation();
  const mine = useMyTips();
  if (!mine.data?.items.length) return null;
  return (
    <Card withBorder radius="md" component="section" aria-label={t('tips.mine.title')} data-testid="my-tips">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('tips.mine.title')}
        </Title>
        <Text size="sm">{t('tips.mine.intro')}</Text>
        {mine.data.items.map((item) => (
          <Group key={item.receiptCode} justify="space-between" gap="xs" wrap="nowrap">
            <Stack gap={0}>
              <Text ff="monospace" fw={700}>
                {item.receiptCode}
              </Text>
              <Text size="sm" c="dimmed">
                {t(`tips.categories.${item.category}`)} · {formatMinute(item.createdAt, i18n.language)}
              </Text>
              <Text size="sm">{t(`tips.follow.statuses.${item.status}`)}</Text>
            </Stack>
            <Button size="md" variant="light" color="red" onClick={() => onOpen(item.receiptCode)}>
              {t('tips.mine.open')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

/**
 * /bao-tin/theo-doi: a tip opened by code and passphrase (or, for one's own identified tip, the
 * cookie). The code and passphrase stay in this page's memory for replies, never in the address or storage.
 */
export function TipFollowUpPage() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [phrase, setPhrase] = useState('');
  const [codeBad, setCodeBad] = useState(false);
  const [key, setKey] = useState<TipKey | null>(null);
  // Each attempt asks anew (the same code may come with a corrected passphrase); the key itself stays out of the cache key.
  const [attempt, setAttempt] = useState(0);
  const tip = useQuery({
    queryKey: ['public', 'tip', attempt],
    queryFn: () => lookupTip(key as TipKey),
    enabled: key !== null,
    retry: false,
    gcTime: 0,
    staleTime: Infinity,
  });

  function open(e: FormEvent) {
    e.preventDefault();
    const receiptCode = normaliseReceiptInput(code);
    setCodeBad(receiptCode === null);
    if (!receiptCode) return;
    setCode(receiptCode);
    setKey({ receiptCode, passphrase: passphraseInput(phrase) });
    setAttempt((n) => n + 1);
  }

  function close() {
    setKey(null);
    setCode('');
    setPhrase('');
  }

  return (
    <PublicLayout>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={1} c="red.9">
            {t('tips.follow.title')}
          </Title>
          <Text>{t('tips.follow.intro')}</Text>
        </Stack>
        {key && tip.data ? (
          <>
            <TipView tip={tip.data} tipKey={key} onChanged={() => void tip.refetch()} />
            <Button size="md" variant="default" onClick={close} style={{ alignSelf: 'flex-start' }}>
              {t('tips.follow.close')}
            </Button>
          </>
        ) : (
          <>
            <Card withBorder radius="md" component="form" onSubmit={open} noValidate data-testid="tip-lookup">
              <Stack gap="sm">
                <TextInput
                  size="lg"
                  label={t('tips.follow.code')}
                  placeholder={t('tips.follow.codePlaceholder')}
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                  error={codeBad ? t('tips.follow.codeInvalid') : null}
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  ff="monospace"
                />
                <TextInput
                  size="lg"
                  label={t('tips.follow.passphrase')}
                  description={t('tips.follow.passphraseHint')}
                  value={phrase}
                  onChange={(e) => setPhrase(e.currentTarget.value)}
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                />
                {tip.isError && <LookupError error={tip.error} />}
                <Button type="submit" color="red" size="lg" loading={key !== null && tip.isFetching}>
                  {t('tips.follow.submit')}
                </Button>
              </Stack>
            </Card>
            {key && tip.isPending && tip.isFetching && <Loading />}
            <MyTips
              onOpen={(receiptCode) => {
                setCode(receiptCode);
                setPhrase('');
                setKey({ receiptCode });
                setAttempt((n) => n + 1);
              }}
            />
          </>
        )}
      </Stack>
    </PublicLayout>
  );
}
