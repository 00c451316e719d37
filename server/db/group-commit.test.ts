import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from './database.js';

// The group commit is SQLite's (PostgreSQL commits each transaction itself), so these tests always
// run on a SQLite file, whatever database the rest of the suite uses.

describe('SQLite group commit', () => {
  let dir: string;
  let database: Database;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketnoi-gc-'));
    database = await openDatabase({ database: { kind: 'sqlite', file: path.join(dir, 'db.sqlite') } });
    await sql`create table parent (id integer primary key)`.execute(database.schema);
    await sql`create table t (id integer primary key, parent integer references parent(id))`.execute(database.schema);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const insert = (id: number, parent: number | null = null) =>
    database.transaction(async (trx) => {
      await sql`insert into t (id, parent) values (${id}, ${parent})`.execute(trx);
      return id;
    });
  const ids = async () =>
    (await sql<{ id: number }>`select id from t order by id`.execute(database.db)).rows.map((r) => r.id);

  it('lets concurrent transactions share commits, each acknowledged only once committed', async () => {
    // A batch stops taking newcomers after maxWaitMs of performance.now(); stood still here, so a
    // busy machine cannot split the batch and the count of commits is exact.
    vi.useFakeTimers({ toFake: ['performance'] });
    const seen: number[][] = [];
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        insert(i).then(async (id) => {
          // The read-only connection sees committed data only: an acknowledged row is there.
          seen.push(
            (await sql<{ id: number }>`select id from t where id = ${id}`.execute(database.db)).rows.map((r) => r.id),
          );
          return id;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(seen.every((rows) => rows.length === 1)).toBe(true);
    const stats = database.commitStats();
    expect(stats?.transactions).toBe(100);
    expect(stats?.commits).toBe(1);
  });

  it('rolls back a failing transaction alone, and runs afterCommit only for committed ones', async () => {
    const after: string[] = [];
    const failing = database.transaction(async (trx, afterCommit) => {
      await sql`insert into t (id) values (1000)`.execute(trx);
      afterCommit(() => after.push('failing'));
      throw new Error('changed my mind');
    });
    const ok = database.transaction(async (trx, afterCommit) => {
      await sql`insert into t (id) values (1)`.execute(trx);
      afterCommit(() => after.push('ok'));
    });
    const duplicate = insert(1); // primary key conflict with the one above
    const [f, o, d] = await Promise.allSettled([failing, ok, duplicate]);
    expect(f).toMatchObject({ status: 'rejected', reason: { message: 'changed my mind' } });
    expect(o.status).toBe('fulfilled');
    expect(d).toMatchObject({ status: 'rejected', reason: { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' } });
    expect(await ids()).toEqual([1]);
    expect(after).toEqual(['ok']);
  });

  it('hides uncommitted writes from readers', async () => {
    const inside = await database.transaction(async (trx) => {
      await sql`insert into t (id) values (7)`.execute(trx);
      return ids();
    });
    expect(inside).toEqual([]);
    expect(await ids()).toEqual([7]);
  });

  it('rejects every transaction of a batch whose commit fails, stores none of them, and goes on', async () => {
    await sql`pragma foreign_keys = on`.execute(database.schema);
    await Promise.all([insert(1), insert(2)]);
    const batch = [
      insert(3),
      // Deferred foreign keys are checked at commit: this makes the shared commit fail.
      database.transaction(async (trx) => {
        await sql`pragma defer_foreign_keys = on`.execute(trx);
        await sql`insert into t (id, parent) values (4, 99)`.execute(trx);
      }),
      insert(5),
    ];
    const settled = await Promise.allSettled(batch);
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    expect(await ids()).toEqual([1, 2]);
    await insert(6);
    expect(await ids()).toEqual([1, 2, 6]);
  });

  it('refuses writes outside a transaction', async () => {
    await expect(sql`insert into t (id) values (1)`.execute(database.db)).rejects.toThrow(/readonly/);
  });
});
