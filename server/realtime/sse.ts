import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { EventRow } from '../db/schema/index.js';
import { TooManyRequestsError } from '../lib/errors.js';
import { eventsAfter, lastEventId, type EventScope } from './events.repository.js';

const HEARTBEAT_MS = 15_000;
const PAGE = 500;
/** How often an officer's stream re-checks its session (expiry, revocation missed by the bus). */
export const SESSION_RECHECK_MS = 2_000;

/** An officer's stream lives only as long as the session (and the right to read) that opened it. */
export interface StreamGuard {
  officerId: string;
  sessionId: string;
  /** True while the session is live and still allowed to read the stream. */
  stillAllowed(): Promise<boolean>;
}

export interface StreamOptions {
  scope: EventScope;
  /** Resume after this id (Last-Event-ID); null = only what happens from now on. */
  after: number | null;
  /** Rewrites an event's data for this audience (e.g. hides officer-only fields from residents). */
  present?: (row: EventRow) => unknown;
  /** Who is listening, for the open-streams gauge. */
  audience: 'resident' | 'officer';
  /** Open streams are capped per key (a resident, an officer session). */
  limit: { key: string; max: number };
  guard?: StreamGuard;
}

/** Parses Last-Event-ID (header first, then `?lastEventId=`); null when absent or not a number. */
export function resumePoint(request: FastifyRequest, query: { lastEventId?: string | undefined }): number | null {
  const raw = request.headers['last-event-id'] ?? query.lastEventId;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

/**
 * Streams events as text/event-stream: replays the table after the resume point, then wakes on the
 * bus and reads what is new. Ids only grow, so a reconnect neither skips nor repeats an event.
 */
export async function streamEvents(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: StreamOptions,
): Promise<void> {
  const db = ctx.database.db;
  const { bus } = ctx;
  if (bus.openStreams(options.limit.key) >= options.limit.max) {
    throw new TooManyRequestsError('too_many_streams', 'Too many open live streams; close another tab first', 5);
  }
  let cursor = options.after ?? (await lastEventId(db));
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');

  let open = true;
  let running = false;
  let again = false;
  const pull = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        for (;;) {
          const rows = await eventsAfter(db, options.scope, cursor, PAGE);
          for (const row of rows) {
            if (!open) return;
            const data = options.present ? options.present(row) : (JSON.parse(row.payload) as unknown);
            res.write(`id: ${row.id}\nevent: ${row.type}\ndata: ${JSON.stringify(data)}\n\n`);
            cursor = Number(row.id);
          }
          if (rows.length < PAGE) break;
        }
      } while (again && open);
    } catch (err) {
      ctx.reportError('sse.read', err, { unitId: options.scope.unitId });
    } finally {
      running = false;
    }
  };
  const wake = (unitId: string) => {
    if (unitId === options.scope.unitId || unitId === '') void pull();
  };
  let unsubscribe: () => void;
  try {
    unsubscribe = await bus.subscribe(wake);
  } catch (err) {
    // Without a wake-up source the client would wait forever: end, and let it reconnect.
    ctx.reportError('sse.subscribe', err, { unitId: options.scope.unitId });
    res.end();
    return;
  }
  const heartbeat = setInterval(() => {
    res.write(': heartbeat\n\n');
    void pull();
  }, HEARTBEAT_MS);
  const gauge = { audience: options.audience };
  ctx.metrics.openStreams.inc(gauge);
  let stopGuard = () => {};
  const end = (notice?: string) => {
    if (!open) return;
    open = false;
    // Tells the client not to reconnect (EventSource would otherwise retry into a 401).
    if (notice) res.write(`event: ${notice}\ndata: {}\n\n`);
    clearInterval(heartbeat);
    stopGuard();
    unsubscribe();
    untrack();
    ctx.metrics.openStreams.dec(gauge);
    res.end();
  };
  const untrack = bus.track(options.limit.key, () => end());
  request.raw.on('close', () => end());
  if (options.guard) stopGuard = guardStream(ctx, options.guard, () => end('session.ended'));
  await pull();
}

/** Ends the stream when its session ends: at once on a bus notice, else at the next periodic check. */
function guardStream(ctx: AppContext, guard: StreamGuard, end: () => void): () => void {
  let checking = false;
  let again = false;
  const check = (): void => {
    // A notice that arrives during a check may postdate what the check read: check once more.
    if (checking) {
      again = true;
      return;
    }
    checking = true;
    guard
      .stillAllowed()
      .then((ok) => {
        if (!ok) end();
      })
      .catch((err: unknown) => ctx.reportError('sse.guard', err, { sessionId: guard.sessionId }))
      .finally(() => {
        checking = false;
        if (again) {
          again = false;
          check();
        }
      });
  };
  const timer = setInterval(check, SESSION_RECHECK_MS);
  const off = ctx.bus.onSessionsEnded((ended) => {
    if (ended.officerId !== guard.officerId) return;
    if (ended.sessionId === null || ended.sessionId === guard.sessionId) check();
  });
  return () => {
    clearInterval(timer);
    off();
  };
}
