import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { sendProblem } from './problem.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Loopback callers (a scraper on the same host), or anyone presenting METRICS_TOKEN as a bearer token. */
function mayScrape(ctx: AppContext, request: FastifyRequest): boolean {
  // The socket's own address: behind a proxy (TRUST_PROXY) request.ip is the client's, and a
  // proxied request from outside must not pass as local.
  const peer = request.raw.socket.remoteAddress ?? '';
  const forwarded = request.headers['x-forwarded-for'] !== undefined;
  if (LOOPBACK.has(peer) && !forwarded) return true;
  const token = ctx.config.metrics.token;
  const header = request.headers.authorization;
  if (!token || typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Times every request and serves the context's Prometheus registry at /metrics to permitted scrapers. */
export function registerMetrics(app: FastifyInstance, ctx: AppContext): void {
  const { registry, httpDuration } = ctx.metrics;
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!mayScrape(ctx, request)) {
      return sendProblem(reply, {
        status: 403,
        code: 'metrics_forbidden',
        title: 'Metrics are served to localhost, or with the METRICS_TOKEN bearer token',
      });
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
