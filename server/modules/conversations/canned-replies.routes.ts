import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, okSchema } from '../../../contracts/common.js';
import { cannedReplySchema, createCannedReplySchema } from '../../../contracts/conversations.js';
import type { AppContext } from '../../context.js';
import { requestMeta, requireActor } from '../../http/auth.js';
import { auditActor } from '../accounts/accounts.service.js';
import * as canned from './canned-replies.service.js';

const unitParams = z.object({ unitId: idSchema });

/** A unit's canned replies for the inbox. */
export function cannedRepliesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['console: conversations'];
  return async (app) => {
    app.get(
      '/units/:unitId/canned-replies',
      {
        schema: {
          tags,
          summary: "The unit's canned replies",
          params: unitParams,
          response: { 200: z.object({ items: z.array(cannedReplySchema) }) },
        },
      },
      async (request) => ({ items: await canned.listCannedReplies(ctx, requireActor(request), request.params.unitId) }),
    );

    app.post(
      '/units/:unitId/canned-replies',
      {
        schema: {
          tags,
          summary: 'Add a canned reply',
          params: unitParams,
          body: createCannedReplySchema,
          response: { 201: cannedReplySchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const created = await canned.createCannedReply(
          ctx,
          actor,
          auditActor(actor, requestMeta(request)),
          request.params.unitId,
          request.body,
        );
        return reply.code(201).send(created);
      },
    );

    app.delete(
      '/units/:unitId/canned-replies/:replyId',
      {
        schema: {
          tags,
          summary: 'Remove a canned reply',
          params: unitParams.extend({ replyId: idSchema }),
          response: { 200: okSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        await canned.deleteCannedReply(
          ctx,
          actor,
          auditActor(actor, requestMeta(request)),
          request.params.unitId,
          request.params.replyId,
        );
        return { ok: true as const };
      },
    );
  };
}
