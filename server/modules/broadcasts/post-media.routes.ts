import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { postMediaSchema } from '../../../contracts/broadcasts.js';
import { idSchema } from '../../../contracts/common.js';
import type { AppContext } from '../../context.js';
import { requestMeta, requireActor } from '../../http/auth.js';
import { auditActor } from '../accounts/accounts.service.js';
import { MULTIPART_LIMITS, readUpload, refuseOversizedBody } from '../attachments/multipart.js';
import { sendContent } from '../attachments/serve.js';
import { residentIdOf } from '../residents/residents.http.js';
import * as service from './post-media.service.js';

const params = z.object({ id: idSchema });
const VARIANTS = [
  { variant: 'original', path: '/post-media/:id', summary: 'The content of an image, audio clip or file of a post' },
  { variant: 'thumbnail', path: '/post-media/:id/thumbnail', summary: 'The thumbnail of an image of a post' },
] as const;

/** Officers: uploading a post's images, audio clip and files, and reading those of their units' posts. */
export function postMediaConsoleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['console: posts'];
  return async (app) => {
    await app.register(multipart, { limits: MULTIPART_LIMITS });

    app.post(
      '/units/:unitId/post-media',
      {
        schema: {
          tags,
          summary: 'Upload an image, audio clip or file for a post (multipart field "file", at most 10 MB)',
          consumes: ['multipart/form-data'],
          params: z.object({ unitId: idSchema }),
          response: { 201: postMediaSchema },
        },
        onRequest: refuseOversizedBody,
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const audit = auditActor(actor, requestMeta(request));
        const media = await service.uploadPostMedia(ctx, actor, audit, request.params.unitId, () =>
          readUpload(request),
        );
        return reply.code(201).send(media);
      },
    );

    for (const { variant, path, summary } of VARIANTS) {
      app.get(path, { schema: { tags, summary, params } }, async (request, reply) =>
        sendContent(
          reply,
          await service.readConsoleMedia(ctx, requireActor(request), request.params.id, variant),
          variant === 'thumbnail',
        ),
      );
    }
  };
}

/** Residents: the media of published posts they may read. */
export function postMediaPublicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['public: posts'];
  return async (app) => {
    for (const { variant, path, summary } of VARIANTS) {
      app.get(path, { schema: { tags, summary, params } }, async (request, reply) =>
        sendContent(
          reply,
          await service.readPublicMedia(ctx, await residentIdOf(ctx, request), request.params.id, variant),
          variant === 'thumbnail',
        ),
      );
    }
  };
}
