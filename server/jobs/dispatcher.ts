import type { Sender, SendResult } from '../channels/channel-adapter.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import {
  claimDueRows,
  deferRow,
  markFailedRow,
  scheduleRetryRow,
  type Claim,
  type QueueTable,
} from '../db/delivery-queue.js';

/** Runs a callback once the transaction it was given in has committed. */
export type AfterCommit = (cb: () => void) => void;

/** What the dispatcher reads of every queued row, whatever the queue. */
export interface QueuedRow {
  id: string;
  channel: string;
  attempts: number;
  lastError: string | null;
}

/**
 * The port to one durable queue table (the chat outbox, post deliveries): claiming due rows under
 * a lease and recording each send's outcome. Every method but claimDue runs in the transaction
 * that records a batch's outcomes.
 */
export interface DeliveryQueue<R extends QueuedRow> {
  /** The table; names the queue in logs and metrics. */
  readonly name: QueueTable;
  claimDue(trx: Executor, claim: Claim): Promise<R[]>;
  markSent(db: Executor, row: R, sent: { channelMessageId: string; at: number }): Promise<void>;
  scheduleRetry(db: Executor, row: R, at: number, error: string): Promise<void>;
  /** Releases the row untried until `at`; its claim's attempt does not count. */
  defer(db: Executor, row: R, at: number): Promise<void>;
  markFailed(db: Executor, row: R, error: string): Promise<void>;
}

/**
 * The port through which the dispatcher reaches the module that queued the rows (conversations,
 * broadcasts): it never reads or writes that module's tables itself.
 */
export interface DeliverySource<R, M> {
  /** What to send for each claimed row, by row id; a row whose message is gone maps to nothing. */
  messagesFor(rows: R[]): Promise<Map<string, M>>;
  /** The channel has delivered the row's message; recorded in the outcome's transaction. */
  delivered(trx: Executor, row: R, at: number, afterCommit: AfterCommit): Promise<void>;
  /** The row will never be sent (outside the channel's window, refused for good, retries used up). */
  failed(trx: Executor, row: R, reason: string, afterCommit: AfterCommit): Promise<void>;
}

/** A queue over a table with the shared columns (db/delivery-queue.ts); only marking sent differs. */
export function tableQueue<R extends QueuedRow>(
  name: QueueTable,
  markSent: DeliveryQueue<R>['markSent'],
): DeliveryQueue<R> {
  return {
    name,
    claimDue: (trx, claim) => claimDueRows<R>(trx, name, claim),
    markSent,
    scheduleRetry: (db, row, at, error) => scheduleRetryRow(db, name, row.id, at, error),
    defer: (db, row, at) => deferRow(db, name, row.id, at),
    markFailed: (db, row, error) => markFailedRow(db, name, row.id, error),
  };
}

export interface DispatcherOptions {
  /** Attempts before a row is marked failed. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claim holds before another worker may take the row over. */
  leaseMs?: number;
  batch?: number;
  /** Sends of one batch in flight at once (1: one after the other). */
  concurrency?: number;
  pollMs?: number;
  /** After a pass that found some rows but not a full batch: wait this long, so passes claim more at once. */
  busyPollMs?: number;
  random?: () => number;
  /** Told about a pass that failed (e.g. the database was unreachable); the next poll tries again. */
  onError?: (err: unknown) => void;
}

/** How a send ended, and how to record it inside the batch's transaction. */
interface Outcome {
  kind: 'sent' | 'retry' | 'deferred' | 'failed';
  record: (db: Executor, afterCommit: AfterCommit) => Promise<void>;
}

/** A token bucket: `rate` tokens per second, bursting up to `rate`. */
class TokenBucket {
  private tokens: number;
  private at: number;
  constructor(
    private readonly rate: number,
    now: number,
  ) {
    this.tokens = rate;
    this.at = now;
  }
  available(now: number): number {
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.at) / 1000) * this.rate);
    this.at = now;
    return Math.floor(this.tokens);
  }
  take(n: number): void {
    this.tokens -= n;
  }
}

/**
 * Drains one durable queue through its channels' senders: claim with a lease, send with the row's
 * idempotency key, then mark sent, retry with exponential back-off and jitter, or fail.
 */
export class DeliveryDispatcher<R extends QueuedRow, M> {
  private readonly opts: Required<DispatcherOptions>;
  private readonly buckets = new Map<string, TokenBucket>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(
    private readonly ctx: AppContext,
    private readonly queue: DeliveryQueue<R>,
    private readonly senders: Sender<M>[],
    private readonly source: DeliverySource<R, M>,
    options: DispatcherOptions = {},
  ) {
    this.opts = {
      maxAttempts: 8,
      baseDelayMs: 2_000,
      maxDelayMs: 15 * 60_000,
      leaseMs: 60_000,
      batch: 50,
      concurrency: 1,
      pollMs: 500,
      busyPollMs: 20,
      random: Math.random,
      onError: () => undefined,
      ...options,
    };
  }

