import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../lib/paths.js';

// public/sw.js run in a bare context standing in for the browser's service worker scope: what a
// push shows, and what tapping the notification opens.

const ORIGIN = 'https://ketnoi.example.vn';
const code = fs.readFileSync(path.join(projectRoot(), 'public', 'sw.js'), 'utf8');

interface Shown {
  title: string;
  options: { body: string; tag?: string; data: { url: string } };
}

describe('the service worker', () => {
  let listeners: Record<string, (event: unknown) => void>;
  let shown: Shown[];
  let opened: string[];
  let focused: string[];
  let windows: { url: string; focus: () => Promise<void> }[];

  /** Dispatches an event and waits for what it handed to waitUntil. */
  async function dispatch(type: string, event: object): Promise<void> {
    const pending: Promise<unknown>[] = [];
    listeners[type]?.({ ...event, waitUntil: (p: Promise<unknown>) => pending.push(p) });
    await Promise.all(pending);
  }

  const push = (data: unknown) =>
    dispatch('push', {
      data: {
        json: () => (typeof data === 'string' ? JSON.parse(data) : data) as unknown,
        text: () => String(data),
      },
    });

  beforeEach(() => {
    listeners = {};
    shown = [];
    opened = [];
    focused = [];
    windows = [];
    const self = {
      location: { origin: ORIGIN },
      addEventListener: (type: string, fn: (event: unknown) => void) => (listeners[type] = fn),
      skipWaiting: () => Promise.resolve(),
      registration: {
        showNotification: (title: string, options: Shown['options']) => {
          shown.push({ title, options });
          return Promise.resolve();
        },
      },
      clients: {
        claim: () => Promise.resolve(),
        matchAll: () => Promise.resolve(windows),
        openWindow: (url: string) => {
          opened.push(url);
          return Promise.resolve();
        },
      },
    };
    vm.runInNewContext(code, { self, URL });
  });

  it('shows the pushed post with its tag, keeping the link to open', async () => {
    await push({ title: 'Cảnh báo lừa đảo', body: 'Không chuyển tiền…', url: '/tin-tuc/p-1', tag: 'post-p-1' });
    expect(shown).toEqual([
      {
        title: 'Cảnh báo lừa đảo',
        options: { body: 'Không chuyển tiền…', tag: 'post-p-1', data: { url: `${ORIGIN}/tin-tuc/p-1` }, lang: 'vi' },
      },
    ]);
  });

  it('never links to another site, and shows something for a payload it cannot read', async () => {
    await push({ title: 'X', url: 'https://evil.example/phish' });
    await push({ title: 'Y', url: '//evil.example/x' });
    await push('not json');
    expect(shown.map((s) => s.options.data.url)).toEqual([`${ORIGIN}/`, `${ORIGIN}/`, `${ORIGIN}/`]);
    expect(shown[2]).toMatchObject({ title: 'Kết nối An ninh', options: { body: 'not json' } });
  });

  it('opens the post on a tap, or brings forward the tab that already shows it', async () => {
    const close = () => undefined;
    const notification = (url: string) => ({ notification: { close, data: { url } } });
    await dispatch('notificationclick', notification(`${ORIGIN}/tin-tuc/p-1`));
    expect(opened).toEqual([`${ORIGIN}/tin-tuc/p-1`]);
    windows = [{ url: `${ORIGIN}/tin-tuc/p-2`, focus: () => Promise.resolve(void focused.push('p-2')) }];
    await dispatch('notificationclick', notification(`${ORIGIN}/tin-tuc/p-2`));
    expect([opened.length, focused]).toEqual([1, ['p-2']]);
  });
});
