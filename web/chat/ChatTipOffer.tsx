import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Attachment, ChatTipInput } from '../../contracts/conversations';
import { TIP_DESCRIPTION_MAX, type TipCategory } from '../../contracts/tips';
import { api, ApiError } from '../api';
import { APP_ICONS, IconText, InlineIcon } from '../components/icons';
import { FOLLOW_PATH } from '../tips/TipReceipt';
import { TipErrorAlert } from '../tips/TipError';
import { FORM_CATEGORIES } from '../tips/tip-input';
import type { TipReceipt } from '../tips/tipApi';

// "Gửi thành tin báo": a tip written in the chat (or the ask box) goes to the tip desk with the
// resident's consent and gets a receipt code. From a conversation only identified tips: the unit's
// officers have read the message there beside the resident's name, and the dialog says so.

export interface TipOfferProps {
  unit: { slug: string; displayName: string };
  conversationId: string;
  /** The resident's message the tip is sent from. */
  messageId: string;
  /** What the description starts as (the resident's words; they may edit it). */
  description: string;
  /** Photos and files the resident sent with it, offered to go with the tip (all ticked at first). */
  files?: Attachment[];
}

/** An error in the chat's words where they differ from the tip form's (a message, not a unit, is missing). */
function ChatTipError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  const key = error instanceof ApiError ? `chat.tip.errors.${error.code}` : '';
  if (!key || !i18n.exists(key)) return <TipErrorAlert error={error} />;
  return (
    <Alert color="red" role="alert" variant="light" data-testid="tip-error">
      <Text size="sm">{t(key)}</Text>
    </Alert>
  );
}