  /** Runs one pass over every channel; returns how many rows it handled. */
  async runOnce(): Promise<number> {
    let handled = 0;
    for (const sender of this.senders) {
      const now = this.ctx.clock.now();
      let bucket = this.buckets.get(sender.channel);
      if (!bucket) {
        bucket = new TokenBucket(sender.ratePerSecond, now);
        this.buckets.set(sender.channel, bucket);
      }
      const limit = Math.min(this.opts.batch, bucket.available(now));
      const claim: Claim = {
        dialect: this.ctx.database.dialect,
        channel: sender.channel,
        now,
        leaseMs: this.opts.leaseMs,
        limit,
      };
      const rows = await this.ctx.database.transaction((trx) => this.queue.claimDue(trx, claim));
      bucket.take(rows.length);
      // Send, then record every outcome of the batch in one transaction (one commit instead of one
      // per message). A crash in between only means a re-send after the lease, which the
      // idempotency key makes harmless.
      const messages = rows.length ? await this.source.messagesFor(rows) : new Map<string, M>();
      const outcomes = await this.sendAll(sender, rows, messages);
      if (outcomes.length) {
        await this.ctx.database.transaction(async (trx, afterCommit) => {
          for (const outcome of outcomes) await outcome.record(trx, afterCommit);
        });
        for (const { kind } of outcomes) {
          this.ctx.metrics.deliveries.inc({ queue: this.queue.name, channel: sender.channel, outcome: kind });
        }
      }
      handled += outcomes.length;
    }
    return handled;
  }

  /** Sends a batch, `concurrency` at a time; outcomes in the rows' order. */
  private async sendAll(sender: Sender<M>, rows: R[], messages: Map<string, M>): Promise<Outcome[]> {
    const outcomes: Outcome[] = new Array<Outcome>(rows.length);
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const i = next++;
        const row = rows[i] as R;
        outcomes[i] = await this.deliver(sender, row, messages.get(row.id) ?? null);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, rows.length) }, worker));
    return outcomes;
  }

  /** Sends one row; returns how to record the outcome. */
  private async deliver(sender: Sender<M>, row: R, message: M | null): Promise<Outcome> {
    let result: SendResult;
    if (!message) result = { kind: 'permanent-failure', error: 'message not found' };
    else {
      try {
        result = await sender.send(message);
      } catch (err) {
        // Senders return expected failures; a throw is a bug or an outage: log it, retry later.
        this.ctx.reportError(`${this.queue.name}.send`, err, { channel: row.channel, id: row.id });
        result = { kind: 'retry-after', ms: 0 };
        row = { ...row, lastError: err instanceof Error ? err.message : String(err) };
      }
    }
    const now = this.ctx.clock.now();
    switch (result.kind) {
      case 'sent': {
        const { channelMessageId, deliveredAt } = result;
        return {
          kind: 'sent',
          record: async (db, afterCommit) => {
            await this.queue.markSent(db, row, { channelMessageId, at: now });
            if (deliveredAt !== undefined) await this.source.delivered(db, row, deliveredAt, afterCommit);
          },
        };
      }
      case 'outside-window':
        return this.fail(row, result.reason ?? 'outside_window');
      case 'permanent-failure':
        return this.fail(row, result.error);
      case 'deferred': {
        const at = now + result.ms;
        return { kind: 'deferred', record: (db) => this.queue.defer(db, row, at) };
      }
      case 'retry-after': {
        const error = row.lastError && result.ms === 0 ? row.lastError : `retry after ${result.ms} ms`;
        if (row.attempts >= this.opts.maxAttempts) return this.fail(row, error);
        const at = now + Math.max(result.ms, this.backoff(row.attempts));
        return { kind: 'retry', record: (db) => this.queue.scheduleRetry(db, row, at, error) };
      }
    }
  }

  private fail(row: R, reason: string): Outcome {
    return {
      kind: 'failed',
      record: async (db, afterCommit) => {
        await this.queue.markFailed(db, row, reason);
        await this.source.failed(db, row, reason, afterCommit);
      },
    };
  }

  /** Exponential back-off with full jitter on the upper half: base·2^(n-1) · [0.5, 1). */
  private backoff(attempts: number): number {
    const exp = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(exp * (0.5 + this.opts.random() / 2));
  }

  /** Polls until stop(); one pass at a time. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.runOnce()
        .catch((err: unknown) => {
          this.opts.onError(err);
          return 0;
        })
        .then((n) => {
          if (this.stopped) return;
          const wait = n >= this.opts.batch ? 0 : n > 0 ? this.opts.busyPollMs : this.opts.pollMs;
          this.timer = setTimeout(tick, wait);
        });
    };
    tick();
  }

  /** Stops polling and waits for the pass in flight (graceful shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
