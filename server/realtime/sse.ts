import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { EventRow } from '../db/schema/index.js';
import { busFor } from './bus.js';
import { eventsAfter, lastEventId, type EventScope } from './events.repository.js';

const HEARTBEAT_MS = 15_000;
const PAGE = 500;

export interface StreamOptions {
  scope: EventScope;
  /** Resume after this id (Last-Event-ID); null = only what happens from now on. */
  after: number | null;
  /** Rewrites an event's data for this audience (e.g. hides officer-only fields from residents). */
  present?: (row: EventRow) => unknown;
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
  const bus = busFor(ctx);
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
      request.log.warn({ err }, 'event stream read failed');
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
    request.log.warn({ err }, 'event stream could not subscribe');
    res.end();
    return;
  }
  const heartbeat = setInterval(() => {
    res.write(': heartbeat\n\n');
    void pull();
  }, HEARTBEAT_MS);
  const end = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    unsubscribe();
    untrack();
    res.end();
  };
  const untrack = bus.track(end);
  request.raw.on('close', end);
  await pull();
}
