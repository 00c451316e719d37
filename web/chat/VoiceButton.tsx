import { Button } from '@mantine/core';
import { IconMicrophone, IconMicrophoneOff, IconPlayerStopFilled } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InlineIcon } from '../components/icons';

const TYPES = ['audio/webm', 'audio/mp4', 'audio/ogg'];
const MAX_SECONDS = 120;

function recordingType(): string | null {
  if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) return null;
  return TYPES.find((type) => MediaRecorder.isTypeSupported(type)) ?? null;
}

/** Records a voice note with the microphone (where the browser can) and hands it over as a file. */
export function VoiceButton({ disabled, onRecorded }: { disabled: boolean; onRecorded: (file: File) => void }) {
  const { t } = useTranslation();
  const [type] = useState(recordingType);
  const [recording, setRecording] = useState<MediaRecorder | null>(null);
  const [seconds, setSeconds] = useState(0);
  const [denied, setDenied] = useState(false);
  const chunks = useRef<Blob[]>([]);

  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => clearInterval(timer);
  }, [recording]);
  useEffect(() => {
    if (recording && seconds >= MAX_SECONDS) recording.stop();
  }, [recording, seconds]);

  if (!type) return null;

  async function start(mimeType: string) {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const recorder = new MediaRecorder(stream, { mimeType });
      chunks.current = [];
      recorder.ondataavailable = (e) => {
        if (e.data.size > 0) chunks.current.push(e.data);
      };
      recorder.onstop = () => {
        stream.getTracks().forEach((track) => track.stop());
        setRecording(null);
        const blob = new Blob(chunks.current, { type: mimeType });
        if (blob.size > 0) {
          const ext = mimeType === 'audio/mp4' ? 'm4a' : mimeType.split('/')[1];
          onRecorded(new File([blob], `ghi-am-${Date.now()}.${ext}`, { type: mimeType }));
        }
      };
      recorder.start();
      setSeconds(0);
      setDenied(false);
      setRecording(recorder);
    } catch {
      setDenied(true);
    }
  }

  if (recording)
    return (
      <Button
        size="compact-sm"
        color="red"
        onClick={() => recording.stop()}
        aria-live="polite"
        leftSection={<InlineIcon icon={IconPlayerStopFilled} />}
      >
        {t('chat.stopRecording', { seconds })}
      </Button>
    );
  return (
    <Button
      size="compact-sm"
      variant="default"
      disabled={disabled}
      onClick={() => void start(type)}
      title={denied ? t('chat.micDenied') : undefined}
      leftSection={<InlineIcon icon={denied ? IconMicrophoneOff : IconMicrophone} />}
    >
      {denied ? t('chat.micDenied') : t('chat.voice')}
    </Button>
  );
}
