import type { ChannelAdapter, OutboundMessage, SendResult } from '../channels/channel-adapter.js';
import type { AppContext } from '../context.js';
import type { OutboxRow } from '../db/schema/index.js';
import type { Executor } from '../db/database.js';
import { claimDue, markFailed, markSent, scheduleRetry } from './outbox.repository.js';

/** Records a send's outcome inside the batch's transaction. */
type Outcome = (db: Executor) => Promise<void>;

/**
 * The port through which the dispatcher reaches the module that queued the messages (conversations
 * today): it never reads or writes that module's tables itself.
 */
export interface OutboxSource {
  /** What to send for each claimed row, by outbox row id; a row whose message is gone maps to nothing. */
  messagesFor(rows: OutboxRow[]): Promise<Map<string, OutboundMessage>>;
  /** The channel has delivered the row's message; recorded in the outcome's transaction. */
  delivered(trx: Executor, row: OutboxRow, at: number): Promise<void>;
  /** The row will never be sent (outside the channel's window, refused for good, retries used up). */
  failed(trx: Executor, row: OutboxRow, reason: string): Promise<void>;
}

export interface DispatcherOptions {
  /** Attempts before a row is marked failed. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claim holds before another worker may take the row over. */
  leaseMs?: number;
  batch?: number;
  pollMs?: number;
  /** After a pass that found some rows but not a full batch: wait this long, so passes claim more at once. */
  busyPollMs?: number;
  random?: () => number;
  /** Told about a pass that failed (e.g. the database was unreachable); the next poll tries again. */
  onError?: (err: unknown) => void;
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
 * Sends queued outbound messages through their channel adapters: claim with a lease, send with the
 * row's idempotency key, then mark sent, retry with exponential back-off and jitter, or fail.
 */
export class OutboxDispatcher {
  private readonly opts: Required<DispatcherOptions>;
  private readonly buckets = new Map<string, TokenBucket>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(
    private readonly ctx: AppContext,
    private readonly adapters: ChannelAdapter[],
    private readonly source: OutboxSource,
    options: DispatcherOptions = {},
  ) {
    this.opts = {
      maxAttempts: 8,
      baseDelayMs: 2_000,
      maxDelayMs: 15 * 60_000,
      leaseMs: 60_000,
      batch: 50,
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
    for (const adapter of this.adapters) {
      const now = this.ctx.clock.now();
      let bucket = this.buckets.get(adapter.channel);
      if (!bucket) {
        bucket = new TokenBucket(adapter.ratePerSecond, now);
        this.buckets.set(adapter.channel, bucket);
      }
      const limit = Math.min(this.opts.batch, bucket.available(now));
      const { dialect } = this.ctx.database;
      const rows = await this.ctx.database.transaction((trx) =>
        claimDue(trx, dialect, adapter.channel, now, this.opts.leaseMs, limit),
      );
      bucket.take(rows.length);
      // Send one by one, then record every outcome of the batch in one transaction (one commit
      // instead of one per message). A crash in between only means a re-send after the lease,
      // which the idempotency key makes harmless.
      const outcomes: Outcome[] = [];
      const messages = rows.length ? await this.source.messagesFor(rows) : new Map<string, OutboundMessage>();
      for (const row of rows) outcomes.push(await this.deliver(adapter, row, messages.get(row.id) ?? null));
      if (outcomes.length) {
        await this.ctx.database.transaction(async (trx) => {
          for (const record of outcomes) await record(trx);
        });
      }
      handled += outcomes.length;
    }
    return handled;
  }

  /** Sends one row; returns how to record the outcome. */
  private async deliver(adapter: ChannelAdapter, row: OutboxRow, message: OutboundMessage | null): Promise<Outcome> {
    let result: SendResult;
    if (!message) result = { kind: 'permanent-failure', error: 'message not found' };
    else {
      try {
        result = await adapter.send(message);
      } catch (err) {
        // Adapters return expected failures; a throw is a bug or an outage: log it, retry later.
        this.ctx.reportError('outbox.send', err, { channel: row.channel, outboxId: row.id });
        result = { kind: 'retry-after', ms: 0 };
        row = { ...row, lastError: err instanceof Error ? err.message : String(err) };
      }
    }
    const now = this.ctx.clock.now();
    switch (result.kind) {
      case 'sent': {
        const { channelMessageId, deliveredAt } = result;
        return async (db) => {
          await markSent(db, row.id, channelMessageId, now);
          if (deliveredAt !== undefined) await this.source.delivered(db, row, deliveredAt);
        };
      }
      case 'outside-window':
        return (db) => this.fail(db, row, 'outside_window');
      case 'permanent-failure': {
        const { error } = result;
        return (db) => this.fail(db, row, error);
      }
      case 'retry-after': {
        const error = row.lastError && result.ms === 0 ? row.lastError : `retry after ${result.ms} ms`;
        if (row.attempts >= this.opts.maxAttempts) return (db) => this.fail(db, row, error);
        const at = now + Math.max(result.ms, this.backoff(row.attempts));
        return (db) => scheduleRetry(db, row.id, at, error);
      }
    }
  }

  private async fail(db: Executor, row: OutboxRow, reason: string): Promise<void> {
    await markFailed(db, row.id, reason);
    await this.source.failed(db, row, reason);
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
