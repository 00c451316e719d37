import path from 'node:path';
import { z } from 'zod';

// The only reader of process.env. Everything else receives a typed Config.

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().min(1).optional(),
  KEY_FILE: z.string().min(1).optional(),
  BASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: boolish.default(false),
  SEED: boolish.default(true),
  // scrypt cost as log2(N); 15 (32 MiB per hash) in production. Tests lower it to stay fast.
  PASSWORD_COST: z.coerce.number().int().min(10).max(20).default(15),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  PUBLIC_WRITE_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  // How long a worker may hold an outbound message before another worker (or the same one after a
  // crash) may retry it; must exceed the slowest channel call.
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  UNSENT_UPLOAD_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  // Caps per resident (anonymous visitors included) so nobody can fill the disk or hold every socket.
  UPLOADS_PER_RESIDENT_PER_DAY: z.coerce.number().int().min(1).default(50),
  UPLOAD_MB_PER_RESIDENT_PER_DAY: z.coerce.number().int().min(1).default(100),
  STREAMS_PER_RESIDENT: z.coerce.number().int().min(1).max(1000).default(6),
  STREAMS_PER_SESSION: z.coerce.number().int().min(1).max(1000).default(10),
  // /metrics answers localhost always, and other addresses only with this bearer token.
  METRICS_TOKEN: z.string().min(16).optional(),
  // Web push (VAPID). Unset keys: a pair is generated once and kept in DATA_DIR/vapid.json.
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'a P-256 public key: 65 bytes in base64url')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'a P-256 private key: 32 bytes in base64url')
    .optional(),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'a mailto: address or an https:// URL')
    .optional(),
  WEBPUSH_RATE_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(50),
  WEBPUSH_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 28)
    .default(24),
  // Where residents' browsers may point the server's pushes: the browsers' push services only, so
  // a subscription cannot make the server POST into the local network. Host names; "*." matches subdomains.
  WEBPUSH_ENDPOINT_HOSTS: z
    .string()
    .default(
      'fcm.googleapis.com,android.googleapis.com,*.push.services.mozilla.com,*.notify.windows.com,*.push.apple.com',
    ),
  // The map residents tap a place on and officers read it on: an XYZ tile URL template. Unset: no
  // map (the forms keep the address and the device's location), as a deployment picks its own server.
  MAP_TILE_URL: z
    .string()
    .refine(
      (v) => tileImageSource(v) !== null,
      'an http(s) URL with {z}, {x} and {y}, e.g. https://tile.example/{z}/{x}/{y}.png',
    )
    .optional(),
  // The tile server's credit shown on the map (plain text); OpenStreetMap's own servers require theirs.
  MAP_TILE_ATTRIBUTION: z.string().max(300).optional(),
  // Zalo's hosts (OA Open API and OAuth v4); tests and staging point them at a fake.
  ZALO_API_BASE: z.string().url().default('https://openapi.zalo.me'),
  ZALO_OAUTH_BASE: z.string().url().default('https://oauth.zaloapp.com'),
  // Each OA's Zalo API calls per minute, shared by every process (Zalo's own limit is per app and
  // OA package: -32 when reached), and how many may go at once after a quiet spell.
  ZALO_CALLS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
  ZALO_CALLS_BURST: z.coerce.number().int().min(1).max(1_000).default(20),
  // How long a process holds a received Zalo event it is processing; a crashed process's events
  // are taken up by the next one after this.
  ZALO_EVENT_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  // How long to wait for Zalo's echo (oa_send_*) of a message we may have sent: an unknown echo is
  // taken as typed in Zalo's OA manager after this, and a send a crash cut short is repeated only
  // after this, for the pieces no echo confirmed. Zalo resends a webhook that failed after about
  // 30 s (§6.1 of the platform brief), so this leaves room for one resend.
  ZALO_ECHO_WAIT_SECONDS: z.coerce.number().int().min(1).max(3600).default(90),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  http: { port: number; host: string; baseUrl: string; trustProxy: boolean; bodyLimit: number };
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  keyFile: string;
  logLevel: Env['LOG_LEVEL'];
  seed: boolean;
  security: {
    passwordCost: number;
    sessionTtlMs: number;
    loginRatePerMinute: number;
    publicWriteRatePerMinute: number;
  };
  outbox: { leaseMs: number };
  /** Uploads no message claimed are deleted after this long; what one resident may upload per day. */
  uploads: { unsentTtlMs: number; perResidentPerDay: number; bytesPerResidentPerDay: number };
  /** Open event streams allowed per resident and per officer session (per process). */
  streams: { perResident: number; perSession: number };
  metrics: { token: string | null };
  push: {
    /** From the environment; null: generated once and kept in `vapidFile`. */
    vapid: { publicKey: string; privateKey: string } | null;
    vapidFile: string;
    /** The contact push services see in the VAPID token (a mailto: or https: URL). */
    subject: string;
    ratePerSecond: number;
    /** How long a push service keeps a notification for an offline browser. */
    ttlSeconds: number;
    /** Host names (or "*.suffix") a subscription's endpoint may point at. */
    endpointHosts: string[];
  };
  /** The map's tiles; null: no map. `imageSource` is the tiles' origin for the CSP's img-src. */
  map: { tileUrl: string; attribution: string; imageSource: string } | null;
  /**
   * Base URLs of Zalo's OA Open API and OAuth v4 hosts (no trailing slash); each OA's budget of
   * API calls, shared by all processes.
   */
  zalo: {
    apiBase: string;
    oauthBase: string;
    calls: { perMinute: number; burst: number };
    eventLeaseMs: number;
    echoWaitMs: number;
  };
}

