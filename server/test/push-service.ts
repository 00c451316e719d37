import crypto from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestEnv } from './helper.js';
import { selfSignedCertificate } from './self-signed.js';

// A browser's push service on 127.0.0.1 over real HTTPS (RFC 8030), and fake browsers subscribed
// to it: each has its own P-256 key pair and auth secret, so the tests decrypt what the server sent
// (RFC 8291, aes128gcm) with their own code, not the library's, and check its VAPID token (RFC 8292).

export interface PushRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface PushAnswer {
  status: number;
  headers?: Record<string, string>;
}

export interface FakeBrowser {
  /** What PushSubscription.toJSON() gives in a browser. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  /** Decrypts a push message body sent to this browser. */
  decrypt(body: Buffer): string;
}

/** Decrypts an aes128gcm push message (RFC 8188 framing, RFC 8291 keys) for a browser's key and auth secret. */
export function decryptPushMessage(body: Buffer, browserKey: crypto.ECDH, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverPublicKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const shared = browserKey.computeSecret(serverPublicKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), browserKey.getPublicKey(), serverPublicKey]);
  const ikm = Buffer.from(crypto.hkdfSync('sha256', shared, authSecret, keyInfo, 32));
  const cek = Buffer.from(crypto.hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(crypto.hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = crypto.createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  const end = padded.lastIndexOf(2);
  return padded.subarray(0, end).toString('utf8');
}

/**
 * Checks `Authorization: vapid t=<JWT>, k=<public key>`: the ES256 signature under k, and returns
 * k and the token's claims (aud, exp, sub).
 */
export function verifyVapid(authorization: string | undefined): {
  publicKey: string;
  claims: { aud: string; exp: number; sub: string };
} {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization ?? '');
  if (!match) throw new Error(`not a VAPID authorization: ${authorization}`);
  const [, token = '', publicKey = ''] = match;
  const [header = '', payload = '', signature = ''] = token.split('.');
  const point = Buffer.from(publicKey, 'base64url');
  const key = crypto.createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const valid = crypto.verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) throw new Error('the VAPID token is not signed by its key');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    aud: string;
    exp: number;
    sub: string;
  };
  return { publicKey, claims };
}

/** A push service on https://127.0.0.1:<port> that answers 201 unless told otherwise. */
export class FakePushService {
  readonly received: PushRequest[] = [];
  /** Trusts this service's certificate and nothing else. */
  readonly agent: https.Agent;
  private readonly answers = new Map<string, PushAnswer[]>();
  private readonly events = new EventEmitter();

  private constructor(
    private readonly server: https.Server,
    /** The service's self-signed certificate (PEM), e.g. for a child process' NODE_EXTRA_CA_CERTS. */
    readonly cert: string,
  ) {
    this.agent = new https.Agent({ ca: cert, keepAlive: false });
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
        const answer = this.answers.get(path)?.shift() ?? { status: 201 };
        res.writeHead(answer.status, {
          location: `${this.origin}/messages/${this.received.length}`,
          ...answer.headers,
        });
        res.end();
        this.events.emit('request');
      });
    });
  }

  static async start(): Promise<FakePushService> {
    const { key, cert } = selfSignedCertificate();
    const server = https.createServer({ key, cert });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return new FakePushService(server, cert);
  }

  get origin(): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next answers to requests for this browser's endpoint (then 201 again). */
  answer(browser: FakeBrowser, ...answers: PushAnswer[]): void {
    const path = new URL(browser.subscription.endpoint).pathname;
    this.answers.set(path, [...(this.answers.get(path) ?? []), ...answers]);
  }

  /** A browser subscribed to this service: its own keys and endpoint. */
  browser(): FakeBrowser {
    const ecdh = crypto.createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = crypto.randomBytes(16);
    return {
      subscription: {
        endpoint: `${this.origin}/push/${crypto.randomBytes(12).toString('base64url')}`,
        keys: { p256dh: ecdh.getPublicKey('base64url'), auth: auth.toString('base64url') },
      },
      decrypt: (body) => decryptPushMessage(body, ecdh, auth),
    };
  }

  /** Requests that reached one browser's endpoint. */
  requestsTo(browser: FakeBrowser): PushRequest[] {
    const path = new URL(browser.subscription.endpoint).pathname;
    return this.received.filter((r) => r.path === path);
  }

  /** Resolves once `count` requests in all have arrived. */
  async waitForRequests(count: number): Promise<PushRequest[]> {
    while (this.received.length < count) await once(this.events, 'request');
    return this.received;
  }

  async close(): Promise<void> {
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Registers a fake browser's subscription through the public API; returns the resident's cookie and id. */
export async function subscribeBrowser(
  env: TestEnv,
  browser: FakeBrowser,
  cookie?: string,
): Promise<{ cookie: string; residentId: string }> {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/public/push/subscriptions',
    headers: cookie ? { cookie } : {},
    payload: browser.subscription,
  });
  if (res.statusCode !== 201) throw new Error(`subscribe failed: ${res.statusCode} ${res.body}`);
  const set = res.cookies.find((c) => c.name === 'kn_resident');
  const residentCookie = cookie ?? `kn_resident=${set?.value ?? ''}`;
  const me = await env.app.inject({ url: '/api/v1/public/me', headers: { cookie: residentCookie } });
  return { cookie: residentCookie, residentId: me.json<{ id: string }>().id };
}
