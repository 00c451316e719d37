import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { ZALO_WEBHOOK_PATH } from './zalo-connections.service.js';
import { receiveZaloWebhook } from './receive-webhook.js';
import { SIGNATURE_HEADER } from '../../channels/zalo/signature.js';

/**
 * POST /webhooks/zalo: Zalo's servers deliver the OAs' events here. The body is taken as raw bytes
 * (the signature covers them exactly), whatever its content type; the event is stored and 200 goes
 * back at once, processing happens later (modules/zalo/zalo-events.repository.ts).
 */
export function zaloWebhookRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    // This plugin's own parsers: only this route reads bytes instead of JSON.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    app.post(ZALO_WEBHOOK_PATH, { schema: { hide: true } }, async (request) => {
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const { stored } = await receiveZaloWebhook(ctx, { rawBody, signature: request.headers[SIGNATURE_HEADER] });
      return { received: true, duplicate: !stored };
    });
  };
}
