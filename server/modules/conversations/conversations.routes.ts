import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, slugSchema } from '../../../contracts/common.js';
import {
  conversationSchema,
  messageListSchema,
  postMessageResponseSchema,
  residentMeSchema,
  residentMessageSchema,
  residentProfileSchema,
} from '../../../contracts/conversations.js';
import type { AppContext } from '../../context.js';
import { publicWriteRateLimit } from '../../http/rate-limits.js';
import { residentStreamPresenter } from '../../realtime/presenters.js';
import { resumePoint, streamEvents } from '../../realtime/sse.js';
import { ensureResident, requireResident } from '../residents/residents.http.js';
import { presentResident, RESIDENT_COOKIE, residentByToken, updateProfile } from '../residents/residents.service.js';
import { chatTipRoutes } from './chat-tip.routes.js';
import * as service from './conversations.service.js';

const params = z.object({ id: idSchema });
const pageQuery = z.object({
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** Residents: their profile, their conversation with a unit, messages and the live stream. */
export function conversationsPublicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['public: conversations'];
  return async (app) => {
    await app.register(chatTipRoutes(ctx));
    app.get(
      '/me',
      {
        schema: {
          tags,
          summary: 'The resident of this browser (id null before its first write; reading creates nothing)',
          response: { 200: residentMeSchema },
        },
      },
      async (request) => presentResident(await residentByToken(ctx, request.cookies[RESIDENT_COOKIE])),
    );

    app.patch(
      '/me',
      {
        schema: {
          tags,
          summary: 'Set an optional display name and phone',
          body: residentProfileSchema,
          response: { 200: residentMeSchema },
        },
      },
      async (request, reply) => updateProfile(ctx, await ensureResident(ctx, request, reply), request.body),
    );

    app.post(
      '/units/:slug/conversations',
      {
        schema: {
          tags,
          summary: "Open (or get again) the resident's conversation with a unit; sets the resident cookie",
          params: z.object({ slug: slugSchema }),
          response: { 200: conversationSchema, 201: conversationSchema },
        },
        config: { rateLimit: publicWriteRateLimit(ctx) },
      },
      async (request, reply) => {
        const resident = await ensureResident(ctx, request, reply);
        const { conversation, created } = await service.openConversation(ctx, resident.id, request.params.slug);
        return reply.code(created ? 201 : 200).send(conversation);
      },
    );

    app.post(
      '/conversations/:id/messages',
      {
        schema: {
          tags,
          summary:
            "Send a message (a repeated clientId returns the first result); the assistant's answers come back with it",
          params,
          body: residentMessageSchema,
          response: { 201: postMessageResponseSchema },
        },
      },
      async (request, reply) => {
        const resident = await requireResident(ctx, request);
        return reply
          .code(201)
          .send(await service.postResidentMessage(ctx, resident.id, request.params.id, request.body));
      },
    );

    app.get(
      '/conversations/:id/messages',
      {
        schema: {
          tags,
          summary: 'Messages of the conversation, newest first',
          params,
          querystring: pageQuery,
          response: { 200: messageListSchema },
        },
      },
      async (request) => {
        const resident = await requireResident(ctx, request);
        return service.listResidentMessages(ctx, resident.id, request.params.id, request.query);
      },
    );

    app.get(
      '/conversations/:id/events',
      {
        schema: {
          tags,
          summary: 'Server-sent events of the conversation (resume with Last-Event-ID)',
          params,
          querystring: z.object({ lastEventId: z.string().max(20).optional() }),
        },
      },
      async (request, reply) => {
        const resident = await requireResident(ctx, request);
        const conv = await service.residentConversation(ctx, resident.id, request.params.id);
        await streamEvents(ctx, request, reply, {
          scope: { unitId: conv.unitId, conversationId: conv.id, includeInternal: false },
          after: resumePoint(request, request.query),
          present: residentStreamPresenter,
          audience: 'resident',
          limit: { key: `resident:${resident.id}`, max: ctx.config.streams.perResident },
        });
      },
    );
  };
}
