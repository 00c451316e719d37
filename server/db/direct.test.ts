import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.js';
import { runSql } from './direct.js';

describe('runSql on SQLite', () => {
  let dir: string;
  let database: Database;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketnoi-direct-'));
    database = await openDatabase({ database: { kind: 'sqlite', file: path.join(dir, 'db.sqlite') } });
    await sql`create table t (id integer primary key, unit_id text, last_message_at integer, x2_y text)`.execute(
      database.schema,
    );
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes in a transaction and reads rows exactly as Kysely maps them', async () => {
    const inserted = await database.transaction(async (trx) => {
      await runSql(trx, sql`insert into t (id, unit_id, last_message_at, x2_y) values (${1}, ${'u'}, ${5}, ${null})`);
      return runSql(trx, sql<{ id: number }>`update t set last_message_at = ${6} where id = ${1} returning id`);
    });
    expect(inserted).toEqual([{ id: 1 }]);
    const query = sql`select * from t where unit_id = ${'u'}`;
    const direct = await runSql(database.db, query);
    expect(direct).toEqual([{ id: 1, unitId: 'u', lastMessageAt: 6, x2Y: null }]);
    expect(direct).toEqual((await query.execute(database.db)).rows);
  });

  it('rolls back with its transaction', async () => {
    await expect(
      database.transaction(async (trx) => {
        await runSql(trx, sql`insert into t (id, unit_id) values (${2}, ${'u'})`);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await runSql(database.db, sql`select id from t where id = ${2}`)).toEqual([]);
  });
});
