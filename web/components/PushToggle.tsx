import { Alert, Button, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { useErrorText } from './Feedback';

// "Nhận thông báo": subscribes this browser to web push with the server's VAPID key and registers
// the subscription for the resident; the service worker (public/sw.js) shows what arrives.

type PushState = 'checking' | 'unsupported' | 'ios' | 'insecure' | 'denied' | 'off' | 'on';

const SUBSCRIPTIONS = '/api/v1/public/push/subscriptions';
const SYNCED_KEY = 'ketnoi.push.synced';

function isIos(): boolean {
  return /iPad|iPhone|iPod/.test(navigator.userAgent);
}

/** Why this browser cannot receive web push here, or null when it can. */
function unsupportedReason(): PushState | null {
  if (!window.isSecureContext) return 'insecure';
  if ('serviceWorker' in navigator && 'PushManager' in window && typeof Notification !== 'undefined') return null;
  // iPhone and iPad get web push only in a site added to the home screen.
  return isIos() ? 'ios' : 'unsupported';
}

function base64UrlBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(value.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sameKey(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false;
  const view = new Uint8Array(a);
  return view.every((byte, i) => byte === b[i]);
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration('/');
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/** Tells the server about this browser's subscription (for the resident of this browser's cookie). */
async function register(subscription: PushSubscription): Promise<void> {
  const { endpoint, keys } = subscription.toJSON();
  await api(SUBSCRIPTIONS, {
    method: 'POST',
    body: { endpoint, keys: { p256dh: keys?.p256dh ?? '', auth: keys?.auth ?? '' } },
  });
}

/** Subscribes with the server's current key (replacing a subscription made with another) and registers it. */
async function subscribe(): Promise<void> {
  await navigator.serviceWorker.register('/sw.js');
  const registration = await navigator.serviceWorker.ready;
  const { publicKey } = await api<{ publicKey: string }>('/api/v1/public/push/key');
  const key = base64UrlBytes(publicKey);
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  try {
    await register(subscription);
  } catch (err) {
    // Nothing half-done: a browser subscription the server does not know would never be used.
    await subscription.unsubscribe();
    throw err;
  }
}

async function unsubscribe(): Promise<void> {
  const subscription = await currentSubscription();
  if (!subscription) return;
  const { endpoint } = subscription;
  await subscription.unsubscribe();
  try {
    await api(SUBSCRIPTIONS, { method: 'DELETE', body: { endpoint } });
  } catch (err) {
    // No resident yet (404): the server holds nothing for this browser.
    if (!(err instanceof ApiError && err.status === 404)) throw err;
  }
}

/** A button that turns this browser's notifications of new posts on or off, explaining when it cannot. */
export function PushToggle() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [state, setState] = useState<PushState>('checking');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const reason = unsupportedReason();
    if (reason) {
      setState(reason);
      return;
    }
    if (Notification.permission === 'denied') {
      setState('denied');
      return;
    }
    void currentSubscription()
      .then(async (subscription) => {
        if (cancelled) return;
        setState(subscription && Notification.permission === 'granted' ? 'on' : 'off');
        // Once per visit: the server may have lost it, or the cookie (the resident) may be new.
        if (subscription && !sessionStorage.getItem(SYNCED_KEY)) {
          await register(subscription);
          sessionStorage.setItem(SYNCED_KEY, '1');
        }
      })
      .catch(() => {
        if (!cancelled) setState((s) => (s === 'checking' ? 'off' : s));
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const run = async (action: 'on' | 'off') => {
    setBusy(true);
    setMessage(null);
    try {
      if (action === 'off') {
        await unsubscribe();
        setState('off');
        return;
      }
      const permission = await Notification.requestPermission();
      if (permission === 'denied') setState('denied');
      else if (permission !== 'granted') setMessage(t('push.dismissed'));
      else {
        await subscribe();
        setState('on');
      }
    } catch (err) {
      const code = err instanceof ApiError ? `push.errors.${err.code}` : null;
      setMessage(code && i18n.exists(code) ? t(code) : err instanceof ApiError ? errorText(err) : t('push.failed'));
    } finally {
      setBusy(false);
    }
  };

  if (state === 'checking') return null;
  if (state === 'unsupported' || state === 'ios' || state === 'insecure' || state === 'denied') {
    return (
      <Alert color={state === 'denied' ? 'orange' : 'gray'} variant="light" title={t('push.unavailableTitle')}>
        <Text size="sm">{t(`push.${state}`)}</Text>
      </Alert>
    );
  }
  return (
    <Stack gap={4} align="flex-start">
      <Button
        variant={state === 'on' ? 'default' : 'filled'}
        color="red"
        loading={busy}
        aria-pressed={state === 'on'}
        onClick={() => void run(state === 'on' ? 'off' : 'on')}
      >
        {state === 'on' ? t('push.disable') : t('push.enable')}
      </Button>
      <Text size="xs" c="dimmed" role="status">
        {message ?? (state === 'on' ? t('push.onHint') : t('push.offHint'))}
      </Text>
    </Stack>
  );
}
