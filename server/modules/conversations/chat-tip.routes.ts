import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../contracts/common.js';
import { chatTipSchema } from '../../../contracts/conversations.js';
import { tipReceiptSchema } from '../../../contracts/tips.js';
import type { AppContext } from '../../context.js';
import { publicWriteRateLimit } from '../../http/rate-limits.js';
import { requireResident } from '../residents/residents.http.js';
import { sendChatTip } from './chat-tip.service.js';

/** Residents: send a message of their conversation to the tip desk (identified), with its receipt. */
export function chatTipRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['public: conversations'];
  return async (app) => {
    app.post(
      '/conversations/:id/tips',
      {
        schema: {
          tags,
          summary:
            "Send the resident's message as an identified tip to the conversation's unit; the conversation records its receipt code",
          params: z.object({ id: idSchema }),
          body: chatTipSchema,
          response: { 201: tipReceiptSchema },
        },
        config: { rateLimit: publicWriteRateLimit(ctx) },
      },
      async (request, reply) => {
        const resident = await requireResident(ctx, request);
        return reply.code(201).send(await sendChatTip(ctx, resident.id, request.params.id, request.body));
      },
    );
  };
}
