import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import type pg from 'pg';
import type { AppContext } from '../context.js';

// Wakes SSE streams when events were committed. In-process through an EventEmitter; on
// PostgreSQL also across processes with NOTIFY (after commit) and one LISTEN connection per process.
// A wake carries no data: streams read what is new from the events table, so nothing is lost twice.

const CHANNEL = 'ketnoi_events';

export class RealtimeBus {
  private readonly emitter = new EventEmitter();
  private listener: pg.Client | null = null;
  private listening: Promise<void> | null = null;
  private closed = false;
  private readonly streams = new Set<() => void>();

  constructor(private readonly ctx: AppContext) {
    this.emitter.setMaxListeners(0);
  }

  /** Call after a commit that appended events of `unitId`. */
  committed(unitId: string): void {
    this.emitter.emit('wake', unitId);
    if (this.ctx.database.dialect === 'postgres') {
      sql`select pg_notify(${CHANNEL}, ${unitId})`.execute(this.ctx.database.db).catch(() => {
        // Streams in other processes catch up at their next wake or heartbeat poll.
      });
    }
  }

  /** Calls `fn(unitId)` on every wake; returns the unsubscribe function. */
  async subscribe(fn: (unitId: string) => void): Promise<() => void> {
    this.emitter.on('wake', fn);
    await this.listen();
    return () => this.emitter.off('wake', fn);
  }

  private listen(): Promise<void> {
    const db = this.ctx.config.database;
    if (db.kind !== 'postgres' || this.closed) return Promise.resolve();
    this.listening ??= (async () => {
      const { default: pgLib } = await import('pg');
      const client = new pgLib.Client({ connectionString: db.url });
      client.on('notification', (n) => this.emitter.emit('wake', n.payload ?? ''));
      client.on('error', () => {
        // Lost the LISTEN connection: connect again on the next subscription.
        this.listener = null;
        this.listening = null;
      });
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
    })();
    return this.listening;
  }

  /** Registers an open stream's end function so shutdown can end it; returns the unregister function. */
  track(end: () => void): () => void {
    this.streams.add(end);
    return () => this.streams.delete(end);
  }

  /** Ends every open stream (before the HTTP server closes, which waits for open connections). */
  endStreams(): void {
    for (const end of [...this.streams]) end();
  }

  async close(): Promise<void> {
    this.endStreams();
    this.closed = true;
    this.emitter.removeAllListeners();
    await this.listening?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }
}

const buses = new WeakMap<AppContext, RealtimeBus>();

/** The bus of a context (one per process, or per test app). */
export function busFor(ctx: AppContext): RealtimeBus {
  let bus = buses.get(ctx);
  if (!bus) {
    bus = new RealtimeBus(ctx);
    buses.set(ctx, bus);
  }
  return bus;
}
