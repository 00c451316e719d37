import type { Conversation, Message } from '../../contracts/conversations.js';
import type { TestEnv } from './helper.js';

// Residents in tests: a browser (its kn_resident cookie) writing to a unit through the public API.

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
