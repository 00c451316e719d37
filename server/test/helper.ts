import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp, type RegisteredRoute } from '../app.js';
import { loadConfig } from '../config.js';
import { createContext, type AppContext, type ContextParts } from '../context.js';
import type { Role } from '../../contracts/accounts.js';
import { createOfficerFromShell } from '../modules/accounts/accounts.service.js';
import { seedKnowledgeBaseIfEmpty } from '../modules/knowledge/kb.service.js';
import { seedUnitsIfEmpty } from '../modules/units/units.service.js';
import { currentTotp } from '../lib/totp.js';
import type { Clock } from '../lib/time.js';

// Integration tests run on a fresh SQLite file each, or, when TEST_DATABASE_URL is set
// (npm run test:pg), on a fresh PostgreSQL database created for the test file.

export interface TestEnv {
  ctx: AppContext;
  app: FastifyInstance;
  clock: MutableClock;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The tests' clock: it stands still and moves only when a test advances it, so nothing a test
 * checks depends on how fast the machine runs it (a session's idle time, a back-off, a window).
 */
export class MutableClock implements Clock {
  private at = Date.now();
  now(): number {
    return this.at;
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

async function freshPostgres(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ketnoi_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A context and app on a fresh database, seeded with the Hà Tĩnh units unless seed is false. */
export async function createTestEnv(
  options: {
    seed?: boolean;
    env?: Record<string, string>;
    onRoute?: (r: RegisteredRoute) => void;
    /** Parts of the context to use instead of the defaults (a log destination, a failing storage). */
    parts?: Omit<ContextParts, 'clock'>;
    /** Serve a built web app from here (a fixture); no web app by default. */
    webRoot?: string;
  } = {},
): Promise<TestEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketnoi-test-'));
  const pgBase = process.env.TEST_DATABASE_URL;
  const database = pgBase ? await freshPostgres(pgBase) : null;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PASSWORD_COST: '10',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_PER_MINUTE: '1000',
    PUBLIC_WRITE_RATE_PER_MINUTE: '1000',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  });
  const clock = new MutableClock();
  const ctx = await createContext(config, { ...options.parts, clock });
  if (options.seed !== false) {
    await seedUnitsIfEmpty(ctx);
    await seedKnowledgeBaseIfEmpty(ctx);
  }
  const app = await buildApp(ctx, {
    serveWeb: options.webRoot !== undefined,
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    ...(options.onRoute ? { onRoute: options.onRoute } : {}),
  });
  await app.ready();
  return {
    ctx,
    app,
    clock,
    dataDir,
    async close() {
      await app.close();
      await ctx.database.close();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestOfficer {
  id: string;
  username: string;
  password: string;
  totpSecret: string | null;
}

let counter = 0;

/** Creates an officer with a role (unit by slug; none for admin). */
export async function createOfficer(env: TestEnv, role: Role, unitSlug?: string): Promise<TestOfficer> {
  const username = `${role}${++counter}.${unitSlug ?? 'all'}`.replace(/[^a-z0-9.]/g, '');
  const password = 'correct horse battery';
  const r = await createOfficerFromShell(
    env.ctx,
    { actorId: null, actorName: 'test', ip: null },
    { username, password, role, unitSlug },
  );
  return { id: r.officerId, username, password, totpSecret: r.totpSecret };
}

/** The next TOTP code an authenticator app would show (advancing the test clock a step so codes are not replayed). */
export function nextTotp(env: TestEnv, officer: TestOfficer): string | undefined {
  if (!officer.totpSecret) return undefined;
  env.clock.advance(30_000);
  return currentTotp(officer.totpSecret, env.clock.now());
}

/** Signs in and returns the Cookie header for later requests. */
export async function signIn(env: TestEnv, officer: TestOfficer): Promise<string> {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/console/session',
    payload: { username: officer.username, password: officer.password, totp: nextTotp(env, officer) },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'kn_session');
  if (!cookie) throw new Error('no session cookie');
  return `kn_session=${cookie.value}`;
}

export async function unitBySlug(env: TestEnv, slug: string): Promise<{ id: string; path: string }> {
  const u = await env.ctx.database.db
    .selectFrom('units')
    .select(['id', 'path'])
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  return u;
}
