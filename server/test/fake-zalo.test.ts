import { EventEmitter, once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZaloClient } from '../channels/zalo/zalo-client.js';
import { FakeZalo, sendWebhook, zaloEvents, zaloSignature, type ZaloWebhookEvent } from './fake-zalo.js';

// The fake Zalo's webhook side, checked against a receiver on 127.0.0.1: exact bytes, §6.2
// signatures (a vector computed outside Node), §6.5 shapes, and the echo of every cs send.

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe('fake Zalo webhooks', () => {
  let receiver: http.Server;
  let url: string;
  const received: Received[] = [];
  const arrivals = new EventEmitter();

  async function next(): Promise<Received> {
    const [r] = (await once(arrivals, 'request')) as [Received];
    return r;
  }

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        received.push(r);
        res.writeHead(200).end('ok');
        arrivals.emit('request', r);
      });
    });
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/zalo`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('signs as sha256(app id + raw body + body timestamp + OA secret key), with the mac= prefix', () => {
    // printf '%s' '360846524940903967{"timestamp":"1699003881354"}1699003881354oa-secret' | sha256sum
    expect(zaloSignature('{"timestamp":"1699003881354"}', '1699003881354', '360846524940903967', 'oa-secret')).toBe(
      'mac=099588f4b6fb87a4e5bfe9c516895955b69b723ea43420788871d85f9dd0fdaf',
    );
  });

  it('posts the serialised event with its signature, and a forged or missing one when asked', async () => {
    const event = zaloEvents.userSendText({ appId: '1', oaId: '2', userId: '3', text: 'Chào công an phường', at: 1 });
    const keys = { appId: '1', oaSecretKey: 'k' };
    const answer = await sendWebhook(url, event, keys);
    expect(answer).toEqual({ status: 200, body: 'ok' });
    const genuine = received.at(-1);
    expect(genuine?.body).toBe(JSON.stringify(event));
    expect(genuine?.headers['x-zevent-signature']).toBe(zaloSignature(JSON.stringify(event), '1', '1', 'k'));

    await sendWebhook(url, event, { ...keys, signature: 'mac=00' });
    expect(received.at(-1)?.headers['x-zevent-signature']).toBe('mac=00');
    await sendWebhook(url, event, { ...keys, signature: null });
    expect(received.at(-1)?.headers['x-zevent-signature']).toBeUndefined();
  });

  it('builds the §6.5 shapes with ids as 19-digit strings and timestamps as ms strings', () => {
    const p = { appId: '360846524940903967', oaId: '388613280878808645', userId: '7677597454271532329', at: 1 };
    const text = zaloEvents.userSendText({ ...p, text: 'hỏi' });
    expect(text).toMatchObject({
      event_name: 'user_send_text',
      timestamp: '1',
      sender: { id: p.userId },
      recipient: { id: p.oaId },
      message: { text: 'hỏi' },
    });
    expect((text.message as { msg_id: string }).msg_id).toMatch(/^[0-9a-f]{20}$/);
    expect(text.user_id_by_app).toMatch(/^[1-9]\d{18}$/);
    const file = zaloEvents.userSendFile({ ...p, url: 'https://f/x.pdf', name: 'x.pdf', size: 12, ext: 'pdf' });
    expect(file.message).toMatchObject({ attachments: [{ type: 'file', payload: { name: 'x.pdf', size: '12' } }] });
    const place = zaloEvents.userSendLocation({ ...p, latitude: 18.34, longitude: 105.9 });
    expect(place.message).toMatchObject({
      attachments: [{ type: 'location', payload: { coordinates: { latitude: '18.34', longitude: '105.9' } } }],
    });
    const echo = zaloEvents.oaSendText({ ...p, text: 'trả lời', adminId: '99' });
    expect(echo).toMatchObject({ sender: { id: p.oaId, admin_id: '99' }, recipient: { id: p.userId } });
    expect(zaloEvents.follow(p)).toMatchObject({ oa_id: p.oaId, follower: { id: p.userId }, event_name: 'follow' });
    expect(zaloEvents.userSubmitInfo({ ...p, name: 'Lan', phone: '84912345678' })).toMatchObject({
      sender: { id: p.userId },
      info: { name: 'Lan', phone: '84912345678' },
    });
    for (const event of [
      zaloEvents.userSendImage({ ...p, url: 'https://i/a.jpg' }),
      zaloEvents.userSendAudio({ ...p, url: 'https://a/a.aac' }),
      zaloEvents.userSendSticker({ ...p, stickerId: 's1', url: 'https://s/1' }),
      zaloEvents.unfollow(p),
    ] satisfies ZaloWebhookEvent[]) {
      expect(event.app_id).toBe(p.appId);
    }
  });

  it('echoes each accepted cs text as a signed oa_send_text carrying the sent message id', async () => {
    const fake = await FakeZalo.start();
    try {
      fake.echoUrl = url;
      const client = createZaloClient({ apiBase: fake.url, oauthBase: fake.url });
      const arrived = next();
      const { messageId } = await client.sendCsMessage(fake.issueTokens().accessToken, '7677597454271532329', {
        kind: 'text',
        text: 'Đã nhận',
      });
      const echo = await arrived;
      const event = JSON.parse(echo.body) as ZaloWebhookEvent;
      expect(event).toMatchObject({
        event_name: 'oa_send_text',
        sender: { id: fake.oa.oaId },
        recipient: { id: '7677597454271532329' },
        message: { msg_id: messageId, text: 'Đã nhận' },
      });
      expect(echo.headers['x-zevent-signature']).toBe(
        zaloSignature(echo.body, event.timestamp, fake.oa.appId, fake.oa.oaSecretKey),
      );
      await fake.settled();
    } finally {
      await fake.close();
    }
  });
});
