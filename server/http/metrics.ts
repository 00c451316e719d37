import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { Database } from '../db/database.js';
import type { CommitStats } from '../db/group-commit.js';

/** Prometheus metrics: process defaults plus request counts and durations per route. */
export function registerMetrics(app: FastifyInstance, database: Database): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'ketnoi_' });
  const duration = new client.Histogram({
    name: 'ketnoi_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  // SQLite's group commit: transactions per commit is the batching factor.
  const commitStat = (name: string, help: string, pick: (s: CommitStats) => number) =>
    new client.Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const stats = database.commitStats();
        if (!stats) return;
        this.reset();
        this.inc(pick(stats));
      },
    });
  if (database.dialect === 'sqlite') {
    commitStat('ketnoi_db_commits_total', 'SQLite commits (one fsync each)', (s) => s.commits);
    commitStat(
      'ketnoi_db_committed_transactions_total',
      'Transactions acknowledged by those commits',
      (s) => s.transactions,
    );
    commitStat('ketnoi_db_commit_seconds_total', 'Time spent committing', (s) => s.commitSeconds);
  }
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
