import crypto from 'node:crypto';
import net from 'node:net';

// Sign-in throttling rules (pure). Two counters see every attempt on an account:
// - the client counter: one account from one client (a network address, or a browser that signed in
//   to this account before, recognised by its device cookie). It backs off steeply: that client is
//   the attacker's own.
// - the account counter: one account from every client without a device cookie. Its wait stays
//   short (a minute at most), so however many addresses an attacker uses, they cannot keep the
//   owner out for long, yet they get about one guess a minute.
// An attempt is counted before its password is checked and refused while a counter's wait runs, so
// concurrent guesses cannot slip past; rows are keyed by an HMAC of the username, so unknown
// usernames are throttled exactly like known ones.

export interface ThrottleRule {
  /** Attempts with no wait in between. */
  free: number;
  /** Wait after the first counted attempt past the free ones; doubles with each further one. */
  baseMs: number;
  maxMs: number;
  /** A counter with no attempt for this long starts again from zero. */
  forgetMs: number;
}

/** One account from one client: 5 free, then 15 s, 30 s, 1 min, … up to 15 min; forgotten after a quiet day. */
export const CLIENT_RULE: ThrottleRule = { free: 5, baseMs: 15_000, maxMs: 15 * 60_000, forgetMs: 24 * 3600_000 };

/** One account from all clients: 10 free, then 1 s, 2 s, … up to 60 s; forgotten after a quiet hour. */
export const ACCOUNT_RULE: ThrottleRule = { free: 10, baseMs: 1_000, maxMs: 60_000, forgetMs: 3600_000 };

/** Rows untouched this long are past every rule's memory and wait, and may be deleted. */
export const THROTTLE_PRUNE_AFTER_MS = 2 * 24 * 3600_000;

/** How long the next attempt must wait after `attempts` counted ones. */
export function waitAfter(rule: ThrottleRule, attempts: number): number {
  if (attempts < rule.free) return 0;
  const doublings = Math.min(attempts - rule.free, 30);
  return Math.min(rule.maxMs, rule.baseMs * 2 ** doublings);
}

/** The part of an address one client controls: IPv4 as is, IPv6 by its /64 (one subscriber's block). */
export function clientNetwork(ip: string | null): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!net.isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g: string) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

function mac(key: Buffer, purpose: string, ...parts: string[]): string {
  return crypto
    .createHmac('sha256', key)
    .update([purpose, ...parts].join('\0'))
    .digest('base64url');
}

/** The normalised form of what was typed as a username. */
export function normaliseUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}

/** Row keys of the account counter and of one client's counter. */
export function throttleKeys(key: Buffer, username: string, client: string): { account: string; client: string } {
  const name = normaliseUsername(username);
  return { account: mac(key, 'throttle-account', name), client: mac(key, 'throttle-client', name, client) };
}

/** A device cookie for a browser that signed in as `username`: a random id and its MAC. */
export function newDeviceToken(key: Buffer, username: string): string {
  const id = crypto.randomBytes(16).toString('base64url');
  return `${id}.${mac(key, 'device', normaliseUsername(username), id)}`;
}

/** The device id of a cookie issued for `username`, or null when it is absent, forged or for another name. */
export function deviceOf(key: Buffer, username: string, token: string | undefined): string | null {
  const [id, tag, extra] = (token ?? '').split('.');
  if (!id || !tag || extra !== undefined) return null;
  const expected = Buffer.from(mac(key, 'device', normaliseUsername(username), id));
  const given = Buffer.from(tag);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? id : null;
}
