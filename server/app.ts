import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from './context.js';
import { enforceOfficerSession } from './http/auth.js';
import { registerEdgeChecks } from './http/edge.js';
import { registerMetrics } from './http/metrics.js';
import { onFrameworkError, registerProblemHandlers, sendProblem } from './http/problem.js';
import { publicConfigRoutes } from './http/public-config.routes.js';
import { registerWebApp } from './http/web-app.js';
import { projectRoot } from './lib/paths.js';
import { zaloWebhookRoutes } from './modules/zalo/webhook.routes.js';
import { accountsPublicRoutes, accountsRoutes } from './modules/accounts/accounts.routes.js';
import { assistantConsoleRoutes } from './modules/assistant/assistant.routes.js';
import { assistantPublicRoutes } from './modules/conversations/ask.routes.js';
import { attachmentsConsoleRoutes, attachmentsPublicRoutes } from './modules/attachments/attachments.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { boardConsoleRoutes } from './modules/broadcasts/board-console.routes.js';
import { boardPublicRoutes } from './modules/broadcasts/board.routes.js';
import { feedPublicRoutes } from './modules/broadcasts/feed.routes.js';
import { followsPublicRoutes } from './modules/broadcasts/follows.routes.js';
import { groupsConsoleRoutes } from './modules/broadcasts/groups.routes.js';
import { postMediaConsoleRoutes, postMediaPublicRoutes } from './modules/broadcasts/post-media.routes.js';
import { postsConsoleRoutes } from './modules/broadcasts/posts.routes.js';
import { invitationScanRoute, invitationsConsoleRoutes } from './modules/broadcasts/invitations.routes.js';
import { reachConsoleRoutes } from './modules/broadcasts/reach.routes.js';
import { cannedRepliesRoutes } from './modules/conversations/canned-replies.routes.js';
import { conversationsPublicRoutes } from './modules/conversations/conversations.routes.js';
import { inboxRoutes } from './modules/conversations/inbox.routes.js';
import { kbConsoleRoutes, kbPublicRoutes } from './modules/knowledge/kb.routes.js';
import { pushPublicRoutes } from './modules/push/push.routes.js';
import { tipsConsoleRoutes } from './modules/tips/tips.console.routes.js';
import { tipsPublicRoutes } from './modules/tips/tips.public.routes.js';
import { unitsConsoleRoutes, unitsPublicRoutes } from './modules/units/units.routes.js';
import { zaloCallbackRoute } from './modules/zalo/zalo-callback.routes.js';
import { zaloConsoleRoutes } from './modules/zalo/zalo-console.routes.js';

export interface RegisteredRoute {
  method: string;
  url: string;
  /** Media types of the body when not JSON (multipart uploads); OpenAPI does not show bodies without a schema. */
  consumes: readonly string[];
}

export interface BuildAppOptions {
  /** Serve the built web app from dist/web when present (off in API tests). */
  serveWeb?: boolean;
  /** Where the built web app is (default dist/web); tests serve a fixture. */
  webRoot?: string;
  /** Called for every route as it is registered (the tenancy test walks them all). */
  onRoute?: (route: RegisteredRoute) => void;
}

