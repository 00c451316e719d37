import { Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createLogger } from '../../lib/log.js';
import { migrateToLatest } from '../../db/database.js';
import { migrationProvider } from '../../db/migrations/index.js';
import { chainLength, plainSha256, rewriteChain } from '../../test/audit-forgery.js';
import { createOfficer, createTestEnv, type TestEnv } from '../../test/helper.js';
import { sealLegacyAuditChain } from './audit-seal.js';
import { auditScheme, verifyAuditChain } from './audit.service.js';

const shell = { actorId: null, actorName: 'cli:test', ip: null };

// An installation upgraded from a version whose chain was plain SHA-256.
describe('sealing a chain written before keying', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await createTestEnv();
    await createOfficer(env, 'owner', 'thach-trung');
    // Back to the schema before keying, with the rows hashed as that version did, then upgrade.
    await rewriteChain(env, plainSha256, { seq: 1 });
    const migrator = new Migrator({ db: env.ctx.database.schema, provider: migrationProvider });
    const down = await migrator.migrateTo('0005-message-guide');
    expect(down.error).toBeUndefined();
    await migrateToLatest(env.ctx.database);
  });
  afterEach(async () => env.close());

  it('keeps the old scheme after the migration, appends the old way and is not accepted until sealed', async () => {
    expect(await auditScheme(env.ctx.database.db)).toBe('sha256');
    await createOfficer(env, 'officer', 'thach-trung');
    const before = await verifyAuditChain(env.ctx);
    expect(before).toMatchObject({ scheme: 'sha256', result: { ok: true } });

    const entries = await chainLength(env);
    const sealed = await sealLegacyAuditChain(env.ctx, shell, env.clock.now());
    expect(sealed).toMatchObject({ status: 'sealed', entries });
    expect(await auditScheme(env.ctx.database.db)).toBe('hmac-sha256-v1');
    await createOfficer(env, 'officer', 'dai-nai');
    const after = await verifyAuditChain(env.ctx);
    expect(after).toMatchObject({ scheme: 'hmac-sha256-v1', result: { ok: true, checked: entries + 2 } });
    const seal = await env.ctx.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'audit.seal')
      .executeTakeFirstOrThrow();
    expect(seal).toMatchObject({ seq: entries + 1, actorName: 'cli:test' });

    expect(await sealLegacyAuditChain(env.ctx, shell, env.clock.now())).toEqual({ status: 'already-keyed' });
  });

  it('has the server warn at start until the chain is sealed', async () => {
    const warnings = async () => {
      const lines: string[] = [];
      const log = createLogger('warn', { write: (line: string) => void lines.push(line) });
      const app = await buildApp({ ...env.ctx, log }, { serveWeb: false });
      await app.ready();
      await app.close();
      return lines.join('');
    };
    expect(await warnings()).toContain('audit chain is not keyed yet');
    await sealLegacyAuditChain(env.ctx, shell, env.clock.now());
    expect(await warnings()).not.toContain('audit chain');
  });

  it('seals nothing when the old chain is broken, though the rows before the break were fine', async () => {
    await env.ctx.database.transaction((trx) =>
      trx.updateTable('auditLog').set({ actorName: 'someone else' }).where('seq', '=', 3).execute(),
    );
    const hashes = () => env.ctx.database.db.selectFrom('auditLog').select(['seq', 'hash']).orderBy('seq').execute();
    const before = await hashes();
    const outcome = await sealLegacyAuditChain(env.ctx, shell, env.clock.now());
    expect(outcome).toMatchObject({ status: 'broken', check: { brokenAt: 3 } });
    expect(await hashes()).toEqual(before);
    expect(await auditScheme(env.ctx.database.db)).toBe('sha256');
    expect((await verifyAuditChain(env.ctx)).result).toMatchObject({ ok: false, brokenAt: 3 });
  });
});

describe('a new installation', () => {
  it('keys its chain from the first entry', async () => {
    const env = await createTestEnv({ seed: false });
    try {
      expect(await auditScheme(env.ctx.database.db)).toBe('hmac-sha256-v1');
    } finally {
      await env.close();
    }
  });
});
