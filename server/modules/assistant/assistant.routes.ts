import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { askRequestSchema, askResponseSchema } from '../../../contracts/assistant.js';
import { idSchema } from '../../../contracts/common.js';
import {
  assistantQuestionListSchema,
  assistantQuestionQuerySchema,
  assistantQuestionSchema,
} from '../../../contracts/knowledge.js';
import type { AppContext } from '../../context.js';
import { requestMeta, requireActor } from '../../http/auth.js';
import { publicWriteRateLimit } from '../../http/rate-limits.js';
import { auditActor } from '../accounts/accounts.service.js';
import { askAndHandOver } from '../conversations/ask-handover.js';
import { ensureResident } from '../residents/residents.http.js';
import * as service from './assistant.service.js';

/** Room for a 2000-character question and about ten long history messages; bigger bodies get 413 before parsing. */
export const ASK_BODY_LIMIT = 96 * 1024;

/** Residents ask the procedures assistant. */
export function assistantPublicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['public: assistant'];
  return async (app) => {
    app.post(
      '/assistant/ask',
      {
        schema: {
          tags,
          summary:
            "Ask the assistant; unitSlug answers with that unit's address, hours and notes, and a handover puts the question into the resident's conversation with it (sets the resident cookie)",
          body: askRequestSchema,
          response: { 200: askResponseSchema },
        },
        config: { rateLimit: publicWriteRateLimit(ctx) },
        bodyLimit: ASK_BODY_LIMIT,
      },
      async (request, reply) => askAndHandOver(ctx, request.body, () => ensureResident(ctx, request, reply)),
    );
  };
}

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