/** Builds the Fastify app around a context; tests use app.inject(). */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = ctx.log;
  const app = Fastify({
    // The context's logger: request logs carry URLs with one-time tokens redacted (lib/log.ts).
    loggerInstance: logger,
    bodyLimit: ctx.config.http.bodyLimit,
    trustProxy: ctx.config.http.trustProxy,
    // Malformed URLs (bad percent-encoding) get problem+json like every other error.
    frameworkErrors: onFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  const { onRoute } = options;
  if (onRoute) {
    app.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) onRoute({ method, url: r.url, consumes: r.schema?.consumes ?? [] });
    });
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);

  await app.register(cookie);
  // Security headers on every response. helmet's middleware is built once here: the Fastify plugin
  // rebuilt it (parsing the CSP) on every request, which showed in the chat benchmark's profile.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine sets style attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // https: for units' avatars given as links; the map's tile server too when it is plain http;
        // blob: for photos the page fetched itself (a tip's reporter opens them by POST) or is about to upload.
        imgSrc: ["'self'", 'data:', 'blob:', 'https:', ...(ctx.config.map ? [ctx.config.map.imageSource] : [])],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // HSTS over plain HTTP would be ignored at best, and would pin a site later moved to https.
    strictTransportSecurity: ctx.config.http.baseUrl.startsWith('https://'),
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined));
  });
  registerEdgeChecks(app, ctx.config.http.baseUrl);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Kết nối An ninh API',
        version: '1',
        description: 'Residents (public) and officers (console) API',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kn_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  registerMetrics(app, ctx);
  // Open event streams would keep the server from closing: end them first, then the LISTEN connection.
  app.addHook('preClose', async () => {
    ctx.bus.endStreams();
  });
  app.addHook('onClose', async () => {
    await ctx.bus.close();
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await ctx.database.ping();
      return { status: 'ready' };
    } catch (err) {
      ctx.reportError('readyz', err);
      return sendProblem(reply, { status: 503, code: 'not_ready', title: 'The database is not reachable' });
    }
  });

  await app.register(publicConfigRoutes(ctx), { prefix: '/api/v1/public' });
  await app.register(unitsPublicRoutes(ctx), { prefix: '/api/v1/public' });
  await app.register(kbPublicRoutes(ctx), { prefix: '/api/v1/public' });
  await app.register(assistantPublicRoutes(ctx), { prefix: '/api/v1/public' });
  await app.register(conversationsPublicRoutes(ctx), { prefix: '/api/v1/public' });
  await app.register(attachmentsPublicRoutes(ctx), { prefix: '/api/v1/public' });
  await app.register(feedPublicRoutes(ctx), { prefix: '/api/v1/public' });
  await app.register(postMediaPublicRoutes(ctx), { prefix: '/api/v1/public' });
  await app.register(followsPublicRoutes(ctx), { prefix: '/api/v1/public' });
  await app.register(pushPublicRoutes(ctx), { prefix: '/api/v1/public' });
  await app.register(boardPublicRoutes(ctx), { prefix: '/api/v1/public' });
  await app.register(invitationScanRoute(ctx));
  await app.register(zaloWebhookRoutes(ctx));
  await app.register(zaloCallbackRoute(ctx));
  await app.register(tipsPublicRoutes(ctx), { prefix: '/api/v1/public' });
  await app.register(accountsPublicRoutes(ctx), { prefix: '/api/v1/console' });
  await app.register(
    async (console) => {
      enforceOfficerSession(console, ctx);
      await console.register(accountsRoutes(ctx));
      await console.register(unitsConsoleRoutes(ctx));
      await console.register(auditRoutes(ctx));
      await console.register(kbConsoleRoutes(ctx));
      await console.register(assistantConsoleRoutes(ctx));
      await console.register(inboxRoutes(ctx));
      await console.register(cannedRepliesRoutes(ctx));
      await console.register(attachmentsConsoleRoutes(ctx));
      await console.register(postsConsoleRoutes(ctx));
      await console.register(postMediaConsoleRoutes(ctx));
      await console.register(groupsConsoleRoutes(ctx));
      await console.register(boardConsoleRoutes(ctx));
      await console.register(reachConsoleRoutes(ctx));
      await console.register(invitationsConsoleRoutes(ctx));
      await console.register(tipsConsoleRoutes(ctx));
      await console.register(zaloConsoleRoutes(ctx));
    },
    { prefix: '/api/v1/console' },
  );

  const webRoot = options.webRoot ?? path.join(projectRoot(), 'dist', 'web');
  await registerWebApp(app, (options.serveWeb ?? true) ? webRoot : null);
  return app;
}
