import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  boardMessageSchema,
  boardPageQuerySchema,
  boardSchema,
  reportBodySchema,
  reportedSchema,
  writeBoardMessageSchema,
} from '../../../contracts/board.js';
import { idSchema } from '../../../contracts/common.js';
import type { AppContext } from '../../context.js';
import { publicWriteRateLimit } from '../../http/rate-limits.js';
import { MULTIPART_LIMITS, readUploadWithFields, refuseOversizedBody } from '../attachments/multipart.js';
import { residentIdOf } from '../residents/residents.http.js';
import * as board from './board.service.js';

const groupParams = z.object({ groupId: idSchema });
const messageParams = z.object({ id: idSchema });

/** Serves a board photo: never sniffed as anything else, never cached by shared caches. */
export function sendPhoto(reply: FastifyReply, photo: { data: Buffer; mimeType: string }): FastifyReply {
  return reply
    .header('content-type', photo.mimeType)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, max-age=3600')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(photo.data);
}

/** Members of a residential group on its board; everyone else is told it does not exist (404). */
export function boardPublicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['public: group boards'];
  const writeLimit = { rateLimit: publicWriteRateLimit(ctx) };
  return async (app) => {
    await app.register(multipart, { limits: MULTIPART_LIMITS });

    app.get(
      '/groups/:groupId/board',
      {
        schema: {
          tags,
          summary: "The group's board: pinned posts and messages first, then messages newest first (members only)",
          params: groupParams,
          querystring: boardPageQuerySchema,
          response: { 200: boardSchema },
        },
      },
      async (request) => board.readBoard(ctx, await residentIdOf(ctx, request), request.params.groupId, request.query),
    );

    app.post(
      '/groups/:groupId/board',
      {
        schema: {
          tags,
          summary: 'Write a text message on the board (members who are not muted)',
          params: groupParams,
          body: writeBoardMessageSchema,
          response: { 201: boardMessageSchema },
        },
        config: writeLimit,
      },
      async (request, reply) => {
        const resident = await residentIdOf(ctx, request);
        return reply.code(201).send(await board.writeMessage(ctx, resident, request.params.groupId, request.body.text));
      },
    );

    app.post(
      '/groups/:groupId/board/photo',
      {
        schema: {
          tags,
          summary: 'Write a photo on the board (multipart: field "text", the caption, then field "file")',
          consumes: ['multipart/form-data'],
          params: groupParams,
          response: { 201: boardMessageSchema },
        },
        config: writeLimit,
        onRequest: refuseOversizedBody,
      },
      async (request, reply) => {
        const resident = await residentIdOf(ctx, request);
        const message = await board.writePhotoMessage(ctx, resident, request.params.groupId, () =>
          readUploadWithFields(request),
        );
        return reply.code(201).send(message);
      },
    );

    app.post(
      '/board-messages/:id/report',
      {
        schema: {
          tags,
          summary: 'Report a message to the unit’s officers (once per message)',
          params: messageParams,
          body: reportBodySchema,
          response: { 200: reportedSchema },
        },
        config: writeLimit,
      },
      async (request) => board.reportMessage(ctx, await residentIdOf(ctx, request), request.params.id, request.body),
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
          sendPhoto(
            reply,
            await board.photoForResident(ctx, await residentIdOf(ctx, request), request.params.id, variant),
          ),
      );
    }
  };
}
