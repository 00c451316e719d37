import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendWebhook, zaloEvents, zaloId, zaloMessageId } from './fake-zalo-webhooks.js';
import { multipartFile, readBody } from './http-body.js';

export * from './fake-zalo-webhooks.js';

// Zalo on 127.0.0.1 over real HTTP, per the platform brief (§2, §3, §4): OAuth v4 (consent redirect,
// code exchange with PKCE, single-use rotating refresh tokens) and the OA API (cs and group
// messages, uploads, user detail) behind the `access_token` header, answering failures as HTTP 200
// with a non-zero `error`. Every request is recorded; a test injects errors or holds a call until it
// releases it, and waits for requests as events. Serve both ZALO_API_BASE and ZALO_OAUTH_BASE from `url`.

export type FakeZaloEndpoint = 'permission' | 'token' | 'cs' | 'group' | 'upload_image' | 'upload_file' | 'user_detail';

const ROUTES: Record<string, FakeZaloEndpoint> = {
  'GET /v4/oa/permission': 'permission',
  'POST /v4/oa/access_token': 'token',
  'POST /v3.0/oa/message/cs': 'cs',
  'POST /v3.0/oa/group/message': 'group',
  'POST /v2.0/oa/upload/image': 'upload_image',
  'POST /v2.0/oa/upload/file': 'upload_file',
  'GET /v3.0/oa/user/detail': 'user_detail',
};

/** Zalo's wording of the errors tests inject (§5). */
const ERROR_MESSAGES: Record<number, string> = {
  [-32]: 'Your application reached limit call api',
  [-216]: 'Access token is invalid',
  [-220]: 'access_token is expired or removed',
  [-227]: 'User is banned or inactive more than 45 days',
  [-230]: 'User has not interacted with the OA in the past 7 days',
  [-237]: 'The group is disabled',
};

export interface FakeOa {
  appId: string;
  appSecret: string;
  oaId: string;
  oaSecretKey: string;
}

export interface FakeZaloRequest {
  endpoint: FakeZaloEndpoint | null;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A message the fake accepted, as Zalo received it. */
export interface FakeSentMessage {
  endpoint: 'cs' | 'group';
  oaId: string;
  /** user_id (cs) or group_id (group). */
  recipientId: string;
  messageId: string;
  /** The request's `message` object as sent. */
  message: Record<string, unknown>;
}

export interface FakeUpload {
  kind: 'image' | 'file';
  oaId: string;
  id: string;
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

/** A call held by the fake until the test releases it. */
export interface FakeHold {
  /** Resolves when the held request has arrived. */
  reached: Promise<FakeZaloRequest>;
  /** Zalo does the call and answers it (the answer is lost if the caller is gone: the call still happened). */
  release(): void;
  /** Zalo never did the call: nothing is recorded and the connection is cut. */
  drop(): void;
  /** Resolves once the held call was done (and answered, if anyone still listens) or dropped. */
  finished: Promise<void>;
}

type Behaviour =
  { kind: 'pass' } | { kind: 'error'; code: number } | { kind: 'http'; status: number } | { kind: 'hold'; gate: Gate };

interface Gate {
  arrived(request: FakeZaloRequest): void;
  /** True: do the call; false: drop it. */
  released: Promise<boolean>;
  release(): void;
  finish(): void;
}

interface AccessToken {
  appId: string;
  expired: boolean;
}

function token(): string {
  return randomBytes(24).toString('base64url');
}

export class FakeZalo {
  readonly requests: FakeZaloRequest[] = [];
  readonly sent: FakeSentMessage[] = [];
  readonly uploads: FakeUpload[] = [];
  /** Access and refresh token pairs issued per app by refresh (not by code exchange or issueTokens). */
  readonly refreshes = new Map<string, number>();
  /** Seconds Zalo says new access tokens live ("expires_in", sent as a string). */
  expiresInSeconds = 90_000;
  /** When set, every accepted cs message is echoed there as an oa_send_text event (§6.5). */
  echoUrl: string | null = null;

  private readonly oas = new Map<string, FakeOa>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, string>(); // refresh token → app id (removed when used)
  private readonly codes = new Map<string, { appId: string; challenge: string | null }>();
  private readonly behaviours = new Map<FakeZaloEndpoint, Behaviour[]>();
  private readonly users = new Map<string, { displayName: string; avatar: string }>();
  private readonly refusedUsers = new Map<string, number>();
  private readonly gates = new Set<Gate>();
  private readonly echoes = new Set<Promise<unknown>>();
  private closing = false;
  private readonly events = new EventEmitter();
  private readonly media = new Map<string, { bytes: Buffer; contentType: string }>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    /** The OA the fake starts with. */
    readonly oa: FakeOa,
  ) {
    this.oas.set(oa.appId, oa);
  }

