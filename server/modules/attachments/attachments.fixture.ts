import fs from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse as Response } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../../test/helper.js';
import { multipart, type Part } from '../../test/uploads.js';

// The attachments tests' shared setup: two units, officers of each and a supervisor, two residents
// of unit A. Residents and conversations are written straight to their tables, so these tests need
// nothing from the conversations module's services.

export const PUBLIC = '/api/v1/public';
export const CONSOLE = '/api/v1/console';

interface Resident {
  id: string;
  cookie: string;
  conversationId: string;
}

export interface AttachmentsFixture {
  env: TestEnv;
  unitA: { id: string; path: string };
  unitB: { id: string; path: string };
  cookies: Record<string, string>;
  residents: Record<string, Resident>;
  officerAId: string;
  resident(unitId: string): Promise<Resident>;
  message(conversationId: string, unitId: string, internal?: boolean): Promise<string>;
  upload(url: string, cookie: string, parts: Part[]): Promise<Response>;
  residentUpload(who: string, parts: Part[]): Promise<Response>;
  storedFiles(): Promise<string[]>;
  rowCount(): Promise<number>;
}

/** Registers beforeAll/afterAll for a fresh fixture; its fields are set once beforeAll ran. */
export function useAttachmentsFixture(): AttachmentsFixture {
  const fx = { cookies: {}, residents: {} } as AttachmentsFixture;

  fx.resident = async (unitId) => {
    const { env } = fx;
    const token = randomToken();
    const id = newId();
    const now = env.clock.now();
    const conversationId = newId();
    await env.ctx.database.transaction(async (db) => {
      await db
        .insertInto('residents')
        .values({ id, tokenHash: sha256Hex(token), createdAt: now, updatedAt: now })
        .execute();
      await db
        .insertInto('conversations')
        .values({
          id: conversationId,
          unitId,
          residentId: id,
          channel: 'web',
          status: 'open',
          labels: '[]',
          unsureCount: 0,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
    });
    return { id, cookie: `kn_resident=${token}`, conversationId };
  };

  fx.message = async (conversationId, unitId, internal = false) => {
    const id = newId();
    await fx.env.ctx.database.transaction((trx) =>
      trx
        .insertInto('messages')
        .values({
          id,
          unitId,
          conversationId,
          author: internal ? 'officer' : 'resident',
          text: '',
          internal: internal ? 1 : 0,
          quickReplies: '[]',
          createdAt: fx.env.clock.now(),
        })
        .execute(),
    );
    return id;
  };

  fx.upload = (url, cookie, parts) => {
    const body = multipart(parts);
    return fx.env.app.inject({ method: 'POST', url, headers: { ...body.headers, cookie }, payload: body.payload });
  };

  fx.residentUpload = (who, parts) => {
    const r = fx.residents[who];
    if (!r) throw new Error(who);
    return fx.upload(`${PUBLIC}/conversations/${r.conversationId}/attachments`, r.cookie, parts);
  };

  fx.storedFiles = async () => {
    const root = path.join(fx.env.dataDir, 'files');
    if (!fs.existsSync(root)) return [];
    return (await fs.promises.readdir(root, { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => d.name);
  };

  fx.rowCount = async () => {
    const r = await fx.env.ctx.database.db
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };

  beforeAll(async () => {
    const env = await createTestEnv();
    fx.env = env;
    fx.unitA = await unitBySlug(env, 'thach-trung');
    fx.unitB = await unitBySlug(env, 'dai-nai');
    const officerA = await createOfficer(env, 'officer', 'thach-trung');
    fx.officerAId = officerA.id;
    fx.cookies.officerA = await signIn(env, officerA);
    fx.cookies.officerA2 = await signIn(env, await createOfficer(env, 'officer', 'thach-trung'));
    fx.cookies.officerB = await signIn(env, await createOfficer(env, 'owner', 'dai-nai'));
    fx.cookies.supervisor = await signIn(env, await createOfficer(env, 'supervisor', 'tp-ha-tinh'));
    fx.residents.r1 = await fx.resident(fx.unitA.id);
    fx.residents.r2 = await fx.resident(fx.unitA.id);
  });
  afterAll(async () => fx.env.close());

  return fx;
}
