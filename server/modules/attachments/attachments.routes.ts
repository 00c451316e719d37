import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../contracts/common.js';
import { attachmentSchema } from '../../../contracts/conversations.js';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { publicWriteRateLimit } from '../../http/rate-limits.js';
import { RESIDENT_COOKIE } from '../residents/residents.service.js';
import * as service from './attachments.service.js';
import { MULTIPART_LIMITS, readUpload, refuseOversizedBody } from './multipart.js';
import { sendContent } from './serve.js';

const params = z.object({ id: idSchema });
const uploadSchema = {
  consumes: ['multipart/form-data'],
  params,
  response: { 201: attachmentSchema },
};

/** Residents' uploads to and downloads from their own conversations. */
export function attachmentsPublicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['public: attachments'];
  return async (app) => {
    await app.register(multipart, { limits: MULTIPART_LIMITS });

    app.post(
      '/conversations/:id/attachments',
      {
        schema: {
          tags,
          summary: 'Upload a photo, file or voice note (multipart field "file", at most 10 MB)',
          ...uploadSchema,
        },
        config: { rateLimit: publicWriteRateLimit(ctx) },
        onRequest: refuseOversizedBody,
      },
      async (request, reply) => {
        const token = request.cookies[RESIDENT_COOKIE];
        const attachment = await service.uploadAsResident(ctx, token, request.params.id, () => readUpload(request));
        return reply.code(201).send(attachment);
      },
    );

    for (const variant of ['original', 'thumbnail'] as const) {
      app.get(
        variant === 'original' ? '/attachments/:id' : '/attachments/:id/thumbnail',
        {
          schema: {
            tags,
            summary: variant === 'original' ? 'An attachment’s content' : 'An image’s thumbnail',
            params,
          },
        },
        async (request, reply) => {
          const c = await service.readAsResident(ctx, request.cookies[RESIDENT_COOKIE], request.params.id, variant);
          return sendContent(reply, c, variant === 'thumbnail');
        },
      );
    }
  };
}

/** Officers' uploads to and downloads from the conversations of their units. */
export function attachmentsConsoleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['console: attachments'];
  return async (app) => {
    await app.register(multipart, { limits: MULTIPART_LIMITS });

    app.post(
      '/conversations/:id/attachments',
      {
        schema: {
          tags,
          summary: 'Upload a photo, file or voice note (multipart field "file", at most 10 MB)',
          ...uploadSchema,
        },
        onRequest: refuseOversizedBody,
      },
      async (request, reply) => {
        const attachment = await service.uploadAsOfficer(ctx, requireActor(request), request.params.id, () =>
          readUpload(request),
        );
        return reply.code(201).send(attachment);
      },
    );

    for (const variant of ['original', 'thumbnail'] as const) {
      app.get(
        variant === 'original' ? '/attachments/:id' : '/attachments/:id/thumbnail',
        {
          schema: {
            tags,
            summary: variant === 'original' ? 'An attachment’s content' : 'An image’s thumbnail',
            params,
          },
        },
        async (request, reply) =>
          sendContent(
            reply,
            await service.readAsOfficer(ctx, requireActor(request), request.params.id, variant),
            variant === 'thumbnail',
          ),
      );
    }
  };
}