/** The form part: category, what happened, the identity note with the way to the anonymous form. */
function TipOfferForm({ props, onSent }: { props: TipOfferProps; onSent: (receipt: TipReceipt) => void }) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<TipCategory | ''>('');
  const [description, setDescription] = useState(props.description.slice(0, TIP_DESCRIPTION_MAX));
  const [checked, setChecked] = useState(false);
  const files = props.files ?? [];
  const [fileIds, setFileIds] = useState<string[]>(files.map((f) => f.id));
  const send = useMutation({
    mutationFn: (body: ChatTipInput) =>
      api<TipReceipt>(`/api/v1/public/conversations/${encodeURIComponent(props.conversationId)}/tips`, {
        method: 'POST',
        body,
      }),
    onSuccess: onSent,
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setChecked(true);
    if (!category || !description.trim()) return;
    send.mutate({
      messageId: props.messageId,
      category,
      description: description.trim(),
      ...(fileIds.length ? { attachmentIds: fileIds } : {}),
    });
  }
  return (
    <form onSubmit={submit} noValidate data-testid="chat-tip-form">
      <Stack gap="sm">
        <Text size="sm">{t('chat.tip.intro', { unit: props.unit.displayName })}</Text>
        <NativeSelect
          label={t('tips.category')}
          value={category}
          onChange={(e) => setCategory(e.currentTarget.value as TipCategory | '')}
          error={checked && !category ? t('tips.categoryRequired') : null}
          data={[
            { value: '', label: t('tips.categoryPlaceholder'), disabled: true },
            ...FORM_CATEGORIES.map((c) => ({ value: c, label: t(`tips.categories.${c}`) })),
          ]}
        />
        <Textarea
          label={t('tips.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          maxLength={TIP_DESCRIPTION_MAX}
          autosize
          minRows={3}
          maxRows={10}
          error={checked && !description.trim() ? t('tips.descriptionRequired') : null}
        />
        {files.length > 0 && (
          <Checkbox.Group label={t('chat.tip.files')} value={fileIds} onChange={setFileIds}>
            <Stack gap={6} mt={4}>
              {files.map((f) => (
                <Checkbox key={f.id} value={f.id} label={f.name} data-testid="chat-tip-file" />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        <Alert color="orange" variant="light" data-testid="chat-tip-identity">
          <Stack gap={4}>
            <Text size="sm">{t('chat.tip.identified')}</Text>
            <Text size="sm">
              {t('chat.tip.anonymousHow')}{' '}
              <Anchor component={Link} to={`/bao-tin?don-vi=${encodeURIComponent(props.unit.slug)}`} inherit>
                {t('chat.tip.anonymousLink')}
              </Anchor>
            </Text>
          </Stack>
        </Alert>
        {send.isError && <ChatTipError error={send.error} />}
        <Button type="submit" color="red" loading={send.isPending} leftSection={<InlineIcon icon={APP_ICONS.send} />}>
          {t('chat.tip.submit')}
        </Button>
      </Stack>
    </form>
  );
}

/** The receipt: the code, copyable, and how an identified resident follows the tip up. */
function TipOfferReceipt({ receipt, onClose }: { receipt: TipReceipt; onClose: () => void }) {
  const { t } = useTranslation();
  // A tip that reads as danger happening now: the numbers to call come first, as on the form's receipt.
  const numbers = receipt.emergencyNumbers ?? [];
  return (
    <Stack gap="sm" data-testid="chat-tip-receipt">
      {numbers.length > 0 && (
        <Alert color="red" variant="filled" role="alert" data-testid="chat-tip-emergency">
          <Stack gap="xs">
            <Text fw={800}>{t('tips.receipt.callNow', { numbers: numbers.join('/') })}</Text>
            <Group gap="sm">
              {numbers.map((n) => (
                <Button
                  key={n}
                  component="a"
                  href={`tel:${n}`}
                  variant="white"
                  color="red"
                  leftSection={<InlineIcon icon={APP_ICONS.call} />}
                >
                  {t('tips.receipt.call', { number: n })}
                </Button>
              ))}
            </Group>
          </Stack>
        </Alert>
      )}
      <Text fw={700}>{t('tips.receipt.title')}</Text>
      <Group gap="sm">
        <Text size="sm">{t('tips.receipt.code')}</Text>
        <Code fz="lg" fw={700} data-testid="chat-tip-code">
          {receipt.receiptCode}
        </Code>
        <CopyButton value={receipt.receiptCode}>
          {({ copied, copy }) => (
            <Button size="compact-sm" variant="light" color="gray" onClick={copy}>
              {copied ? t('tips.receipt.copied') : t('tips.receipt.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="sm">{t('tips.receipt.howIdentified', { url: `${window.location.origin}${FOLLOW_PATH}` })}</Text>
      <Group justify="space-between">
        <Anchor component={Link} to={FOLLOW_PATH} size="sm">
          <IconText icon={APP_ICONS.forward} end>
            {t('tips.receipt.follow')}
          </IconText>
        </Anchor>
        <Button variant="default" onClick={onClose}>
          {t('chat.tip.close')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The offer's button and its dialog; once sent, the button gives way to the receipt code. */
export function TipOffer(props: TipOfferProps & { sentCode?: string | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [receipt, setReceipt] = useState<TipReceipt | null>(null);
  const sentCode = receipt?.receiptCode ?? props.sentCode ?? null;
  return (
    <>
      {sentCode ? (
        <Text size="xs" c="dimmed" data-testid="chat-tip-sent">
          {t('chat.tip.sent', { code: sentCode })}
        </Text>
      ) : (
        <Button
          size="compact-sm"
          variant="filled"
          color="red"
          radius="xl"
          onClick={() => setOpen(true)}
          leftSection={<InlineIcon icon={APP_ICONS.report} />}
          data-testid="chat-tip-offer"
          styles={{ root: { height: 'auto', minHeight: 30 }, label: { whiteSpace: 'normal', textAlign: 'left' } }}
        >
          {t('chat.tip.offer')}
        </Button>
      )}
      <Modal opened={open} onClose={() => setOpen(false)} title={t('chat.tip.title')} size="lg">
        {receipt ? (
          <TipOfferReceipt receipt={receipt} onClose={() => setOpen(false)} />
        ) : (
          <TipOfferForm props={props} onSent={setReceipt} />
        )}
      </Modal>
    </>
  );
}
