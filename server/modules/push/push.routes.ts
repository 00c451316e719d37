import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { okSchema } from '../../../contracts/common.js';
import {
  pushKeySchema,
  pushSubscriptionInputSchema,
  pushSubscriptionSchema,
  pushUnsubscribeSchema,
} from '../../../contracts/push.js';
import type { AppContext } from '../../context.js';
import { publicWriteRateLimit } from '../../http/rate-limits.js';
import { ensureResident, requireResident } from '../residents/residents.http.js';
import * as service from './push.service.js';

/** Residents: the server's VAPID key, and their browsers' push subscriptions. */
export function pushPublicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['public: push'];
  return async (app) => {
    app.get(
      '/push/key',
      {
        schema: {
          tags,
          summary: "The server's VAPID public key (the browser's applicationServerKey)",
          response: { 200: pushKeySchema },
        },
      },
      async () => ({ publicKey: ctx.vapid.publicKey }),
    );

    app.post(
      '/push/subscriptions',
      {
        schema: {
          tags,
          summary: "Register this browser's push subscription (again: re-bound to this resident)",
          body: pushSubscriptionInputSchema,
          response: { 201: pushSubscriptionSchema },
        },
        config: { rateLimit: publicWriteRateLimit(ctx) },
      },
      async (request, reply) => {
        const resident = await ensureResident(ctx, request, reply);
        return reply.code(201).send(await service.subscribe(ctx, resident.id, request.body));
      },
    );

    app.delete(
      '/push/subscriptions',
      {
        schema: {
          tags,
          summary: 'Stop push notifications to this browser',
          body: pushUnsubscribeSchema,
          response: { 200: okSchema },
        },
        config: { rateLimit: publicWriteRateLimit(ctx) },
      },
      async (request) => {
        const resident = await requireResident(ctx, request, 'Push subscription');
        await service.unsubscribe(ctx, resident.id, request.body.endpoint);
        return { ok: true as const };
      },
    );
  };
}
