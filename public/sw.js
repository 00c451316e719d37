// Kết nối An ninh's service worker: shows the notifications the server pushes (web push: a post
// of a followed ward) and opens the post when one is tapped. Served at /sw.js and revalidated on
// every load (server/http/web-app.ts); the payload is JSON {title, body, url, tag}.
'use strict';

const FALLBACK_TITLE = 'Kết nối An ninh';

/** The URL to open: a path of this site, or its home page (a notification never opens another site). */
function sameOriginUrl(value) {
  const home = `${self.location.origin}/`;
  if (typeof value !== 'string') return home;
  try {
    const url = new URL(value, self.location.origin);
    return url.origin === self.location.origin ? url.href : home;
  } catch {
    return home;
  }
}

function readPayload(data) {
  if (!data) return {};
  try {
    const parsed = data.json();
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return { body: data.text() };
  }
}

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  const payload = readPayload(event.data);
  const title = typeof payload.title === 'string' && payload.title ? payload.title : FALLBACK_TITLE;
  const options = {
    body: typeof payload.body === 'string' ? payload.body : '',
    data: { url: sameOriginUrl(payload.url) },
    lang: 'vi',
  };
  // One notification per post: a re-sent one replaces it, silently.
  if (typeof payload.tag === 'string' && payload.tag) options.tag = payload.tag;
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = sameOriginUrl(event.notification.data && event.notification.data.url);
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => w.url === url);
      return open ? open.focus() : self.clients.openWindow(url);
    }),
  );
});
