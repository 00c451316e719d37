import client from 'prom-client';
import type { CommitStats } from '../db/group-commit.js';

/** The process's Prometheus registry and the metrics services update (a field of the context). */
export interface Metrics {
  registry: client.Registry;
  httpDuration: client.Histogram<'method' | 'route' | 'status'>;
  /** Errors caught and handled (logged) rather than thrown to a caller, by where they were caught. */
  caughtErrors: client.Counter<'where'>;
  /** Open server-sent event streams, by audience. */
  openStreams: client.Gauge<'audience'>;
  /** Sends the delivery dispatchers recorded, by queue (outbox, post_deliveries), channel and outcome. */
  deliveries: client.Counter<'queue' | 'channel' | 'outcome'>;
  /** Where SQLite's group-commit counters are read from (set once the database is open). */
  commitStats: () => CommitStats | null;
  /** Where the queues' pending rows are counted at each scrape (set once the database is open). */
  queueDepths: () => Promise<{ queue: string; channel: string; pending: number }[]>;
}

/** Builds the registry: process defaults, HTTP durations, caught errors, streams, deliveries and (SQLite) commit counters. */
export function createMetrics(options: { groupCommit: boolean }): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'ketnoi_' });
  const httpDuration = new client.Histogram({
    name: 'ketnoi_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const caughtErrors = new client.Counter({
    name: 'ketnoi_caught_errors_total',
    help: 'Errors caught, logged and handled without failing the request, by where they were caught',
    labelNames: ['where'] as const,
    registers: [registry],
  });
  const openStreams = new client.Gauge({
    name: 'ketnoi_open_event_streams',
    help: 'Open server-sent event streams by audience',
    labelNames: ['audience'] as const,
    registers: [registry],
  });
  const deliveries = new client.Counter({
    name: 'ketnoi_deliveries_total',
    help: 'Outcomes of queued sends (sent, retry, failed) by queue and channel',
    labelNames: ['queue', 'channel', 'outcome'] as const,
    registers: [registry],
  });
  new client.Gauge({
    name: 'ketnoi_delivery_queue_depth',
    help: 'Rows waiting to be sent (due or backing off) by queue and channel',
    labelNames: ['queue', 'channel'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { queue, channel, pending } of await metrics.queueDepths()) this.set({ queue, channel }, pending);
    },
  });
  // SQLite's group commit: transactions per commit is the batching factor.
  const commitStat = (name: string, help: string, pick: (s: CommitStats) => number) =>
    new client.Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const stats = metrics.commitStats();
        if (!stats) return;
        this.reset();
        this.inc(pick(stats));
      },
    });
  const metrics: Metrics = {
    registry,
    httpDuration,
    caughtErrors,
    openStreams,
    deliveries,
    commitStats: () => null,
    queueDepths: () => Promise.resolve([]),
  };
  if (options.groupCommit) {
    commitStat('ketnoi_db_commits_total', 'SQLite commits (one fsync each)', (s) => s.commits);
    commitStat(
      'ketnoi_db_committed_transactions_total',
      'Transactions acknowledged by those commits',
      (s) => s.transactions,
    );
    commitStat('ketnoi_db_commit_seconds_total', 'Time spent committing', (s) => s.commitSeconds);
  }
  return metrics;
}
