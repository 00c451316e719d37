import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeZalo, zaloId } from '../../test/fake-zalo.js';
import { codeChallengeS256, createCodeVerifier, createOAuthState } from './pkce.js';
import { createZaloClient, type ZaloClient } from './zalo-client.js';
import { ZaloApiError } from './zalo-error.js';

// The client against a fake Zalo over real HTTP on 127.0.0.1: what reaches Zalo is read back from
// the fake's records, and Zalo's failures come back as classified ZaloApiErrors.

async function zaloError(promise: Promise<unknown>): Promise<ZaloApiError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ZaloApiError)) throw new Error(`expected a ZaloApiError, got ${String(err)}`);
  return err;
}

describe('Zalo client', () => {
  let fake: FakeZalo;
  let client: ZaloClient;
  let accessToken: string;
  const userId = '7677597454271532329'; // beyond 2^53: rounding would change it

  beforeAll(async () => {
    fake = await FakeZalo.start();
    client = createZaloClient({ apiBase: fake.url, oauthBase: `${fake.url}/` });
    accessToken = fake.issueTokens().accessToken;
  });
  afterAll(async () => {
    await fake.close();
  });

  describe('cs messages', () => {
    it('sends a text to the user with the access token header and returns Zalo’s message id', async () => {
      const { messageId } = await client.sendCsMessage(accessToken, userId, { kind: 'text', text: 'Xin chào!' });
      const sent = fake.sent.at(-1);
      expect(sent).toMatchObject({ endpoint: 'cs', oaId: fake.oa.oaId, recipientId: userId, messageId });
      expect(sent?.message).toEqual({ text: 'Xin chào!' });
      const request = fake.requests.at(-1);
      expect(request?.headers.access_token).toBe(accessToken);
      expect(request?.headers['content-type']).toBe('application/json');
      expect(request?.body.toString()).toContain(`"user_id":"${userId}"`);
    });

    it('sends quick replies as query buttons under the text, and a quoted message id', async () => {
      await client.sendCsMessage(accessToken, userId, {
        kind: 'text',
        text: 'Bạn cần làm thủ tục nào?',
        quoteMessageId: 'a1b2c3',
        buttons: [
          { type: 'query', title: 'Đăng ký tạm trú', payload: 'Tôi muốn đăng ký tạm trú' },
          { type: 'url', title: 'Cổng dịch vụ công', url: 'https://dichvucong.gov.vn' },
          { type: 'phone', title: 'Gọi trực ban', phone: '0239113' },
        ],
      });
      expect(fake.sent.at(-1)?.message).toEqual({
        text: 'Bạn cần làm thủ tục nào?',
        quote_message_id: 'a1b2c3',
        attachment: {
          type: 'template',
          payload: {
            buttons: [
              { title: 'Đăng ký tạm trú', type: 'oa.query.show', payload: 'Tôi muốn đăng ký tạm trú' },
              { title: 'Cổng dịch vụ công', type: 'oa.open.url', payload: { url: 'https://dichvucong.gov.vn' } },
              { title: 'Gọi trực ban', type: 'oa.open.phone', payload: { phone_code: '0239113' } },
            ],
          },
        },
      });
    });

    it('uploads an image as multipart and sends it by attachment id with a caption', async () => {
      const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
      const { attachmentId } = await client.uploadImage(accessToken, {
        bytes,
        fileName: 'anh-hien-truong.jpg',
        mimeType: 'image/jpeg',
      });
      expect(fake.uploads.at(-1)).toMatchObject({ kind: 'image', id: attachmentId, fileName: 'anh-hien-truong.jpg' });
      expect(fake.uploads.at(-1)?.mimeType).toBe('image/jpeg');
      expect(fake.uploads.at(-1)?.bytes.equals(bytes)).toBe(true);

      await client.sendCsMessage(accessToken, userId, { kind: 'image', attachmentId, caption: 'Ảnh hiện trường' });
      expect(fake.sent.at(-1)?.message).toEqual({
        text: 'Ảnh hiện trường',
        attachment: {
          type: 'template',
          payload: { template_type: 'media', elements: [{ media_type: 'image', attachment_id: attachmentId }] },
        },
      });
    });

    it('sends an image by URL', async () => {
      await client.sendCsMessage(accessToken, userId, { kind: 'image', url: 'https://example.org/a.png' });
      expect(fake.sent.at(-1)?.message).toEqual({
        attachment: {
          type: 'template',
          payload: { template_type: 'media', elements: [{ media_type: 'image', url: 'https://example.org/a.png' }] },
        },
      });
    });

    it('uploads a file and sends it by token', async () => {
      const bytes = Buffer.from('%PDF-1.7 mẫu tờ khai CT01');
      const { token } = await client.uploadFile(accessToken, {
        bytes,
        fileName: 'to-khai-ct01.pdf',
        mimeType: 'application/pdf',
      });
      expect(fake.uploads.at(-1)).toMatchObject({ kind: 'file', id: token, mimeType: 'application/pdf' });
      expect(fake.uploads.at(-1)?.bytes.equals(bytes)).toBe(true);
      await client.sendCsMessage(accessToken, userId, { kind: 'file', token });
      expect(fake.sent.at(-1)?.message).toEqual({ attachment: { type: 'file', payload: { token } } });
    });
  });

  describe('groups and users', () => {
    it('sends a text to a Zalo group', async () => {
      const groupId = 'f414c8f76fa586fbdfb4';
      const { messageId } = await client.sendGroupMessage(accessToken, groupId, { kind: 'text', text: 'Thông báo' });
      expect(fake.sent.at(-1)).toMatchObject({ endpoint: 'group', recipientId: groupId, messageId });
      expect(fake.requests.at(-1)?.path).toBe('/v3.0/oa/group/message');
    });

    it('refuses buttons for a group before calling Zalo', async () => {
      const before = fake.requests.length;
      const err = await zaloError(
        client.sendGroupMessage(accessToken, 'g1', {
          kind: 'text',
          text: 'Chọn',
          buttons: [{ type: 'query', title: 'A', payload: 'a' }],
        }),
      );
      expect(err).toMatchObject({ code: 'bad_request', errorClass: 'not_allowed' });
      expect(fake.requests.length).toBe(before);
    });

    it('refuses a text over 2,000 characters or an empty one before calling Zalo', async () => {
      const before = fake.requests.length;
      const long = await zaloError(client.sendCsMessage(accessToken, userId, { kind: 'text', text: 'a'.repeat(2001) }));
      expect(long).toMatchObject({ code: 'bad_request', errorClass: 'not_allowed' });
      const empty = await zaloError(client.sendCsMessage(accessToken, userId, { kind: 'text', text: ' ' }));
      expect(empty.code).toBe('bad_request');
      expect(fake.requests.length).toBe(before);
      await client.sendCsMessage(accessToken, userId, { kind: 'text', text: 'a'.repeat(2000) });
      expect(fake.requests.length).toBe(before + 1);
    });

    it('reads a user’s name and 240 px avatar, the id passed as JSON in `data`', async () => {
      fake.setUser(userId, { displayName: 'Nguyễn Thị Lan', avatar: 'https://s240.avatar.example/lan.jpg' });
      const detail = await client.getUserDetail(accessToken, userId);
      expect(detail).toEqual({
        userId,
        displayName: 'Nguyễn Thị Lan',
        avatarUrl: 'https://s240.avatar.example/lan.jpg',
        isFollower: true,
      });
      expect(fake.requests.at(-1)?.query.get('data')).toBe(`{"user_id":"${userId}"}`);
    });
  });

  describe('errors', () => {
    it.each([
      [-32, 'rate_limited'],
      [-216, 'token'],
      [-220, 'token'],
      [-230, 'window_closed'],
      [-227, 'not_allowed'],
      [-200, 'retry'],
    ] as const)('turns Zalo error %i (HTTP 200) into a ZaloApiError of class %s', async (code, errorClass) => {
      fake.failNext('cs', code);
      const err = await zaloError(client.sendCsMessage(accessToken, userId, { kind: 'text', text: 'x' }));
      expect(err).toMatchObject({ code: `zalo:${code}`, zaloCode: code, errorClass });
      expect(err.message.length).toBeGreaterThan(0);
    });

    it('keeps refusing a user whose window is closed until the user writes again', async () => {
      const resident = zaloId();
      fake.refuseUser(resident, -230);
      for (let i = 0; i < 2; i++) {
        const err = await zaloError(client.sendCsMessage(accessToken, resident, { kind: 'text', text: 'x' }));
        expect(err.errorClass).toBe('window_closed');
      }
      fake.allowUser(resident);
      await client.sendCsMessage(accessToken, resident, { kind: 'text', text: 'Chào bạn' });
      expect(fake.sent.at(-1)).toMatchObject({ recipientId: resident, message: { text: 'Chào bạn' } });
    });

    it('classifies -237 from a group send as a broken group link', async () => {
      fake.failNext('group', -237);
      const err = await zaloError(client.sendGroupMessage(accessToken, 'g1', { kind: 'text', text: 'x' }));
      expect(err).toMatchObject({ code: 'zalo:-237', errorClass: 'group_expired' });
    });

    it('answers -216 for an unknown token and -220 for an expired one', async () => {
      const unknown = await zaloError(client.getUserDetail('not-a-token', userId));
      expect(unknown).toMatchObject({ zaloCode: -216, errorClass: 'token' });
      const { accessToken: doomed } = fake.issueTokens();
      fake.expireAccessToken(doomed);
      const expired = await zaloError(client.sendCsMessage(doomed, userId, { kind: 'text', text: 'x' }));
      expect(expired).toMatchObject({ zaloCode: -220, errorClass: 'token' });
      expect(fake.sent.some((s) => s.message.text === 'x')).toBe(false);
    });

    it('retries an HTTP error status (no Zalo code)', async () => {
      fake.answerHttpNext('upload_image', 502);
      const err = await zaloError(
        client.uploadImage(accessToken, { bytes: Buffer.from([1]), fileName: 'a.jpg', mimeType: 'image/jpeg' }),
      );
      expect(err).toMatchObject({ code: 'http:502', zaloCode: null, errorClass: 'retry' });
    });

    it('gives up on a call Zalo holds past the timeout, as a retryable error', async () => {
      const impatient = createZaloClient({ apiBase: fake.url, oauthBase: fake.url, timeoutMs: 200 });
      const hold = fake.holdNext('cs');
      const sending = zaloError(impatient.sendCsMessage(accessToken, userId, { kind: 'text', text: 'chậm' }));
      await hold.reached;
      const err = await sending;
      hold.release();
      expect(err).toMatchObject({ code: 'timeout', errorClass: 'retry' });
    });

    it('answers a held call normally once released', async () => {
      const hold = fake.holdNext('cs');
      const sending = client.sendCsMessage(accessToken, userId, { kind: 'text', text: 'đợi' });
      await hold.reached;
      expect(fake.sent.some((s) => s.message.text === 'đợi')).toBe(false);
      hold.release();
      const { messageId } = await sending;
      expect(fake.sent.at(-1)).toMatchObject({ messageId, message: { text: 'đợi' } });
    });

    it('reports an unreachable Zalo as a retryable network error', async () => {
      const server = http.createServer().listen(0, '127.0.0.1');
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      await new Promise((resolve) => server.close(resolve));
      const offline = createZaloClient({ apiBase: `http://127.0.0.1:${port}`, oauthBase: fake.url });
      const err = await zaloError(offline.getUserDetail(accessToken, userId));
      expect(err).toMatchObject({ code: 'network', errorClass: 'retry' });
    });
  });

  describe('ids Zalo writes as bare numbers', () => {
    it('keeps a 19-digit message or user id exact', async () => {
      const raw =
        '{"error":0,"message":"Success","data":{"message_id":7677597454271532329,"user_id":7677597454271532329}}';
      const stubbed = createZaloClient({
        apiBase: 'http://zalo.invalid',
        oauthBase: 'http://zalo.invalid',
        fetch: () => Promise.resolve(new Response(raw, { headers: { 'content-type': 'application/json' } })),
      });
      const { messageId } = await stubbed.sendCsMessage('t', userId, { kind: 'text', text: 'x' });
      expect(messageId).toBe('7677597454271532329');
    });
  });

  describe('OAuth v4', () => {
    it('connects through the consent link with PKCE and state, then exchanges the code', async () => {
      const verifier = createCodeVerifier();
      const state = createOAuthState();
      const redirectUri = 'https://ketnoi.example/console/zalo/callback';
      const link = client.consentUrl({
        appId: fake.oa.appId,
        redirectUri,
        codeChallenge: codeChallengeS256(verifier),
        state,
      });
      expect(link.startsWith(`${fake.url}/v4/oa/permission?`)).toBe(true);
      const consent = await fetch(link, { redirect: 'manual' });
      const back = new URL(consent.headers.get('location') ?? '');
      expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
      expect(back.searchParams.get('state')).toBe(state);
      expect(back.searchParams.get('oa_id')).toBe(fake.oa.oaId);

      const pair = await client.exchangeCode({
        appId: fake.oa.appId,
        appSecret: fake.oa.appSecret,
        code: back.searchParams.get('code') ?? '',
        codeVerifier: verifier,
      });
      expect(pair.expiresInSeconds).toBe(90_000);
      const request = fake.requests.at(-1);
      expect(request?.headers.secret_key).toBe(fake.oa.appSecret);
      expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(new URLSearchParams(request?.body.toString()).get('grant_type')).toBe('authorization_code');
      await expect(client.getUserDetail(pair.accessToken, userId)).resolves.toMatchObject({ userId });
    });

    it('refuses a code exchanged with the wrong verifier, for good', async () => {
      const code = fake.authorize(fake.oa.appId, codeChallengeS256(createCodeVerifier()));
      const err = await zaloError(
        client.exchangeCode({
          appId: fake.oa.appId,
          appSecret: fake.oa.appSecret,
          code,
          codeVerifier: createCodeVerifier(),
        }),
      );
      expect(err.errorClass).toBe('not_allowed');
      expect(err.code).toMatch(/^zalo:-14\d{3}$/);
    });

    it('rotates the refresh token: a used one is refused, the new one works', async () => {
      const oa = fake.addOa();
      const first = fake.issueTokens(oa.appId);
      const second = await client.refreshAccessToken({
        appId: oa.appId,
        appSecret: oa.appSecret,
        refreshToken: first.refreshToken,
      });
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.accessToken).not.toBe(first.accessToken);
      expect(fake.refreshCount(oa.appId)).toBe(1);
      expect(new URLSearchParams(fake.requests.at(-1)?.body.toString()).get('grant_type')).toBe('refresh_token');

      const reused = await zaloError(
        client.refreshAccessToken({ appId: oa.appId, appSecret: oa.appSecret, refreshToken: first.refreshToken }),
      );
      expect(reused).toMatchObject({ code: 'zalo:-14014', errorClass: 'not_allowed' });
      expect(reused.message).toBe('Invalid refresh token');
      expect(fake.refreshCount(oa.appId)).toBe(1);

      const third = await client.refreshAccessToken({
        appId: oa.appId,
        appSecret: oa.appSecret,
        refreshToken: second.refreshToken,
      });
      expect(fake.refreshCount(oa.appId)).toBe(2);
      await expect(client.getUserDetail(third.accessToken, zaloId())).resolves.toMatchObject({ isFollower: true });
    });

    it('refuses a refresh with the wrong app secret', async () => {
      const { refreshToken } = fake.issueTokens();
      const err = await zaloError(
        client.refreshAccessToken({ appId: fake.oa.appId, appSecret: 'wrong', refreshToken }),
      );
      expect(err.errorClass).toBe('not_allowed');
      expect(fake.refreshCount()).toBe(0);
    });
  });
});
