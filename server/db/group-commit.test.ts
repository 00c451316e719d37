import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from './database.js';
import { GroupCommit } from './group-commit.js';
import type { DB } from './schema/index.js';

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

describe('SQLite group commit when a savepoint command fails', () => {
  let dir: string;
  let handle: SQLite.Database;
  let writer: Kysely<DB>;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketnoi-gc-'));
    handle = new SQLite(path.join(dir, 'db.sqlite'));
    writer = new Kysely<DB>({ dialect: new SqliteDialect({ database: handle }) });
    await sql`create table t (id integer primary key)`.execute(writer);
  });
  afterEach(async () => {
    await writer.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A group commit whose `failing` statement throws the `nth` time it runs (1-based). */
  function groupFailing(failing: string, nth: number, reported: string[] = []) {
    let seen = 0;
    return new GroupCommit(
      {
        writer,
        exec: (text) => {
          if (text === failing && ++seen === nth) throw new Error(`injected failure of ${text}`);
          handle.prepare(text).run();
        },
        report: (where) => reported.push(where),
      },
      // One batch for everything queued together, so the failure hits jobs before and after it.
      { maxBatch: 100, maxWaitMs: 60_000 },
    );
  }
  const rows = () => handle.prepare('select id from t order by id').all();
  const insertWith = (group: GroupCommit, id: number, fail = false) =>
    group.run(async (trx) => {
      await sql`insert into t (id) values (${id})`.execute(trx);
      if (fail) throw new Error(`job ${id} failed`);
      return id;
    });

  for (const [statement, nth, failJob] of [
    ['SAVEPOINT job', 2, false],
    ['RELEASE job', 2, false],
    ['ROLLBACK TO job', 1, true],
  ] as const) {
    it(`settles every job when ${statement} throws, stores nothing of the failed batch, and goes on`, async () => {
      const group = groupFailing(statement, nth);
      const settled = await Promise.allSettled([
        insertWith(group, 1),
        insertWith(group, 2, failJob),
        insertWith(group, 3),
      ]);
      // Jobs 1 and 2 shared the failed batch; job 3, not yet taken, runs in the next one.
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
      expect(rows()).toEqual([{ id: 3 }]);
      await expect(insertWith(group, 4)).resolves.toBe(4);
      expect(rows()).toEqual([{ id: 3 }, { id: 4 }]);
    });
  }

  it('takes at least one job into a batch however slowly the batch started (no empty commits)', async () => {
    // A machine so busy that each reading of the clock is 50 ms after the last: past maxWaitMs at once.
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 50));
    const group = new GroupCommit(
      { writer, exec: (text) => void handle.prepare(text).run() },
      { maxBatch: 100, maxWaitMs: 20 },
    );
    await expect(insertWith(group, 1)).resolves.toBe(1);
    expect(group.stats).toMatchObject({ commits: 1, transactions: 1 });
    vi.restoreAllMocks();
  });

  it('resolves every committed job even when an afterCommit callback throws, and reports it', async () => {
    const reported: string[] = [];
    const group = groupFailing('none', 1, reported);
    const ran: number[] = [];
    const settled = await Promise.allSettled(
      [1, 2, 3].map((id) =>
        group.run(async (trx, afterCommit) => {
          await sql`insert into t (id) values (${id})`.execute(trx);
          afterCommit(() => {
            if (id === 2) throw new Error('callback failed');
            ran.push(id);
          });
          return id;
        }),
      ),
    );
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(ran).toEqual([1, 3]);
    expect(reported).toEqual(['db.after_commit']);
    expect(rows()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });
});