/**
 * The CSP source a tile URL template's images come from: its origin, with a leading "{s}." (the
 * tile servers' subdomains) as "*."; null when the template is not an http(s) URL with {z}, {x}, {y}.
 */
export function tileImageSource(template: string): string | null {
  if (!['{z}', '{x}'].every((p) => template.includes(p)) || !/\{-?y\}/.test(template)) return null;
  // Host names and ports only: anything else (";", quotes, spaces) would rewrite the CSP.
  const m = /^(https?):\/\/(\{s\}\.)?([a-z0-9.-]+(?::\d{1,5})?)(?:[/?#]|$)/i.exec(template);
  if (!m?.[1] || !m[3]) return null;
  let url: URL;
  try {
    url = new URL(`${m[1]}://${m[3]}/`);
  } catch {
    return null;
  }
  return `${url.protocol}//${m[2] ? '*.' : ''}${url.host}`;
}

const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

export class ConfigError extends Error {
  readonly code = 'config_invalid';
}

/** Parses environment variables (process.env by default) into a typed Config. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${details}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const url = e.DATABASE_URL;
  let database: Config['database'];
  if (!url) database = { kind: 'sqlite', file: path.join(dataDir, 'ketnoi.sqlite') };
  else if (/^postgres(ql)?:\/\//.test(url)) database = { kind: 'postgres', url };
  else if (url.startsWith('sqlite:')) database = { kind: 'sqlite', file: path.resolve(url.slice('sqlite:'.length)) };
  else throw new ConfigError('Invalid configuration: DATABASE_URL must start with postgres:// or sqlite:');
  if ((e.VAPID_PUBLIC_KEY === undefined) !== (e.VAPID_PRIVATE_KEY === undefined)) {
    throw new ConfigError('Invalid configuration: set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither');
  }
  const tileUrl = e.MAP_TILE_URL;
  const tileSource = tileUrl ? tileImageSource(tileUrl) : null;
  const osmTiles = tileUrl !== undefined && /^https?:\/\/([^/]+\.)?openstreetmap\.org[:/]/.test(tileUrl);
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST;
  const baseUrl = (e.BASE_URL ?? `http://${shownHost}:${e.PORT}`).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    http: {
      port: e.PORT,
      host: e.HOST,
      baseUrl,
      trustProxy: e.TRUST_PROXY,
      bodyLimit: e.BODY_LIMIT_BYTES,
    },
    dataDir,
    database,
    keyFile: path.resolve(e.KEY_FILE ?? path.join(dataDir, 'secret.key')),
    logLevel: e.LOG_LEVEL,
    seed: e.SEED,
    security: {
      passwordCost: e.PASSWORD_COST,
      sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
      loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
      publicWriteRatePerMinute: e.PUBLIC_WRITE_RATE_PER_MINUTE,
    },
    outbox: { leaseMs: e.OUTBOX_LEASE_SECONDS * 1000 },
    uploads: {
      unsentTtlMs: e.UNSENT_UPLOAD_TTL_HOURS * 3600_000,
      perResidentPerDay: e.UPLOADS_PER_RESIDENT_PER_DAY,
      bytesPerResidentPerDay: e.UPLOAD_MB_PER_RESIDENT_PER_DAY * 1024 * 1024,
    },
    streams: { perResident: e.STREAMS_PER_RESIDENT, perSession: e.STREAMS_PER_SESSION },
    metrics: { token: e.METRICS_TOKEN ?? null },
    push: {
      vapid:
        e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY
          ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY }
          : null,
      vapidFile: path.join(dataDir, 'vapid.json'),
      subject: e.VAPID_SUBJECT ?? (baseUrl.startsWith('https://') ? baseUrl : 'mailto:admin@localhost'),
      ratePerSecond: e.WEBPUSH_RATE_PER_SECOND,
      ttlSeconds: e.WEBPUSH_TTL_HOURS * 3600,
      endpointHosts: e.WEBPUSH_ENDPOINT_HOSTS.split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    },
    map:
      tileUrl && tileSource
        ? {
            tileUrl,
            attribution: e.MAP_TILE_ATTRIBUTION ?? (osmTiles ? OSM_ATTRIBUTION : ''),
            imageSource: tileSource,
          }
        : null,
    zalo: {
      apiBase: e.ZALO_API_BASE.replace(/\/$/, ''),
      oauthBase: e.ZALO_OAUTH_BASE.replace(/\/$/, ''),
      calls: { perMinute: e.ZALO_CALLS_PER_MINUTE, burst: e.ZALO_CALLS_BURST },
      eventLeaseMs: e.ZALO_EVENT_LEASE_SECONDS * 1000,
      echoWaitMs: e.ZALO_ECHO_WAIT_SECONDS * 1000,
    },
  };
}
