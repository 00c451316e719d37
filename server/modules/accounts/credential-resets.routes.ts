import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  completeResetSchema,
  createResetLinkSchema,
  resetLinkCreatedSchema,
  resetLinkInfoSchema,
} from '../../../contracts/accounts.js';
import { idSchema } from '../../../contracts/common.js';
import type { AppContext } from '../../context.js';
import { requestMeta, requireActor } from '../../http/auth.js';
import { publicWriteRateLimit } from '../../http/rate-limits.js';
import * as service from './credential-resets.service.js';

const tags = ['console: accounts'];
const tokenParams = z.object({ token: z.string().min(10).max(100) });

/** Reset links, opened without a session by the officer they were issued for. */
export function credentialResetsPublicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/reset-links/:token',
      {
        schema: {
          tags,
          summary: 'What a password or 2FA reset link lets its officer set',
          params: tokenParams,
          response: { 200: resetLinkInfoSchema },
        },
        config: { rateLimit: publicWriteRateLimit(ctx) },
      },
      async (request) => service.getResetLink(ctx, request.params.token),
    );

    app.post(
      '/reset-links/:token',
      {
        schema: {
          tags,
          summary: 'Use a reset link: set the new password and/or enrol the new 2FA secret',
          params: tokenParams,
          body: completeResetSchema,
          response: { 200: z.object({ username: z.string() }) },
        },
        config: { rateLimit: publicWriteRateLimit(ctx) },
      },
      async (request) => service.completeReset(ctx, request.params.token, request.body, requestMeta(request)),
    );
  };
}

/** Issuing reset links for the officers a manager manages. */
export function credentialResetsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/units/:unitId/officers/:officerId/reset-links',
      {
        schema: {
          tags,
          summary: "Issue a one-time link for an officer to set a new password and/or 2FA; ends the officer's sessions",
          params: z.object({ unitId: idSchema, officerId: idSchema }),
          body: createResetLinkSchema,
          response: { 201: resetLinkCreatedSchema },
        },
      },
      async (request, reply) => {
        const { unitId, officerId } = request.params;
        const link = await service.createResetLink(
          ctx,
          requireActor(request),
          requestMeta(request),
          unitId,
          officerId,
          request.body.kind,
        );
        return reply.code(201).send(link);
      },
    );
  };
}
