import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  feedSchema,
  markReadSchema,
  publicPageQuerySchema,
  publicPostListSchema,
  publicPostSchema,
  unreadSchema,
  verifyQuerySchema,
  verifyResultSchema,
} from '../../../contracts/broadcasts.js';
import { idSchema, slugSchema } from '../../../contracts/common.js';
import type { AppContext } from '../../context.js';
import { publicLookupRateLimit } from '../../http/rate-limits.js';
import { requireResident, residentIdOf } from '../residents/residents.http.js';
import * as feed from './feed.service.js';
import { verify } from './verify.service.js';

const slugParams = z.object({ slug: slugSchema });

/** Residents: posts of units, their feed, and the verification of what they were shown. */
export function feedPublicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['public: posts'];
  return async (app) => {
    app.get(
      '/units/:slug/posts',
      {
        schema: {
          tags,
          summary: "A ward or commune's posts to the whole unit (published and retracted), newest first",
          params: slugParams,
          querystring: publicPageQuerySchema,
          response: { 200: publicPostListSchema },
        },
      },
      async (request) => feed.unitPosts(ctx, request.params.slug, await residentIdOf(ctx, request), request.query),
    );

    app.get(
      '/posts/:id',
      {
        schema: {
          tags,
          summary: 'One published post (a post to groups only for their members)',
          params: z.object({ id: idSchema }),
          response: { 200: publicPostSchema },
        },
      },
      async (request) => feed.publicPost(ctx, await residentIdOf(ctx, request), request.params.id),
    );

    app.get(
      '/me/feed',
      {
        schema: {
          tags,
          summary: 'Posts of followed units and joined groups, newest first, with the unread count',
          querystring: publicPageQuerySchema,
          response: { 200: feedSchema },
        },
      },
      async (request) => feed.feed(ctx, await residentIdOf(ctx, request), request.query),
    );

    app.post(
      '/me/feed/read',
      {
        schema: {
          tags,
          summary: 'Mark a post read; answers the unread count',
          body: markReadSchema,
          response: { 200: unreadSchema },
        },
      },
      async (request) => {
        const resident = await requireResident(ctx, request, 'Post');
        return feed.markRead(ctx, resident.id, request.body.postId);
      },
    );

    app.get(
      '/verify',
      {
        schema: {
          tags,
          summary:
            'Is it real? A post code or link, a phone number or an account name; unknown and malformed alike answer {valid: false}',
          querystring: verifyQuerySchema,
          response: { 200: verifyResultSchema },
        },
        config: { rateLimit: publicLookupRateLimit(ctx) },
      },
      async (request) => verify(ctx, request.query),
    );
  };
}
