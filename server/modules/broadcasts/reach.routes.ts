import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../contracts/common.js';
import { postReachSchema, unitReachQuerySchema, unitReachSchema } from '../../../contracts/reach.js';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import * as service from './reach.service.js';

/** Officers: how far a post reached, and a unit's daily reach. */
export function reachConsoleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['console: posts'];
  return async (app) => {
    app.get(
      '/posts/:id/reach',
      {
        schema: {
          tags,
          summary:
            'Recipients, notifications delivered, failed and pending, and reads of a post; per group and channel',
          params: z.object({ id: idSchema }),
          response: { 200: postReachSchema },
        },
      },
      async (request) => service.postReach(ctx, requireActor(request), request.params.id),
    );

    app.get(
      '/units/:unitId/reach',
      {
        schema: {
          tags,
          summary: "The unit's posts, deliveries, reads and new followers per day (Vietnam's days), oldest first",
          params: z.object({ unitId: idSchema }),
          querystring: unitReachQuerySchema,
          response: { 200: unitReachSchema },
        },
      },
      async (request) => service.unitReach(ctx, requireActor(request), request.params.unitId, request.query.days),
    );
  };
}
