import type { ControlledTransaction, Kysely, Transaction } from 'kysely';
import type { DB } from './schema/index.js';

export type Work<T> = (trx: Transaction<DB>, afterCommit: (cb: () => void) => void) => Promise<T>;

interface Job {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
  callbacks: (() => void)[];
  value?: unknown;
}

export interface GroupCommitOptions {
  /** Most transactions sharing one commit. */
  maxBatch: number;
  /** How long a batch keeps taking newcomers before it commits. */
  maxWaitMs: number;
}

export interface GroupCommitPorts {
  /** The Kysely instance over the writing connection. */
  writer: Kysely<DB>;
  /** Told about each batch's transaction before any work runs in it. */
  onBatch?: (trx: Transaction<DB>) => void;
  /** Runs a statement directly on that connection (savepoints: cheaper than through the builder). */
  exec: (sql: string) => void;
  /** Told about failures that reach no caller: a failed rollback, an afterCommit callback that threw. */
  report?: (where: string, err: unknown) => void;
}

export interface CommitStats {
  /** Physical commits (one fsync each, synchronous=FULL). */
  commits: number;
  /** Transactions acknowledged by those commits. */
  transactions: number;
  /** Time spent in COMMIT (its fsync), in seconds. */
  commitSeconds: number;
}

/**
 * Group commit for SQLite's single writer connection. Transactions that arrive while one is running
 * queue up and run one after another inside one physical transaction, each in its own savepoint
 * (a failing one rolls back alone); the batch then commits once, and only after that commit does
 * any of them resolve or run its afterCommit callbacks. An acknowledgement therefore still means
 * "on disk" (synchronous=FULL), but many acknowledgements share one fsync.
 *
 * Batches form by themselves: whatever arrives during a batch or its commit's fsync, or during the
 * same turn of the event loop, joins the next one; a lone transaction waits one event-loop turn at
 * most. (Syncing the WAL on the thread pool instead, so the main thread works during the fsync,
 * measured no faster on this project's benchmark, and would let readers see unsynced commits.)
 */
export class GroupCommit {
  readonly #ports: GroupCommitPorts;
  readonly #options: GroupCommitOptions;
  #queue: Job[] = [];
  #running = false;
  readonly stats: CommitStats = { commits: 0, transactions: 0, commitSeconds: 0 };

  constructor(ports: GroupCommitPorts, options: GroupCommitOptions) {
    this.#ports = ports;
    this.#options = options;
  }

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve, reject, callbacks: [] });
      if (!this.#running) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queue.length) {
        try {
          await this.#batch();
        } catch (err) {
          // #batch settles its own jobs; this is a last guard so nothing queued waits forever.
          for (const job of this.#queue.splice(0)) job.reject(err);
        }
      }
    } finally {
      this.#running = false;
    }
  }

  /**
   * One physical transaction. Every job taken from the queue is settled on every path: resolved
   * after the commit, or rejected (its own failure, a savepoint command's failure, or the commit's).
   */
  async #batch(): Promise<void> {
    const { writer, exec } = this.#ports;
    const started = performance.now();
    const done: Job[] = [];
    let current: Job | null = null;
    let taken = 0;
    let trx: ControlledTransaction<DB>;
    try {
      trx = await writer.startTransaction().execute();
      this.#ports.onBatch?.(trx);
    } catch (err) {
      for (const job of this.#queue.splice(0)) job.reject(err);
      return;
    }
    let committedAt: number;
    try {
      for (;;) {
        // The time limit applies once the batch has taken a job: a slow start never commits an empty batch.
        const full = done.length >= this.#options.maxBatch;
        if (full || (taken > 0 && performance.now() - started >= this.#options.maxWaitMs)) break;
        current = this.#queue.shift() ?? null;
        if (!current) {
          // Let requests whose bytes are already here reach their transaction and share this commit.
          await new Promise((resolve) => setImmediate(resolve));
          current = this.#queue.shift() ?? null;
          if (!current) break;
        }
        const job: Job = current;
        taken += 1;
        exec('SAVEPOINT job');
        let failure: { err: unknown } | null = null;
        try {
          job.value = await job.work(trx, (cb) => job.callbacks.push(cb));
        } catch (err) {
          failure = { err };
        }
        if (failure) {
          // If undoing the savepoint fails too, the outer catch rejects this job with the batch.
          exec('ROLLBACK TO job');
          exec('RELEASE job');
          current = null;
          job.reject(failure.err);
          continue;
        }
        exec('RELEASE job');
        current = null;
        done.push(job);
      }
      committedAt = performance.now();
      await trx.commit().execute();
    } catch (err) {
      // A savepoint command or the commit failed: nothing of this batch is stored.
      await trx
        .rollback()
        .execute()
        .catch((rollbackErr: unknown) => this.#ports.report?.('db.rollback', rollbackErr));
      current?.reject(err);
      for (const job of done) job.reject(err);
      return;
    }
    this.stats.commits += 1;
    this.stats.transactions += done.length;
    this.stats.commitSeconds += (performance.now() - committedAt) / 1000;
    for (const job of done) job.resolve(job.value);
    for (const job of done) runAfterCommit(job.callbacks, this.#ports.report);
  }
}

/** Runs a committed transaction's callbacks; one that throws is reported and does not stop the rest. */
export function runAfterCommit(callbacks: (() => void)[], report?: (where: string, err: unknown) => void): void {
  for (const cb of callbacks) {
    try {
      cb();
    } catch (err) {
      report?.('db.after_commit', err);
    }
  }
}
