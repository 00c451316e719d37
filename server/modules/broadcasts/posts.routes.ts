import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  consolePostListSchema,
  consolePostQuerySchema,
  consolePostSchema,
  createPostSchema,
  closePostSchema,
  reasonBodySchema,
  recipientsSchema,
  updatePostSchema,
} from '../../../contracts/broadcasts.js';
import { idSchema } from '../../../contracts/common.js';
import type { AppContext } from '../../context.js';
import { requestMeta, requireActor } from '../../http/auth.js';
import { auditActor } from '../accounts/accounts.service.js';
import * as service from './posts.service.js';

const unitParams = z.object({ unitId: idSchema });
const params = z.object({ id: idSchema });
const post = { 200: consolePostSchema };

/** Officers: a unit's posts, drafting and editing, the approval workflow, the recipients preview. */
export function postsConsoleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['console: posts'];
  return async (app) => {
    app.get(
      '/units/:unitId/posts',
      {
        schema: {
          tags,
          summary: "The unit's posts, newest first",
          params: unitParams,
          querystring: consolePostQuerySchema,
          response: { 200: consolePostListSchema },
        },
      },
      async (request) => service.listPosts(ctx, requireActor(request), request.params.unitId, request.query),
    );

    app.post(
      '/units/:unitId/posts',
      {
        schema: {
          tags,
          summary: 'Draft a post to the whole unit or to some of its residential groups',
          params: unitParams,
          body: createPostSchema,
          response: { 201: consolePostSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const audit = auditActor(actor, requestMeta(request));
        return reply.code(201).send(await service.createPost(ctx, actor, audit, request.params.unitId, request.body));
      },
    );

    app.get(
      '/posts/:id',
      { schema: { tags, summary: 'One post with its history and published versions', params, response: post } },
      async (request) => service.getPost(ctx, requireActor(request), request.params.id),
    );

    app.patch(
      '/posts/:id',
      {
        schema: {
          tags,
          summary: 'Edit a draft or rejected post; correct a published one (approvers, with correctionNote)',
          params,
          body: updatePostSchema,
          response: post,
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const audit = auditActor(actor, requestMeta(request));
        return service.updatePost(ctx, actor, audit, request.params.id, request.body);
      },
    );

    const step = (path: 'submit' | 'approve', summary: string) =>
      app.post(`/posts/:id/${path}`, { schema: { tags, summary, params, response: post } }, async (request) => {
        const actor = requireActor(request);
        const audit = auditActor(actor, requestMeta(request));
        return service.changePostStatus(ctx, actor, audit, request.params.id, { type: path });
      });
    step('submit', 'Submit for approval (the author, or an approver)');
    step('approve', 'Approve: published now, or scheduled when publishAt is ahead (owner, supervisors above)');

    const withReason = (path: 'reject' | 'retract', summary: string) =>
      app.post(
        `/posts/:id/${path}`,
        { schema: { tags, summary, params, body: reasonBodySchema, response: post } },
        async (request) => {
          const actor = requireActor(request);
          const audit = auditActor(actor, requestMeta(request));
          const { reason } = request.body;
          return service.changePostStatus(ctx, actor, audit, request.params.id, { type: path, reason });
        },
      );
    withReason('reject', 'Send a submitted or scheduled post back to its author, with the reason');
    withReason('retract', 'Retract a published post; residents see it as retracted, with the reason');

    app.post(
      '/posts/:id/close',
      {
        schema: {
          tags,
          summary: 'Close a published alert (found, caught, over): it expires now and shows the note (approvers)',
          params,
          body: closePostSchema,
          response: post,
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const audit = auditActor(actor, requestMeta(request));
        return service.closePost(ctx, actor, audit, request.params.id, request.body.note);
      },
    );

    app.get(
      '/posts/:id/recipients',
      {
        schema: {
          tags,
          summary: 'Who the post reaches: followers of the unit, or members of its groups; per channel',
          params,
          response: { 200: recipientsSchema },
        },
      },
      async (request) => service.previewRecipients(ctx, requireActor(request), request.params.id),
    );
  };
}
