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

export interface CommitStats {
  /** Physical commits (one fsync each with synchronous=FULL). */
  commits: number;
  /** Transactions acknowledged by those commits. */
  transactions: number;
}

/**
 * Group commit for SQLite's single writer connection. Transactions that arrive while one is running
 * queue up and run one after another inside one physical transaction, each in its own savepoint
 * (a failing one rolls back alone); the batch then commits once, and only after that commit does
 * any of them resolve or run its afterCommit callbacks. An acknowledgement therefore still means
 * "on disk" (synchronous=FULL), but many acknowledgements share one fsync.
 *
 * Batches form by themselves: whatever arrives during a commit's fsync, or during the same turn of
 * the event loop, joins the next batch; a lone transaction waits one event-loop turn at most.
 */
export class GroupCommit {
  readonly #writer: Kysely<DB>;
  readonly #options: GroupCommitOptions;
  #queue: Job[] = [];
  #running = false;
  readonly stats: CommitStats = { commits: 0, transactions: 0 };

  constructor(writer: Kysely<DB>, options: GroupCommitOptions) {
    this.#writer = writer;
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
      while (this.#queue.length) await this.#batch();
    } finally {
      this.#running = false;
    }
  }

  async #batch(): Promise<void> {
    const started = performance.now();
    const done: Job[] = [];
    let trx: ControlledTransaction<DB>;
    try {
      trx = await this.#writer.startTransaction().execute();
    } catch (err) {
      for (const job of this.#queue.splice(0)) job.reject(err);
      return;
    }
    try {
      for (;;) {
        if (done.length >= this.#options.maxBatch || performance.now() - started >= this.#options.maxWaitMs) break;
        let job = this.#queue.shift();
        if (!job) {
          // Let requests whose bytes are already here reach their transaction and share this commit.
          await new Promise((resolve) => setImmediate(resolve));
          job = this.#queue.shift();
          if (!job) break;
        }
        const sp = await trx.savepoint('job').execute();
        try {
          const callbacks = job.callbacks;
          job.value = await job.work(trx, (cb) => callbacks.push(cb));
        } catch (err) {
          await sp.rollbackToSavepoint('job').execute();
          await sp.releaseSavepoint('job').execute();
          job.reject(err);
          continue;
        }
        await sp.releaseSavepoint('job').execute();
        done.push(job);
      }
      await trx.commit().execute();
    } catch (err) {
      // A savepoint command or the commit failed: nothing of this batch is stored.
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      for (const job of done) job.reject(err);
      return;
    }
    this.stats.commits += 1;
    this.stats.transactions += done.length;
    for (const job of done) {
      job.resolve(job.value);
      for (const cb of job.callbacks) cb();
    }
  }
}
