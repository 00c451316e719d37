import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { publicConfigSchema, type PublicConfig } from '../../contracts/public-config.js';
import type { AppContext } from '../context.js';

/** Residents and officers: the deployment's settings the web app draws with (the map's tiles). */
export function publicConfigRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { map } = ctx.config;
  const body: PublicConfig = { map: map ? { tileUrl: map.tileUrl, attribution: map.attribution } : null };
  return async (app) => {
    app.get(
      '/config',
      {
        schema: {
          tags: ['public: config'],
          summary: 'Settings the web app needs: the map tile server (null: no map)',
          response: { 200: publicConfigSchema },
        },
      },
      // Changes only with a restart; a few minutes' cache spares every form a request.
      async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(body),
    );
  };
}
