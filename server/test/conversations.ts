import type { Conversation, Message } from '../../contracts/conversations.js';
import { createOfficer, signIn, unitBySlug, type TestEnv } from './helper.js';

// Conversations in tests: a browser (its kn_resident cookie) writing to a unit through the public
// API, and an officer of the unit reading its inbox.

/** Messages the real classifier reads plainly: danger now, and a request for a person. */
export const FIRE = 'cứu với, có cháy nhà';
export const ASK_FOR_OFFICER = 'cho tôi gặp cán bộ';

export interface TestResident {
  cookie: string;
  conversationId: string;
}

export interface PostedMessage {
  message: Message;
  replies: Message[];
  conversation: Conversation;
}

/** The `Cookie` header for the resident cookie a response set, or '' when it set none. */
export function residentCookieOf(res: { cookies: { name: string; value: string }[] }): string {
  const c = res.cookies.find((x) => x.name === 'kn_resident');
  return c ? `kn_resident=${c.value}` : '';
}

/** Opens a new browser's (or, with a cookie, that browser's) conversation with a unit. */
export async function openAsResident(env: TestEnv, slug: string, cookie = ''): Promise<TestResident> {
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/v1/public/units/${slug}/conversations`,
    headers: cookie ? { cookie } : {},
  });
  if (res.statusCode >= 300) throw new Error(`opening a conversation failed: ${res.statusCode} ${res.body}`);
  return { cookie: cookie || residentCookieOf(res), conversationId: res.json<Conversation>().id };
}

let sent = 0;

/** The resident writes a message in their conversation; fails the test unless it is stored. */
export async function residentSays(env: TestEnv, r: TestResident, text: string): Promise<PostedMessage> {
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/v1/public/conversations/${r.conversationId}/messages`,
    headers: { cookie: r.cookie },
    payload: { clientId: `test-resident-${++sent}`, text },
  });
  if (res.statusCode !== 201) throw new Error(`message refused: ${res.statusCode} ${res.body}`);
  return res.json<PostedMessage>();
}

export interface InboxPage {
  items: Conversation[];
  nextCursor: string | null;
}

export interface InboxDesk {
  unitId: string;
  /** The officer's `Cookie` header. */
  cookie: string;
  /** The unit's inbox (query: the list's query string). */
  inbox: (query?: string) => Promise<InboxPage>;
}

/** An officer signed in to a unit, reading its inbox. */
export async function inboxDesk(env: TestEnv, slug: string): Promise<InboxDesk> {
  const unitId = (await unitBySlug(env, slug)).id;
  const cookie = await signIn(env, await createOfficer(env, 'officer', slug));
  return {
    unitId,
    cookie,
    inbox: async (query = '') => {
      const res = await env.app.inject({
        url: `/api/v1/console/units/${unitId}/conversations?${query}`,
        headers: { cookie },
      });
      if (res.statusCode !== 200) throw new Error(`inbox refused: ${res.statusCode} ${res.body}`);
      return res.json<InboxPage>();
    },
  };
}
