import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../contracts/common.js';
import {
  assistantQuestionListSchema,
  assistantQuestionQuerySchema,
  assistantQuestionSchema,
} from '../../../contracts/knowledge.js';
import type { AppContext } from '../../context.js';
import { requestMeta, requireActor } from '../../http/auth.js';
import { auditActor } from '../accounts/accounts.service.js';
import * as service from './assistant.service.js';

/** Officers: the unit's questions the assistant could not answer. */
export function assistantConsoleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['console: assistant'];
  return async (app) => {
    app.get(
      '/units/:unitId/assistant-questions',
      {
        schema: {
          tags,
          summary: 'Questions the assistant could not answer, newest first',
          params: z.object({ unitId: idSchema }),
          querystring: assistantQuestionQuerySchema,
          response: { 200: assistantQuestionListSchema },
        },
      },
      async (request) => service.listQuestions(ctx, requireActor(request), request.params.unitId, request.query),
    );

    app.post(
      '/units/:unitId/assistant-questions/:id/review',
      {
        schema: {
          tags,
          summary: 'Mark a question as reviewed',
          params: z.object({ unitId: idSchema, id: idSchema }),
          response: { 200: assistantQuestionSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const { unitId, id } = request.params;
        return service.reviewQuestion(ctx, actor, auditActor(actor, requestMeta(request)), unitId, id);
      },
    );
  };
}
