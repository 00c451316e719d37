import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { MAX_QUESTION_CHARS, type AskRequest, type AskResponse } from '../../contracts/assistant';
import type { Unit } from '../../contracts/units';
import { api, ApiError } from '../api';
import { TipOffer } from '../chat/ChatTipOffer';
import { useErrorText } from '../components/Feedback';
import { APP_ICONS, IconText, InlineIcon } from '../components/icons';
import { telHref } from '../text';
import { AssistantBubble, ResidentBubble, Thinking, type ChatMessage } from './AskMessages';

const MAX_HISTORY = 10;

/** The resident's question an answer answers (the message before it). */
function questionBefore(list: ChatMessage[], i: number): string {
  const q = list[i - 1];
  return q?.from === 'resident' ? q.text : '';
}

/**
 * The answer's offer to send a tip to the tip desk: from the conversation the question went to
 * (with consent, identified), or, when it went nowhere, the tip form of the unit.
 */
function AskTipOffer({ unit, response, question }: { unit: Unit; response: AskResponse; question: string }) {
  const { t } = useTranslation();
  if (!response.answer.actions.some((a) => a.kind === 'tip_form')) return null;
  const { conversationId, messageId } = response;
  if (conversationId && messageId) {
    return <TipOffer unit={unit} conversationId={conversationId} messageId={messageId} description={question} />;
  }
  return (
    <Button
      component={Link}
      to={`/bao-tin?don-vi=${encodeURIComponent(unit.slug)}`}
      size="compact-sm"
      color="red"
      radius="xl"
      leftSection={<InlineIcon icon={APP_ICONS.report} />}
      data-testid="ask-tip-form"
      styles={{ root: { height: 'auto', minHeight: 30 }, label: { whiteSpace: 'normal', textAlign: 'left' } }}
    >
      {t('chat.tip.offer')}
    </Button>
  );
}

/**
 * "Hỏi về thủ tục": a small chat with the procedures assistant, on each unit page. A question the
 * assistant hands over lands in the resident's conversation with the unit (the server says which):
 * the panel then offers to open that conversation.
 */
export function AskPanel({ unit, onOpenChat }: { unit: Unit; onOpenChat: () => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [draft, setDraft] = useState('');
  const [emptyError, setEmptyError] = useState(false);
  const endRef = useRef<HTMLDivElement>(null);
  const ask = useMutation({
    mutationFn: (body: AskRequest) => api<AskResponse>('/api/v1/public/assistant/ask', { method: 'POST', body }),
    onSuccess: (response) => setMessages((m) => [...m, { from: 'assistant', response }]),
  });

  useEffect(() => {
    if (messages.length > 0) endRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [messages.length, ask.isPending]);

  function send(raw: string) {
    const text = raw.trim();
    if (!text) {
      setEmptyError(true);
      return;
    }
    if (ask.isPending) return;
    setEmptyError(false);
    // Earlier resident messages, oldest first (the server reads the context from them).
    const history = messages.flatMap((m) => (m.from === 'resident' ? [m.text] : [])).slice(-MAX_HISTORY);
    setMessages((m) => [...m, { from: 'resident', text }]);
    setDraft('');
    ask.reset();
    ask.mutate({ text, history, unitSlug: unit.slug, lang: i18n.language === 'en' ? 'en' : 'vi' });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    send(draft);
  }

  const askError = (err: unknown) => {
    if (err instanceof ApiError && i18n.exists(`ask.errors.${err.code}`)) return t(`ask.errors.${err.code}`);
    return errorText(err);
  };
  const lastIndex = messages.length - 1;
  const last = messages[lastIndex];
  // The unit's number stays on offer after an emergency even when no officer could be reached.
  const needsPerson =
    last?.from === 'assistant' && (last.response.answer.handover || last.response.intent === 'emergency');
  const handedOver = messages.some((m) => m.from === 'assistant' && m.response.conversationId);
  const phone = unit.hotline ?? unit.phone;

  return (
    <Card withBorder radius="md" component="section" aria-label={t('ask.title')} data-testid="ask-panel" data-no-print>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4">
            <IconText icon={APP_ICONS.ask} size="md">
              {t('ask.title')}
            </IconText>
          </Title>
          <Text size="xs" c="dimmed">
            {t('ask.hint')}
          </Text>
        </Stack>
        {messages.length > 0 && (
          <Stack gap="xs" aria-live="polite" bg="gray.0" p="xs" style={{ borderRadius: 8 }}>
            {messages.map((m, i) =>
              m.from === 'resident' ? (
                <ResidentBubble key={i} text={m.text} />
              ) : (
                <AssistantBubble
                  key={i}
                  response={m.response}
                  unitSlug={unit.slug}
                  latest={i === lastIndex}
                  busy={ask.isPending}
                  onQuickReply={send}
                  offer={<AskTipOffer unit={unit} response={m.response} question={questionBefore(messages, i)} />}
                />
              ),
            )}
            {ask.isPending && <Thinking />}
            <div ref={endRef} />
          </Stack>
        )}
        {handedOver && (
          <Alert color="red" variant="light" data-testid="ask-handed-over">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('ask.handedOver')}</Text>
              <Button
                color="red"
                size="sm"
                onClick={onOpenChat}
                leftSection={<InlineIcon icon={APP_ICONS.chat} />}
                data-testid="ask-open-chat"
              >
                {t('ask.openChat')}
              </Button>
            </Stack>
          </Alert>
        )}
        {needsPerson && phone && (
          <Button
            component="a"
            href={telHref(phone)}
            variant="light"
            color="red"
            size="sm"
            leftSection={<InlineIcon icon={APP_ICONS.call} />}
          >
            {t('ask.call', { phone })}
          </Button>
        )}
        {ask.isError && (
          <Alert color="red" variant="light" role="alert" data-testid="ask-error">
            {askError(ask.error)}
          </Alert>
        )}
        <form onSubmit={submit} noValidate>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={t('ask.label')}
              placeholder={t('ask.placeholder')}
              name="question"
              autoComplete="off"
              enterKeyHint="send"
              maxLength={MAX_QUESTION_CHARS}
              value={draft}
              onChange={(e) => {
                setDraft(e.currentTarget.value);
                setEmptyError(false);
              }}
              error={emptyError}
              aria-describedby={emptyError ? 'ask-empty' : undefined}
              style={{ flex: 1, minWidth: 0 }}
            />
            <Button
              type="submit"
              color="red"
              loading={ask.isPending}
              leftSection={<InlineIcon icon={APP_ICONS.send} />}
            >
              {t('ask.send')}
            </Button>
          </Group>
          {emptyError && (
            <Text id="ask-empty" size="xs" c="red" mt={4} role="alert">
              {t('ask.errors.empty_question')}
            </Text>
          )}
        </form>
        <Text size="xs" c="dimmed">
          {t('ask.disclaimer')}
        </Text>
      </Stack>
    </Card>
  );
}
