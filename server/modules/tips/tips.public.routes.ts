import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, okSchema, slugSchema } from '../../../contracts/common.js';
import {
  createTipSchema,
  myTipsSchema,
  publicTipSchema,
  tipLookupSchema,
  tipReceiptSchema,
  tipReplySchema,
  tipUploadSchema,
} from '../../../contracts/tips.js';
import type { AppContext } from '../../context.js';
import { publicLookupRateLimit, publicWriteRateLimit } from '../../http/rate-limits.js';
import { MULTIPART_LIMITS, readUpload, refuseOversizedBody } from '../attachments/multipart.js';
import { sendContent } from '../attachments/serve.js';
import { ensureResident, residentIdOf } from '../residents/residents.http.js';
import { uploadTipAttachment } from './tip-attachments.js';
import * as pub from './tips.public.js';

const slugParams = z.object({ slug: slugSchema });
const params = z.object({ id: idSchema });
const VARIANTS = [
  { variant: 'original', suffix: '', summary: 'The content of a photo or file of a tip' },
  { variant: 'thumbnail', suffix: '/thumbnail', summary: 'The thumbnail of a photo of a tip' },
] as const;

/**
 * Residents: send a tip, follow it up. These routes never read the IP or user agent (request logs
 * leave the address out for them, lib/log.ts), and an anonymous tip reads no cookie.
 */
export function tipsPublicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['public: tips'];
  return async (app) => {
    await app.register(multipart, { limits: MULTIPART_LIMITS });

    app.post(
      '/units/:slug/tip-attachments',
      {
        schema: {
          tags,
          summary:
            'Upload a photo or file for a tip or reply (multipart field "file", at most 10 MB); the token is shown once',
          consumes: ['multipart/form-data'],
          params: slugParams,
          response: { 201: tipUploadSchema },
        },
        onRequest: refuseOversizedBody,
        config: { rateLimit: publicWriteRateLimit(ctx) },
      },
      async (request, reply) => {
        const unit = await pub.tipUnit(ctx, request.params.slug);
        return reply.code(201).send(await uploadTipAttachment(ctx, unit.id, () => readUpload(request)));
      },
    );

    for (const { variant, suffix, summary } of VARIANTS) {
      app.post(
        `/tips/attachments/:id${suffix}`,
        {
          schema: {
            tags,
            summary: `${summary}, for its reporter (code and passphrase)`,
            params,
            body: tipLookupSchema,
          },
          config: { rateLimit: publicLookupRateLimit(ctx) },
        },
        async (request, reply) =>
          sendContent(
            reply,
            await pub.readReporterAttachment(
              ctx,
              request.body,
              await residentIdOf(ctx, request),
              request.params.id,
              variant,
            ),
            variant === 'thumbnail',
          ),
      );
    }
    app.post(
      '/units/:slug/tips',
      {
        schema: {
          tags,
          summary: 'Send a tip; anonymous ones get a passphrase, shown once',
          params: slugParams,
          body: createTipSchema,
          response: { 201: tipReceiptSchema },
        },
        config: { rateLimit: publicWriteRateLimit(ctx) },
      },
      async (request, reply) => {
        const input = request.body;
        pub.checkTipInput(input);
        await pub.tipUnit(ctx, request.params.slug);
        // Identified tips belong to the cookie's resident (made now if need be) for "my tips".
        const reporter = input.anonymous ? null : await ensureResident(ctx, request, reply);
        const receipt = await pub.submitTip(
          ctx,
          request.params.slug,
          input,
          reporter ? { residentId: reporter.id, displayName: reporter.displayName, phone: reporter.phone } : null,
        );
        return reply.code(201).send(receipt);
      },
    );

    app.post(
      '/tips/lookup',
      {
        schema: {
          tags,
          summary: "A tip's status and messages by receipt code and passphrase (or the reporter's cookie)",
          body: tipLookupSchema,
          response: { 200: publicTipSchema },
        },
        config: { rateLimit: publicLookupRateLimit(ctx) },
      },
      async (request) => pub.lookupTip(ctx, request.body, await residentIdOf(ctx, request)),
    );

    app.post(
      '/tips/messages',
      {
        schema: {
          tags,
          summary: 'The reporter adds to their tip',
          body: tipReplySchema,
          response: { 201: okSchema },
        },
        config: { rateLimit: publicLookupRateLimit(ctx) },
      },
      async (request, reply) => {
        await pub.replyToTip(ctx, request.body, await residentIdOf(ctx, request));
        return reply.code(201).send({ ok: true as const });
      },
    );

    app.get(
      '/me/tips',
      { schema: { tags, summary: "The identified resident's own tips", response: { 200: myTipsSchema } } },
      async (request) => pub.myTips(ctx, await residentIdOf(ctx, request)),
    );
  };
}
