import { Button, FileButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_MESSAGE_CHARS } from '../../contracts/conversations';
import { APP_ICONS, InlineIcon } from '../components/icons';
import type { Draft } from './useResidentChat';
import { VoiceButton } from './VoiceButton';

export const ACCEPT =
  'image/*,application/pdf,audio/*,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,' +
  'application/msword,application/vnd.openxmlformats-officedocument.*';

/** Text box, send button, and the photo/file, voice note and location tools. */
export function ChatComposer({ disabled, onSend }: { disabled: boolean; onSend: (draft: Draft) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState(false);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) {
      setEmpty(true);
      return;
    }
    onSend({ text });
    setText('');
  }

  function shareLocation() {
    setLocating(true);
    setLocationError(false);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        const round = (n: number) => Math.round(n * 1e6) / 1e6;
        onSend({ location: { latitude: round(pos.coords.latitude), longitude: round(pos.coords.longitude) } });
      },
      () => {
        setLocating(false);
        setLocationError(true);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  return (
    <Stack gap={6}>
      <form onSubmit={submit} noValidate>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={t('chat.label')}
            placeholder={t('chat.placeholder')}
            name="message"
            autoComplete="off"
            enterKeyHint="send"
            maxLength={MAX_MESSAGE_CHARS}
            value={text}
            disabled={disabled}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setEmpty(false);
            }}
            error={empty ? t('chat.empty') : undefined}
            style={{ flex: 1, minWidth: 0 }}
          />
          <Button
            type="submit"
            color="red"
            disabled={disabled}
            leftSection={<InlineIcon icon={APP_ICONS.send} />}
            style={{ alignSelf: empty ? 'center' : undefined }}
          >
            {t('chat.send')}
          </Button>
        </Group>
      </form>
      <Group gap={6}>
        <FileButton onChange={(file) => file && onSend({ file })} accept={ACCEPT} disabled={disabled}>
          {(props) => (
            <Button {...props} size="compact-sm" variant="default" leftSection={<InlineIcon icon={APP_ICONS.attach} />}>
              {t('chat.attach')}
            </Button>
          )}
        </FileButton>
        <VoiceButton disabled={disabled} onRecorded={(file) => onSend({ file })} />
        {'geolocation' in navigator && (
          <Button
            size="compact-sm"
            variant="default"
            loading={locating}
            disabled={disabled}
            onClick={shareLocation}
            leftSection={<InlineIcon icon={APP_ICONS.location} />}
          >
            {t('chat.location')}
          </Button>
        )}
      </Group>
      {locationError && (
        <Text size="xs" c="red" role="alert">
          {t('chat.locationError')}
        </Text>
      )}
    </Stack>
  );
}
