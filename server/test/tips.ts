import type { ConsoleTip } from '../../contracts/tips.js';
import type { TestEnv } from './helper.js';

// Tips in tests: residents sending and following up through the public API, officers acting on them.

export const PUBLIC = '/api/v1/public';
export const CONSOLE = '/api/v1/console';

export interface SentTip {
  receiptCode: string;
  passphrase: string | null;
  /** The resident cookie an identified tip set ('' for anonymous ones). */
  cookie: string;
}

/** Sends a tip to a unit; fails the test unless it is accepted. */
export async function sendTip(
  env: TestEnv,
  slug: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<SentTip> {
  const res = await env.app.inject({ method: 'POST', url: `${PUBLIC}/units/${slug}/tips`, headers, payload: body });
  if (res.statusCode !== 201) throw new Error(`sending a tip failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'kn_resident');
  const out = res.json<{ receiptCode: string; passphrase: string | null }>();
  return { ...out, cookie: c ? `kn_resident=${c.value}` : (headers.cookie ?? '') };
}

/** A tip's id as officers know it, from its receipt code. */
export async function tipIdOf(env: TestEnv, receiptCode: string): Promise<string> {
  const row = await env.ctx.database.db
    .selectFrom('tips')
    .select('id')
    .where('receiptCode', '=', receiptCode)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An officer's step on a tip; returns the response (status checked by the caller). */
export async function tipAction(env: TestEnv, cookie: string, id: string, path: string, payload?: object) {
  return env.app.inject({
    method: payload || path !== '' ? 'POST' : 'GET',
    url: `${CONSOLE}/tips/${id}${path ? `/${path}` : ''}`,
    headers: { cookie },
    ...(payload ? { payload } : {}),
  });
}

export async function readTip(env: TestEnv, cookie: string, id: string): Promise<ConsoleTip> {
  const res = await env.app.inject({ url: `${CONSOLE}/tips/${id}`, headers: { cookie } });
  if (res.statusCode !== 200) throw new Error(`reading the tip failed: ${res.statusCode} ${res.body}`);
  return res.json<ConsoleTip>();
}

/** Every row of every table, as text: what a database dump would show. */
export async function everyRowAsText(env: TestEnv): Promise<string> {
  const { sql } = await import('kysely');
  const db = env.ctx.database.db;
  const tables =
    env.ctx.database.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map(
          (r) => r.name,
        )
      : (
          await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db)
        ).rows.map((r) => r.name);
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await sql`select * from ${sql.table(t)}`.execute(db);
    parts.push(`${t}: ${JSON.stringify(rows.rows)}`);
  }
  return parts.join('\n');
}

/**
 * The reporter's phone in the tests, in any of the forms it could be kept in ("0912 345 678",
 * "0912345678", "+84 912 345 678"). Matching the whole number, not "0912": ids and hex strings
 * contain those four digits by chance.
 */
export const REPORTER_PHONE = '0912 345 678';
export const REPORTER_PHONE_PATTERN = /(?:0|\+?84)\s?912\D?345\D?678/;
