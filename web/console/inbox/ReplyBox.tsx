import { Badge, Button, CloseButton, FileButton, Group, Stack, Switch, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_MESSAGE_CHARS, type Attachment, type Message } from '../../../contracts/conversations';
import { api, apiUpload } from '../../api';
import { ACCEPT } from '../../chat/ChatComposer';
import { newClientId } from '../../chat/realtime';
import { ErrorAlert } from '../../components/Feedback';
import { APP_ICONS, InlineIcon } from '../../components/icons';
import { CannedReplies } from './CannedReplies';
import { conversationPath } from './inboxApi';

/** "Trả lời": the officer's reply (or internal note), with canned replies and attachments. */
export function ReplyBox({
  conversationId,
  unitId,
  onSent,
}: {
  conversationId: string;
  unitId: string;
  onSent: (message: Message) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [internal, setInternal] = useState(false);
  const [files, setFiles] = useState<Attachment[]>([]);
  // One id per reply, kept across retries so a reply is never stored twice.
  const clientId = useRef(newClientId());
  const path = conversationPath(conversationId);

  const upload = useMutation({
    mutationFn: (file: File) => apiUpload<Attachment>(`${path}/attachments`, file, file.name),
    onSuccess: (a) => setFiles((f) => [...f, a]),
  });
  const send = useMutation({
    mutationFn: () =>
      api<{ message: Message } | Message>(`${path}/messages`, {
        method: 'POST',
        body: { clientId: clientId.current, text: text.trim(), internal, attachmentIds: files.map((f) => f.id) },
      }),
    onSuccess: (r) => {
      onSent('message' in r ? r.message : r);
      clientId.current = newClientId();
      setText('');
      setFiles([]);
    },
  });

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if ((text.trim() || files.length > 0) && !send.isPending) send.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap={6} p="xs" bg={internal ? 'yellow.0' : undefined} style={{ borderRadius: 8 }}>
        <Textarea
          label={t('inbox.reply')}
          placeholder={internal ? t('inbox.notePlaceholder') : t('inbox.replyPlaceholder')}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={MAX_MESSAGE_CHARS}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
          }}
        />
        {files.length > 0 && (
          <Group gap={4}>
            {files.map((f) => (
              <Badge
                key={f.id}
                variant="light"
                color="gray"
                rightSection={
                  <CloseButton
                    size="xs"
                    aria-label={t('inbox.removeFile', { name: f.name })}
                    onClick={() => setFiles((all) => all.filter((x) => x.id !== f.id))}
                  />
                }
                leftSection={<InlineIcon icon={APP_ICONS.attach} size="xs" />}
              >
                {f.name}
              </Badge>
            ))}
          </Group>
        )}
        {upload.isError && <ErrorAlert error={upload.error} />}
        {send.isError && <ErrorAlert error={send.error} />}
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Switch
              label={t('inbox.internalNote')}
              color="yellow"
              checked={internal}
              onChange={(e) => setInternal(e.currentTarget.checked)}
            />
            <CannedReplies unitId={unitId} onPick={(reply) => setText((cur) => (cur ? `${cur}\n${reply}` : reply))} />
            <FileButton onChange={(f) => f && upload.mutate(f)} accept={ACCEPT}>
              {(props) => (
                <Button
                  {...props}
                  size="compact-sm"
                  variant="default"
                  loading={upload.isPending}
                  leftSection={<InlineIcon icon={APP_ICONS.attach} />}
                >
                  {t('chat.attach')}
                </Button>
              )}
            </FileButton>
          </Group>
          <Button type="submit" color={internal ? 'yellow' : 'red'} loading={send.isPending}>
            {t('inbox.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
