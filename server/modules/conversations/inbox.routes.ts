import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../contracts/common.js';
import {
  assignSchema,
  conversationListSchema,
  conversationSchema,
  inboxQuerySchema,
  labelsSchema,
  messageListSchema,
  messageSchema,
  officerMessageSchema,
} from '../../../contracts/conversations.js';
import type { AppContext } from '../../context.js';
import { requestMeta, requireActor } from '../../http/auth.js';
import { consoleStreamPresenter } from '../../realtime/presenters.js';
import { resumePoint, streamEvents } from '../../realtime/sse.js';
import { auditActor, sessionMayStill } from '../accounts/accounts.service.js';
import { requireUnit } from '../units/units.service.js';
import * as inbox from './inbox.service.js';

const unitParams = z.object({ unitId: idSchema });
const params = z.object({ id: idSchema });
const pageQuery = z.object({
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
const officerReplySchema = z.object({ message: messageSchema, conversation: conversationSchema });

/** Officers' inbox: a unit's conversations, replies and notes, state changes, canned replies, live events. */
export function inboxRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['console: conversations'];
  return async (app) => {
    app.get(
      '/units/:unitId/conversations',
      {
        schema: {
          tags,
          summary: "The unit's conversations",
          params: unitParams,
          querystring: inboxQuerySchema,
          response: { 200: conversationListSchema },
        },
      },
      async (request) => inbox.listInbox(ctx, requireActor(request), request.params.unitId, request.query),
    );

    app.get(
      '/units/:unitId/events',
      {
        schema: {
          tags,
          summary:
            "Server-sent events of the unit's conversations, internal notes included (resume with Last-Event-ID)",
          params: unitParams,
          querystring: z.object({ lastEventId: z.string().max(20).optional() }),
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const unit = await requireUnit(ctx, actor, request.params.unitId, 'conversation.read');
        await streamEvents(ctx, request, reply, {
          scope: { unitId: unit.id, includeInternal: true },
          after: resumePoint(request, request.query),
          present: consoleStreamPresenter,
          audience: 'officer',
          limit: { key: `session:${actor.sessionId}`, max: ctx.config.streams.perSession },
          guard: {
            officerId: actor.officerId,
            sessionId: actor.sessionId,
            stillAllowed: () => sessionMayStill(ctx, actor.sessionId, unit.id, 'conversation.read'),
          },
        });
      },
    );

    app.get(
      '/conversations/:id',
      { schema: { tags, summary: 'One conversation', params, response: { 200: conversationSchema } } },
      async (request) => inbox.getConversation(ctx, requireActor(request), request.params.id),
    );

    app.get(
      '/conversations/:id/messages',
      {
        schema: {
          tags,
          summary: 'Messages, internal notes included, newest first',
          params,
          querystring: pageQuery,
          response: { 200: messageListSchema },
        },
      },
      async (request) => inbox.listConsoleMessages(ctx, requireActor(request), request.params.id, request.query),
    );

    app.post(
      '/conversations/:id/messages',
      {
        schema: {
          tags,
          summary: 'Reply to the resident, or add an internal note',
          params,
          body: officerMessageSchema,
          response: { 201: officerReplySchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const result = await inbox.postOfficerMessage(
          ctx,
          actor,
          auditActor(actor, requestMeta(request)),
          request.params.id,
          request.body,
        );
        return reply.code(201).send(result);
      },
    );

    const stateRoute = (
      path: string,
      summary: string,
      body: z.ZodType | undefined,
      action: (b: unknown) => Parameters<typeof inbox.changeConversation>[4],
    ) =>
      app.post(
        `/conversations/:id/${path}`,
        { schema: { tags, summary, params, ...(body ? { body } : {}), response: { 200: conversationSchema } } },
        async (request) => {
          const actor = requireActor(request);
          return inbox.changeConversation(
            ctx,
            actor,
            auditActor(actor, requestMeta(request)),
            request.params.id,
            action(request.body),
          );
        },
      );
    stateRoute('take', 'Assign the conversation to me (takes it over from the assistant)', undefined, () => ({
      kind: 'take',
    }));
    stateRoute('assign', 'Assign to an officer of the unit, or unassign (owners)', assignSchema, (b) => ({
      kind: 'assign',
      officerId: assignSchema.parse(b).officerId,
    }));
    stateRoute('pending', 'Waiting for the resident', undefined, () => ({ kind: 'pending' }));
    stateRoute('resolve', 'Resolve (the resident writing again re-opens it)', undefined, () => ({ kind: 'resolve' }));
    stateRoute('labels', 'Replace the labels', labelsSchema, (b) => ({
      kind: 'labels',
      labels: labelsSchema.parse(b).labels,
    }));
  };
}
