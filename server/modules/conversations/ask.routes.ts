import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { askRequestSchema, askResponseSchema } from '../../../contracts/assistant.js';
import type { AppContext } from '../../context.js';
import { publicWriteRateLimit } from '../../http/rate-limits.js';
import { ensureResident } from '../residents/residents.http.js';
import { askAndHandOver } from './ask-handover.js';

// The ask box's endpoint lives with conversations: a handover from it opens (or continues) the
// resident's conversation, so it needs both the assistant and the conversations.

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
