import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  boardPageQuerySchema,
  consoleBoardMessageSchema,
  consoleBoardSchema,
  moderationReasonSchema,
  muteBodySchema,
  muteListSchema,
  muteSchema,
  openReportCountsSchema,
  pinnedPostListSchema,
  pinnedPostSchema,
  pinPostBodySchema,
  reportedMessageListSchema,
  resolveReportsSchema,
  writeBoardMessageSchema,
} from '../../../contracts/board.js';
import { idSchema, okSchema } from '../../../contracts/common.js';
import type { AppContext } from '../../context.js';
import { requestMeta, requireActor } from '../../http/auth.js';
import { auditActor } from '../accounts/accounts.service.js';
import * as mod from './board-moderation.service.js';
import { sendPhoto } from './board.routes.js';

const groupParams = z.object({ groupId: idSchema });
const messageParams = z.object({ id: idSchema });

/** Officers on their unit's groups' boards: read, write as the unit, moderate, resolve reports. */
export function boardConsoleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['console: group boards'];
  return async (app) => {
    const who = (request: Parameters<typeof requireActor>[0]) => {
      const actor = requireActor(request);
      return { actor, audit: auditActor(actor, requestMeta(request)) };
    };

    app.get(
      '/groups/:groupId/board',
      {
        schema: {
          tags,
          summary: 'The board with hidden messages, reasons and open reports',
          params: groupParams,
          querystring: boardPageQuerySchema,
          response: { 200: consoleBoardSchema },
        },
      },
      async (request) => mod.consoleBoard(ctx, requireActor(request), request.params.groupId, request.query),
    );

    app.post(
      '/groups/:groupId/board',
      {
        schema: {
          tags,
          summary: 'Write on the board as the unit',
          params: groupParams,
          body: writeBoardMessageSchema,
          response: { 201: consoleBoardMessageSchema },
        },
      },
      async (request, reply) => {
        const { actor, audit } = who(request);
        return reply
          .code(201)
          .send(await mod.writeAsUnit(ctx, actor, audit, request.params.groupId, request.body.text));
      },
    );

    app.post(
      '/board-messages/:id/hide',
      {
        schema: {
          tags,
          summary: 'Hide a message from residents, with a reason',
          params: messageParams,
          body: moderationReasonSchema,
          response: { 200: consoleBoardMessageSchema },
        },
      },
      async (request) => {
        const { actor, audit } = who(request);
        return mod.hideMessage(ctx, actor, audit, request.params.id, request.body.reason);
      },
    );

    for (const action of ['unhide', 'pin', 'unpin'] as const) {
      app.post(
        `/board-messages/:id/${action}`,
        {
          schema: {
            tags,
            summary: { unhide: 'Show a hidden message again', pin: "Pin the unit's message", unpin: 'Unpin it' }[
              action
            ],
            params: messageParams,
            response: { 200: consoleBoardMessageSchema },
          },
        },
        async (request) => {
          const { actor, audit } = who(request);
          return action === 'unhide'
            ? mod.unhideMessage(ctx, actor, audit, request.params.id)
            : mod.setMessagePinned(ctx, actor, audit, request.params.id, action === 'pin');
        },
      );
    }

    app.post(
      '/board-messages/:id/reports/resolve',
      {
        schema: {
          tags,
          summary: "Resolve a message's open reports: hide it (with a reason) or dismiss them",
          params: messageParams,
          body: resolveReportsSchema,
          response: { 200: consoleBoardMessageSchema },
        },
      },
      async (request) => {
        const { actor, audit } = who(request);
        return mod.resolveReports(ctx, actor, audit, request.params.id, request.body);
      },
    );

    app.get(
      '/groups/:groupId/board/reports',
      {
        schema: {
          tags,
          summary: 'Messages with open reports, most recently reported first',
          params: groupParams,
          response: { 200: reportedMessageListSchema },
        },
      },
      async (request) => mod.listReports(ctx, requireActor(request), request.params.groupId),
    );

    app.get(
      '/units/:unitId/board/report-counts',
      {
        schema: {
          tags,
          summary: 'Open reports per residential group',
          params: z.object({ unitId: idSchema }),
          response: { 200: openReportCountsSchema },
        },
      },
      async (request) => mod.openReportCounts(ctx, requireActor(request), request.params.unitId),
    );

    app.get(
      '/groups/:groupId/board/pinned-posts',
      {
        schema: {
          tags,
          summary: 'Posts pinned on the board',
          params: groupParams,
          response: { 200: pinnedPostListSchema },
        },
      },
      async (request) => mod.listPinnedPosts(ctx, requireActor(request), request.params.groupId),
    );

    app.post(
      '/groups/:groupId/board/pinned-posts',
      {
        schema: {
          tags,
          summary: 'Pin a published post of the unit (to the whole unit or to this group)',
          params: groupParams,
          body: pinPostBodySchema,
          response: { 200: pinnedPostSchema },
        },
      },
      async (request) => {
        const { actor, audit } = who(request);
        return mod.pinPost(ctx, actor, audit, request.params.groupId, request.body.postId);
      },
    );

    app.delete(
      '/groups/:groupId/board/pinned-posts/:postId',
      {
        schema: {
          tags,
          summary: 'Unpin a post',
          params: groupParams.extend({ postId: idSchema }),
          response: { 200: okSchema },
        },
      },
      async (request) => {
        const { actor, audit } = who(request);
        return mod.unpinPost(ctx, actor, audit, request.params.groupId, request.params.postId);
      },
    );

    app.get(
      '/groups/:groupId/mutes',
      { schema: { tags, summary: 'Members muted now', params: groupParams, response: { 200: muteListSchema } } },
      async (request) => mod.listMutes(ctx, requireActor(request), request.params.groupId),
    );

    app.post(
      '/groups/:groupId/mutes',
      {
        schema: {
          tags,
          summary: 'Mute a member for 1 h, 24 h, 7 days or until a time, with a reason',
          params: groupParams,
          body: muteBodySchema,
          response: { 200: muteSchema },
        },
      },
      async (request) => {
        const { actor, audit } = who(request);
        return mod.muteMember(ctx, actor, audit, request.params.groupId, request.body);
      },
    );

    app.delete(
      '/groups/:groupId/mutes/:residentId',
      {
        schema: {
          tags,
          summary: 'Unmute a member',
          params: groupParams.extend({ residentId: idSchema }),
          response: { 200: okSchema },
        },
      },
      async (request) => {
        const { actor, audit } = who(request);
        return mod.unmuteMember(ctx, actor, audit, request.params.groupId, request.params.residentId);
      },
    );

    for (const variant of ['original', 'thumbnail'] as const) {
      app.get(
        variant === 'original' ? '/board-messages/:id/photo' : '/board-messages/:id/photo/thumbnail',
        {
          schema: {
            tags,
            summary: variant === 'original' ? 'A message’s photo' : 'Its thumbnail',
            params: messageParams,
          },
        },
        async (request, reply) =>
          sendPhoto(reply, await mod.photoForOfficer(ctx, requireActor(request), request.params.id, variant)),
      );
    }
  };
}
