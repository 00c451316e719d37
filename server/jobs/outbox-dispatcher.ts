import { attachmentsForMessages } from '../modules/attachments/attachments.service.js';
import type { ChannelAdapter, OutboundMessage, SendResult } from '../channels/channel-adapter.js';
import type { AppContext } from '../context.js';
import type { OutboxRow } from '../db/schema/index.js';
import type { Executor } from '../db/database.js';
import { markDelivered } from '../modules/conversations/conversations.repository.js';
import { channelSchema } from '../../contracts/conversations.js';
import { parseQuickReplies } from '../modules/conversations/conversations.present.js';
import { claimDue, findOutboundMessages, markFailed, markSent, scheduleRetry } from './outbox.repository.js';

/** Records a send's outcome inside the batch's transaction. */
type Outcome = (db: Executor) => Promise<void>;

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
      const messages = await this.outbound(rows);
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
          if (deliveredAt !== undefined) await markDelivered(db, row.unitId, row.messageId, deliveredAt);
        };
      }
      case 'outside-window':
        return (db) => markFailed(db, row.id, 'outside_window');
      case 'permanent-failure': {
        const { error } = result;
        return (db) => markFailed(db, row.id, error);
      }
      case 'retry-after': {
        const error = row.lastError && result.ms === 0 ? row.lastError : `retry after ${result.ms} ms`;
        if (row.attempts >= this.opts.maxAttempts) return (db) => markFailed(db, row.id, error);
        const at = now + Math.max(result.ms, this.backoff(row.attempts));
        return (db) => scheduleRetry(db, row.id, at, error);
      }
    }
  }

  /** Exponential back-off with full jitter on the upper half: base·2^(n-1) · [0.5, 1). */
  private backoff(attempts: number): number {
    const exp = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(exp * (0.5 + this.opts.random() / 2));
  }

  /** What to send for each claimed row (by outbox id); a row whose message is gone maps to nothing. */
  private async outbound(rows: OutboxRow[]): Promise<Map<string, OutboundMessage>> {
    const db = this.ctx.database.db;
    const found = await findOutboundMessages(
      db,
      rows.map((r) => r.messageId),
    );
    const byId = new Map(found.map((m) => [m.id, m]));
    // Only officers attach files; the assistant's and system messages never carry any.
    const officerIds = found.filter((m) => m.author === 'officer').map((m) => m.id);
    const attachments = officerIds.length ? await attachmentsForMessages(db, officerIds) : new Map<string, never>();
    const out = new Map<string, OutboundMessage>();
    for (const row of rows) {
      const m = byId.get(row.messageId);
      if (!m || m.unitId !== row.unitId) continue;
      if (m.author !== 'bot' && m.author !== 'officer' && m.author !== 'system') continue;
      const channel = channelSchema.safeParse(row.channel);
      if (!channel.success) continue;
      out.set(row.id, {
        idempotencyKey: row.idempotencyKey,
        channel: channel.data,
        unitId: row.unitId,
        conversationId: row.conversationId,
        messageId: m.id,
        residentId: m.residentId,
        channelUserId: null,
        author: m.author,
        text: m.text,
        quickReplies: parseQuickReplies(m.quickReplies),
        attachments: attachments.get(m.id) ?? [],
        lastInboundAt: m.lastInboundAt,
      });
    }
    return out;
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
