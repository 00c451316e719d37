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
}

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
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST;
  return {
    env: e.NODE_ENV,
    http: {
      port: e.PORT,
      host: e.HOST,
      baseUrl: (e.BASE_URL ?? `http://${shownHost}:${e.PORT}`).replace(/\/$/, ''),
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
  };
}
