import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import type pg from 'pg';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';

// Wakes SSE streams when events were committed, and tells them when officers' sessions ended.
// In-process through an EventEmitter; on PostgreSQL also across processes with NOTIFY (after
// commit) and one LISTEN connection per process. A wake carries no data: streams read what is new
// from the events table, so nothing is lost twice. A session notice carries only ids: streams
// re-check their session in the database, so a lost notice delays an end, never skips one.

const CHANNEL = 'ketnoi_events';

/** Sessions that ended: every session of an officer, or one session. */
export interface SessionsEnded {
  officerId: string;
  sessionId: string | null;
}

export interface BusPorts {
  config: Pick<Config, 'database'>;
  database: Pick<Database, 'db' | 'dialect'>;
  reportError(where: string, err: unknown, fields?: Record<string, unknown>): void;
}

/** Parses a NOTIFY payload: `u:<unitId>` (or a bare unit id from an older process) or `s:<officerId>:<sessionId|*>`. */
function parsePayload(payload: string): { unitId: string } | { ended: SessionsEnded } {
  if (payload.startsWith('s:')) {
    const [, officerId = '', sessionId = '*'] = payload.split(':');
    return { ended: { officerId, sessionId: sessionId === '*' ? null : sessionId } };
  }
  return { unitId: payload.startsWith('u:') ? payload.slice(2) : payload };
}

interface TrackedStream {
  end: () => void;
  /** Counted against a per-key cap (a resident, an officer session). */
  key: string;
}

export class RealtimeBus {
  private readonly emitter = new EventEmitter();
  private listener: pg.Client | null = null;
  private listening: Promise<void> | null = null;
  private closed = false;
  private readonly streams = new Set<TrackedStream>();
  private readonly openByKey = new Map<string, number>();

  constructor(private readonly ports: BusPorts) {
    this.emitter.setMaxListeners(0);
  }

  /** Call after a commit that appended events of `unitId`. */
  committed(unitId: string): void {
    this.emitter.emit('wake', unitId);
    this.notify(`u:${unitId}`);
  }

  /** Call after a commit that revoked sessions: open streams of those sessions end. */
  sessionsEnded(ended: SessionsEnded): void {
    this.emitter.emit('sessions', ended);
    this.notify(`s:${ended.officerId}:${ended.sessionId ?? '*'}`);
  }

  private notify(payload: string): void {
    if (this.ports.database.dialect !== 'postgres') return;
    sql`select pg_notify(${CHANNEL}, ${payload})`.execute(this.ports.database.db).catch((err: unknown) => {
      // Streams in other processes catch up at their next heartbeat poll or session check.
      this.ports.reportError('bus.notify', err, { payload });
    });
  }

  /** Calls `fn(unitId)` on every wake; returns the unsubscribe function. */
  async subscribe(fn: (unitId: string) => void): Promise<() => void> {
    this.emitter.on('wake', fn);
    try {
      await this.listen();
    } catch (err) {
      this.emitter.off('wake', fn);
      throw err;
    }
    return () => this.emitter.off('wake', fn);
  }

  /** Calls `fn` whenever sessions end (here or in another process); returns the unsubscribe function. */
  onSessionsEnded(fn: (ended: SessionsEnded) => void): () => void {
    this.emitter.on('sessions', fn);
    return () => this.emitter.off('sessions', fn);
  }

  private listen(): Promise<void> {
    const db = this.ports.config.database;
    if (db.kind !== 'postgres' || this.closed) return Promise.resolve();
    this.listening ??= (async () => {
      const { default: pgLib } = await import('pg');
      const client = new pgLib.Client({ connectionString: db.url });
      client.on('notification', (n) => {
        const parsed = parsePayload(n.payload ?? '');
        if ('ended' in parsed) this.emitter.emit('sessions', parsed.ended);
        else this.emitter.emit('wake', parsed.unitId);
      });
      client.on('error', (err) => {
        // Lost the LISTEN connection: connect again on the next subscription.
        this.ports.reportError('bus.listen', err);
        this.listener = null;
        this.listening = null;
      });
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
    })();
    this.listening.catch(() => {
      this.listening = null;
    });
    return this.listening;
  }

  /** Open streams counted under `key` (a resident, an officer session). */
  openStreams(key: string): number {
    return this.openByKey.get(key) ?? 0;
  }

  /** Registers an open stream so shutdown can end it and caps can count it; returns the unregister function. */
  track(key: string, end: () => void): () => void {
    const stream = { key, end };
    this.streams.add(stream);
    this.openByKey.set(key, this.openStreams(key) + 1);
    return () => {
      if (!this.streams.delete(stream)) return;
      const left = this.openStreams(key) - 1;
      if (left > 0) this.openByKey.set(key, left);
      else this.openByKey.delete(key);
    };
  }

  /** Ends every open stream (before the HTTP server closes, which waits for open connections). */
  endStreams(): void {
    for (const stream of [...this.streams]) stream.end();
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
