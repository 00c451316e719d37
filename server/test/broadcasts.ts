import type { ConsolePost, Group } from '../../contracts/broadcasts.js';
import { residentCookieOf } from './conversations.js';
import { createOfficer, signIn, unitBySlug, type TestEnv } from './helper.js';

// Posts and residential groups in tests: officers of a unit drafting and approving through the
// console API, residents following and joining through the public API.

export const CONSOLE = '/api/v1/console';
export const PUBLIC = '/api/v1/public';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Calls the API with a Cookie header (an officer's session or a resident's cookie; '' for none). */
export function call(env: TestEnv, cookie: string, method: Method, url: string, payload?: object) {
  return env.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload === undefined ? {} : { payload }),
  });
}

/** A unit's desk: its id and signed-in officer and owner. */
export interface UnitDesk {
  unitId: string;
  slug: string;
  officer: string;
  officerId: string;
  owner: string;
}

export async function unitDesk(env: TestEnv, slug: string): Promise<UnitDesk> {
  const officer = await createOfficer(env, 'officer', slug);
  return {
    unitId: (await unitBySlug(env, slug)).id,
    slug,
    officer: await signIn(env, officer),
    officerId: officer.id,
    owner: await signIn(env, await createOfficer(env, 'owner', slug)),
  };
}

let drafted = 0;

/** Drafts a post (as the desk's officer unless another cookie is given); fails the test unless created. */
export async function draft(
  env: TestEnv,
  desk: UnitDesk,
  fields: Record<string, unknown> = {},
  cookie = desk.officer,
): Promise<ConsolePost> {
  const res = await call(env, cookie, 'POST', `${CONSOLE}/units/${desk.unitId}/posts`, {
    title: `Thông báo số ${++drafted}`,
    body: 'Công an phường thông báo tới bà con nhân dân.',
    category: 'crime_warning',
    ...fields,
  });
  if (res.statusCode !== 201) throw new Error(`draft refused: ${res.statusCode} ${res.body}`);
  return res.json<ConsolePost>();
}

/** Runs a workflow step as `cookie`; returns the response. */
export function step(
  env: TestEnv,
  cookie: string,
  postId: string,
  action: 'submit' | 'approve' | 'reject' | 'retract',
  reason?: string,
) {
  return call(
    env,
    cookie,
    'POST',
    `${CONSOLE}/posts/${postId}/${action}`,
    reason === undefined ? undefined : { reason },
  );
}

/** Drafts and publishes a post (the owner approves the officer's draft). */
export async function publish(
  env: TestEnv,
  desk: UnitDesk,
  fields: Record<string, unknown> = {},
): Promise<ConsolePost> {
  const post = await draft(env, desk, fields);
  const res = await step(env, desk.owner, post.id, 'approve');
  if (res.statusCode !== 200) throw new Error(`approve refused: ${res.statusCode} ${res.body}`);
  return res.json<ConsolePost>();
}

let groups = 0;

/** Creates a residential group as the desk's owner. */
export async function createGroup(env: TestEnv, desk: UnitDesk, name = `Tổ dân phố ${++groups}`): Promise<Group> {
  const res = await call(env, desk.owner, 'POST', `${CONSOLE}/units/${desk.unitId}/groups`, {
    name,
    kind: 'to_dan_pho',
  });
  if (res.statusCode !== 201) throw new Error(`group refused: ${res.statusCode} ${res.body}`);
  return res.json<Group>();
}

/** A new browser following a unit; returns its resident cookie. */
export async function newFollower(env: TestEnv, slug: string, cookie = ''): Promise<string> {
  const res = await call(env, cookie, 'POST', `${PUBLIC}/units/${slug}/follow`);
  if (res.statusCode !== 200) throw new Error(`follow refused: ${res.statusCode} ${res.body}`);
  return cookie || residentCookieOf(res);
}

/** A browser (new unless a cookie is given) joining a group; returns its resident cookie. */
export async function joinGroup(env: TestEnv, groupId: string, cookie = ''): Promise<string> {
  const res = await call(env, cookie, 'POST', `${PUBLIC}/groups/${groupId}/join`);
  if (res.statusCode !== 200) throw new Error(`join refused: ${res.statusCode} ${res.body}`);
  return cookie || residentCookieOf(res);
}
