import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainKeyOf, chainLength, hmacWith, plainSha256, rewriteChain, truncateChain } from '../test/audit-forgery.js';
import { cliRunner } from '../test/cli.js';
import { createOfficer, createTestEnv, type TestEnv } from '../test/helper.js';

// `ketnoi audit verify | anchor | seal` on a database changed the way an attacker would change it.
// Each test starts several CLI processes, hence the longer timeout.
describe('ketnoi audit', { timeout: 120_000 }, () => {
  let env: TestEnv;
  let ketnoi: ReturnType<typeof cliRunner>;
  let signal: AbortSignal;
  beforeEach((test) => {
    signal = test.signal;
  });

  beforeEach(async () => {
    env = await createTestEnv();
    ketnoi = cliRunner(env, () => signal);
    for (const slug of ['thach-trung', 'dai-nai', 'thach-hung']) await createOfficer(env, 'officer', slug);
  });
  afterEach(async () => env.close());

  /** Takes an anchor with the CLI and appends it to a file, as the operator's daily job would. */
  async function takeAnchor(): Promise<{ file: string; seq: number; hash: string }> {
    const r = await ketnoi(['audit', 'anchor']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const anchor = JSON.parse(r.out) as { seq: number; hash: string };
    const file = path.join(env.dataDir, 'anchors.jsonl');
    fs.appendFileSync(file, r.out);
    return { file, seq: anchor.seq, hash: anchor.hash };
  }

  /** The state migration 0007 leaves an installation in whose chain was written before keying. */
  async function makeLegacy(): Promise<void> {
    await rewriteChain(env, plainSha256, { seq: 1 });
    await env.ctx.database.transaction((trx) => sql`update audit_head set scheme = 'sha256'`.execute(trx));
  }

  const hashes = () => env.ctx.database.db.selectFrom('auditLog').select(['seq', 'hash']).orderBy('seq').execute();

  it('rejects an entry rewritten without the key, re-hashed onwards with plain SHA-256 or another key', async () => {
    expect((await ketnoi(['audit', 'verify'])).code).toBe(0);

    await rewriteChain(env, plainSha256, { seq: 3, actorName: 'someone else' });
    const sha = await ketnoi(['audit', 'verify']);
    expect(sha.code).toBe(2);
    expect(sha.out).toContain('BROKEN at entry 3:');

    await rewriteChain(env, hmacWith(crypto.randomBytes(32)), { seq: 3, actorName: 'someone else' });
    const wrongKey = await ketnoi(['audit', 'verify']);
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.out).toContain('BROKEN at entry 3:');

    const anchor = await ketnoi(['audit', 'anchor']);
    expect(anchor.code).toBe(2);
    expect(anchor.out).toBe('');
    expect(anchor.err).toContain('BROKEN at entry 3:');
  });

  it('reports a chain rewritten wholly with plain SHA-256 and marked unkeyed as not keyed; an anchor as broken', async () => {
    const anchor = await takeAnchor();
    await makeLegacy();
    const r = await ketnoi(['audit', 'verify']);
    expect(r.code).toBe(3);
    expect(r.out).toContain('NOT KEYED');
    const anchored = await ketnoi(['audit', 'verify', '--anchor', anchor.file]);
    expect(anchored.code).toBe(2);
    expect(anchored.out).toContain(`BROKEN at entry ${anchor.seq} (not keyed): hash differs from the anchor`);
  });

  it('passes `verify --anchor` while the chain still holds the anchored head, also after it grew', async () => {
    const anchor = await takeAnchor();
    expect(anchor.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(anchor.seq).toBe(await chainLength(env));
    await createOfficer(env, 'officer', 'thach-trung');
    await takeAnchor();

    const r = await ketnoi(['audit', 'verify', '--anchor', anchor.file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('contains the 2 anchored head(s)');
  });

  it('fails `verify --anchor` when entries up to the anchor were removed, though the shorter chain verifies', async () => {
    const anchor = await takeAnchor();
    await truncateChain(env, anchor.seq - 2);

    expect((await ketnoi(['audit', 'verify'])).code).toBe(0);
    const r = await ketnoi(['audit', 'verify', '--anchor', anchor.file]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`BROKEN at entry ${anchor.seq - 1}`);
    expect(r.out).toContain('entries were removed');
  });

  it('fails `verify --anchor` when an earlier entry was rewritten and the chain re-sealed with the right key', async () => {
    const anchor = await takeAnchor();
    await createOfficer(env, 'officer', 'thach-trung');
    await rewriteChain(env, hmacWith(chainKeyOf(env.ctx.key)), { seq: 2, actorName: 'someone else' });

    expect((await ketnoi(['audit', 'verify'])).code).toBe(0);
    const r = await ketnoi(['audit', 'verify', '--anchor', anchor.file]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`BROKEN at entry ${anchor.seq}: hash differs from the anchor`);
  });

  it('refuses an anchor file that holds no anchor', async () => {
    const file = path.join(env.dataDir, 'not-an-anchor.txt');
    fs.writeFileSync(file, 'seq 12\n');
    const r = await ketnoi(['audit', 'verify', '--anchor', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('line 1 is not an anchor');
  });

  it('seals an intact chain written before keying once, after which it verifies with the key', async () => {
    await makeLegacy();
    const entries = await chainLength(env);
    expect((await ketnoi(['migrate'])).out).toContain('run `ketnoi audit seal` once');

    const sealed = await ketnoi(['audit', 'seal']);
    expect(sealed.code).toBe(0);
    expect(sealed.out).toContain(`${entries} entries checked and re-sealed`);
    const r = await ketnoi(['audit', 'verify']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`intact: ${entries + 1} entries`); // and the seal itself
    expect((await ketnoi(['audit', 'seal'])).out).toContain('already sealed');
  });

  it('refuses to seal a chain written before keying that is broken, and changes nothing', async () => {
    await makeLegacy();
    await env.ctx.database.transaction((trx) =>
      sql`update audit_log set actor_name = 'someone else' where seq = 2`.execute(trx),
    );
    const before = await hashes();

    const r = await ketnoi(['audit', 'seal']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('BROKEN at entry 2');
    expect(r.err).toContain('Nothing was sealed');
    expect(await hashes()).toEqual(before);
    const verify = await ketnoi(['audit', 'verify']);
    expect(verify.code).toBe(2);
    expect(verify.out).toContain('BROKEN at entry 2 (not keyed)');
  });
});
