// Desktop notification and a sound for new handovers: a short two-note beep, and for emergencies
// a distinct urgent alarm (a high two-tone siren, repeated). Sounds are made with the Web Audio API
// (no sound file to download); browsers allow them after the officer has clicked once.

export type AlertSound = 'handover' | 'urgent';

/** [start offset in s, frequency in Hz] of each tone. */
const PATTERNS: Record<AlertSound, { wave: OscillatorType; tone: number; notes: [number, number][] }> = {
  handover: {
    wave: 'sine',
    tone: 0.16,
    notes: [
      [0, 880],
      [0.18, 1175],
    ],
  },
  urgent: {
    wave: 'square',
    tone: 0.13,
    notes: Array.from({ length: 12 }, (_, i): [number, number] => [
      i * 0.15 + Math.floor(i / 4) * 0.25,
      i % 2 ? 1568 : 2093,
    ]),
  },
};

declare global {
  interface Window {
    /** What the inbox rang, oldest first: browser tests read it instead of listening. */
    __ketnoiAlerts?: AlertSound[];
  }
}

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  context ??= new AudioContext();
  if (context.state === 'suspended') void context.resume().catch(() => undefined);
  return context;
}

/** Call from a click: lets later sounds play. */
export function unlockAudio(): void {
  audio();
}

/** Plays a handover's sound (the urgent alarm for emergencies). */
export function ring(sound: AlertSound): void {
  (window.__ketnoiAlerts ??= []).push(sound);
  try {
    const ctx = audio();
    if (!ctx) return;
    const now = ctx.currentTime;
    const { wave, tone, notes } = PATTERNS[sound];
    for (const [offset, frequency] of notes) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = wave;
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + offset);
      gain.gain.exponentialRampToValueAtTime(0.25, now + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + tone);
      osc.connect(gain).connect(ctx.destination);
      osc.start(now + offset);
      osc.stop(now + offset + tone + 0.02);
    }
  } catch {
    // no audio output: the on-screen alert remains
  }
}

export type NotifyPermission = NotificationPermission | 'unsupported';

export function notificationPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function requestNotifications(): Promise<NotifyPermission> {
  unlockAudio();
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

/** A desktop notification; an urgent one stays until the officer acts on it. */
export function notify(title: string, body: string, tag: string, onClick: () => void, urgent = false): void {
  if (notificationPermission() !== 'granted') return;
  try {
    const n = new Notification(title, { body, tag, requireInteraction: urgent });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // some mobile browsers only notify from a service worker: the on-screen alert remains
  }
}