  /** Starts the fake on a random port with one OA (fields not given are generated). */
  static async start(oa: Partial<FakeOa> = {}): Promise<FakeZalo> {
    const server = http.createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const fake = new FakeZalo(server, `http://127.0.0.1:${port}`, {
      appId: oa.appId ?? zaloId(),
      appSecret: oa.appSecret ?? token(),
      oaId: oa.oaId ?? zaloId(),
      oaSecretKey: oa.oaSecretKey ?? token(),
    });
    server.on('request', (req, res) => {
      fake.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(err));
      });
    });
    return fake;
  }

  /** Adds another OA with its own app (fields not given are generated). */
  addOa(oa: Partial<FakeOa> = {}): FakeOa {
    const full = { appId: zaloId(), appSecret: token(), oaId: zaloId(), oaSecretKey: token(), ...oa };
    this.oas.set(full.appId, full);
    return full;
  }

  /** A token pair as Zalo's API explorer issues it. */
  issueTokens(appId = this.oa.appId): { accessToken: string; refreshToken: string; expiresInSeconds: number } {
    const accessToken = token();
    const refreshToken = token();
    this.accessTokens.set(accessToken, { appId, expired: false });
    this.refreshTokens.set(refreshToken, appId);
    return { accessToken, refreshToken, expiresInSeconds: this.expiresInSeconds };
  }

  /** A consent code as the permission page would give it (with the PKCE challenge it was asked with). */
  authorize(appId = this.oa.appId, codeChallenge: string | null = null): string {
    const code = token();
    this.codes.set(code, { appId, challenge: codeChallenge });
    return code;
  }

  /** The access token's calls now answer -220 (expired or removed). */
  expireAccessToken(accessToken: string): void {
    const known = this.accessTokens.get(accessToken);
    if (known) known.expired = true;
  }

  /** Refreshes done for an app so far. */
  refreshCount(appId = this.oa.appId): number {
    return this.refreshes.get(appId) ?? 0;
  }

  /** Serves bytes at a URL on the fake (a photo or file a user sent, as Zalo's CDN would); its URL. */
  serveMedia(name: string, bytes: Buffer, contentType: string): string {
    this.media.set(`/media/${name}`, { bytes, contentType });
    return `${this.url}/media/${name}`;
  }

  setUser(userId: string, profile: { displayName: string; avatar: string }): void {
    this.users.set(userId, profile);
  }

  /**
   * The next `times` calls to an endpoint answer Zalo error `code` (HTTP 200); with `after`, that
   * many calls are answered normally first (the third piece of a long answer fails).
   */
  failNext(endpoint: FakeZaloEndpoint, code: number, times = 1, after = 0): void {
    for (let i = 0; i < after; i++) this.queue(endpoint, { kind: 'pass' });
    for (let i = 0; i < times; i++) this.queue(endpoint, { kind: 'error', code });
  }

  /** Every cs message to the user answers `code` until allowUser (-230: the 7-day window closed; -227: banned). */
  refuseUser(userId: string, code: number): void {
    this.refusedUsers.set(userId, code);
  }

  allowUser(userId: string): void {
    this.refusedUsers.delete(userId);
  }

  /** The next call to an endpoint answers this HTTP status (a proxy or Zalo down). */
  answerHttpNext(endpoint: FakeZaloEndpoint, status: number): void {
    this.queue(endpoint, { kind: 'http', status });
  }

  /** The next call to an endpoint waits until the test releases it, then is answered normally. */
  holdNext(endpoint: FakeZaloEndpoint): FakeHold {
    let arrived!: (request: FakeZaloRequest) => void;
    let decide!: (taken: boolean) => void;
    const reached = new Promise<FakeZaloRequest>((resolve) => (arrived = resolve));
    let finish!: () => void;
    const released = new Promise<boolean>((resolve) => (decide = resolve));
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const gate: Gate = { arrived, released, release: () => decide(true), finish };
    this.gates.add(gate);
    this.queue(endpoint, { kind: 'hold', gate });
    return { reached, release: () => decide(true), drop: () => decide(false), finished };
  }

  /** Resolves once `count` requests in all have reached the endpoint. */
  async waitForRequests(endpoint: FakeZaloEndpoint, count: number): Promise<FakeZaloRequest[]> {
    const matching = () => this.requests.filter((r) => r.endpoint === endpoint);
    while (matching().length < count) await once(this.events, 'request');
    return matching();
  }

  /** Resolves when every echo webhook sent so far has been answered. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.echoes]);
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const gate of this.gates) gate.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private queue(endpoint: FakeZaloEndpoint, behaviour: Behaviour): void {
    const list = this.behaviours.get(endpoint) ?? [];
    list.push(behaviour);
    this.behaviours.set(endpoint, list);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const body = await readBody(req);
    const endpoint = ROUTES[`${req.method} ${url.pathname}`] ?? null;
    const request: FakeZaloRequest = {
      endpoint,
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    this.requests.push(request);
    this.events.emit('request', request);
    const served = req.method === 'GET' ? this.media.get(url.pathname) : undefined;
    if (served) return void res.writeHead(200, { 'content-type': served.contentType }).end(served.bytes);
    if (!endpoint) return void res.writeHead(404).end();

    const behaviour = this.behaviours.get(endpoint)?.shift();
    try {
      await this.serve(endpoint, behaviour, request, url, req, res);
    } finally {
      if (behaviour?.kind === 'hold') behaviour.gate.finish();
    }
  }

  private async serve(
    endpoint: FakeZaloEndpoint,
    behaviour: Behaviour | undefined,
    request: FakeZaloRequest,
    url: URL,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    if (behaviour?.kind === 'hold') {
      behaviour.gate.arrived(request);
      const taken = await behaviour.gate.released;
      this.gates.delete(behaviour.gate);
      if (!taken) return void res.destroy();
    }
    const json = (value: unknown) => {
      if (res.destroyed) return;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    };
    if (behaviour?.kind === 'http') return void res.writeHead(behaviour.status).end('upstream error');
    if (behaviour?.kind === 'error') {
      return json({ error: behaviour.code, message: ERROR_MESSAGES[behaviour.code] ?? 'Injected error' });
    }
    if (endpoint === 'permission') return this.permission(url, res);
    if (endpoint === 'token') return json(this.token(request));
    const auth = this.authenticate(req.headers.access_token);
    if ('error' in auth) return json(auth);
    json(this.oaCall(endpoint, request, auth.oa));
  }

  // The consent page: the admin grants at once and is sent back with a code.
  private permission(url: URL, res: http.ServerResponse): void {
    const appId = url.searchParams.get('app_id') ?? '';
    const redirectUri = url.searchParams.get('redirect_uri');
    const oa = this.oas.get(appId);
    if (!oa || !redirectUri) return void res.writeHead(400).end('unknown app or no redirect_uri');
    const back = new URL(redirectUri);
    back.searchParams.set('code', this.authorize(appId, url.searchParams.get('code_challenge')));
    back.searchParams.set('oa_id', oa.oaId);
    const state = url.searchParams.get('state');
    if (state !== null) back.searchParams.set('state', state);
    res.writeHead(302, { location: back.toString() }).end();
  }

  private token(request: FakeZaloRequest): Record<string, unknown> {
    const form = new URLSearchParams(request.body.toString('utf8'));
    const appId = form.get('app_id') ?? '';
    const oa = this.oas.get(appId);
    const refuse = (error: number, name: string) => ({ error, error_name: name });
    if (!oa) return refuse(-14001, 'Invalid app_id');
    if (request.headers['secret_key'] !== oa.appSecret) return refuse(-14004, 'Invalid secret key');
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') {
      const code = this.codes.get(form.get('code') ?? '');
      if (!code || code.appId !== appId) return refuse(-14019, 'Invalid authorization code');
      const verifier = form.get('code_verifier');
      const challenge = verifier ? createHash('sha256').update(verifier).digest('base64url') : null;
      if (code.challenge !== null && challenge !== code.challenge) return refuse(-14022, 'Invalid code verifier');
      this.codes.delete(form.get('code') ?? '');
      return this.tokenAnswer(appId);
    }
    if (grant === 'refresh_token') {
      const refreshToken = form.get('refresh_token') ?? '';
      if (this.refreshTokens.get(refreshToken) !== appId) return refuse(-14014, 'Invalid refresh token');
      this.refreshTokens.delete(refreshToken); // single use
      this.refreshes.set(appId, this.refreshCount(appId) + 1);
      return this.tokenAnswer(appId);
    }
    return refuse(-14000, 'Invalid grant_type');
  }

  private tokenAnswer(appId: string): Record<string, unknown> {
    const pair = this.issueTokens(appId);
    return {
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires_in: String(pair.expiresInSeconds),
    };
  }

  private authenticate(header: string | string[] | undefined): { oa: FakeOa } | { error: number; message: string } {
    const known = typeof header === 'string' ? this.accessTokens.get(header) : undefined;
    const oa = known && this.oas.get(known.appId);
    if (!known || !oa) return { error: -216, message: ERROR_MESSAGES[-216] ?? '' };
    if (known.expired) return { error: -220, message: ERROR_MESSAGES[-220] ?? '' };
    return { oa };
  }

  private oaCall(endpoint: FakeZaloEndpoint, request: FakeZaloRequest, oa: FakeOa): Record<string, unknown> {
    const invalid = (field: string) => ({ error: -201, message: `${field} is invalid!` });
    if (endpoint === 'upload_image' || endpoint === 'upload_file') {
      const file = multipartFile(request.body, request.headers['content-type']);
      if (!file || !file.bytes.length) return invalid('file');
      const kind = endpoint === 'upload_image' ? 'image' : 'file';
      const id = token();
      this.uploads.push({ kind, oaId: oa.oaId, id, ...file });
      return { error: 0, message: 'Success', data: kind === 'image' ? { attachment_id: id } : { token: id } };
    }
    if (endpoint === 'user_detail') {
      const params = JSON.parse(request.query.get('data') ?? '{}') as { user_id?: unknown };
      if (typeof params.user_id !== 'string' || !/^\d+$/.test(params.user_id)) return invalid('user_id');
      const profile = this.users.get(params.user_id) ?? {
        displayName: `Người dùng ${params.user_id.slice(-4)}`,
        avatar: `${this.url}/avatar/${params.user_id}.jpg`,
      };
      return {
        error: 0,
        message: 'Success',
        data: {
          user_id: params.user_id,
          display_name: profile.displayName,
          avatar: profile.avatar,
          avatars: { '120': profile.avatar, '240': profile.avatar },
          user_is_follower: true,
        },
      };
    }
    // cs and group messages: {recipient: {user_id | group_id}, message: {...}}
    const body = JSON.parse(request.body.toString('utf8')) as {
      recipient?: Record<string, unknown>;
      message?: unknown;
    };
    const recipientId = body.recipient?.[endpoint === 'cs' ? 'user_id' : 'group_id'];
    if (typeof recipientId !== 'string' || !/^\w+$/.test(recipientId)) return invalid('recipient');
    if (typeof body.message !== 'object' || body.message === null) return invalid('message');
    const refused = endpoint === 'cs' ? this.refusedUsers.get(recipientId) : undefined;
    if (refused !== undefined) return { error: refused, message: ERROR_MESSAGES[refused] ?? 'Refused' };
    const message = body.message as Record<string, unknown>;
    if (typeof message.text === 'string' && message.text.length > 2000) return invalid('text');
    const messageId = zaloMessageId();
    this.sent.push({ endpoint: endpoint === 'cs' ? 'cs' : 'group', oaId: oa.oaId, recipientId, messageId, message });
    if (endpoint === 'cs' && this.echoUrl && typeof message.text === 'string')
      this.echo(oa, recipientId, messageId, message.text);
    return endpoint === 'cs'
      ? { error: 0, message: 'Success', data: { message_id: messageId, user_id: recipientId } }
      : { error: 0, message: 'Success', data: { message_id: messageId, group_id: recipientId } };
  }

  // Zalo resends a webhook the receiver did not answer 200 for hours (§6.1); the fake resends at
  // once and often, until it is closed, so a test need not wait out Zalo's ladder.
  private echo(oa: FakeOa, userId: string, msgId: string, text: string): void {
    const event = zaloEvents.oaSendText({ appId: oa.appId, oaId: oa.oaId, userId, msgId, text });
    const deliver = async (): Promise<void> => {
      while (!this.closing) {
        const status = await sendWebhook(this.echoUrl ?? '', event, oa).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 200) return;
        await delay(100);
      }
    };
    const sending = deliver();
    this.echoes.add(sending);
    void sending.then(() => this.echoes.delete(sending));
  }
}
