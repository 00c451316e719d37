import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  feedSchema,
  followingSchema,
  joinedSchema,
  leftSchema,
  markReadSchema,
  myFollowsSchema,
  publicGroupListSchema,
  publicPageQuerySchema,
  publicPostListSchema,
  publicPostSchema,
  unreadSchema,
  verifyQuerySchema,
  verifyResultSchema,
} from '../../../contracts/broadcasts.js';
import { idSchema, slugSchema } from '../../../contracts/common.js';
import type { AppContext } from '../../context.js';
import { publicLookupRateLimit, publicWriteRateLimit } from '../../http/rate-limits.js';
import { ensureResident, requireResident } from '../residents/residents.http.js';
import { RESIDENT_COOKIE, residentIdByToken } from '../residents/residents.service.js';
import * as feed from './feed.service.js';
import * as groups from './groups.service.js';
import { verify } from './verify.service.js';

const slugParams = z.object({ slug: slugSchema });
const groupParams = z.object({ groupId: idSchema });

/** Residents: posts of units, their follows and groups, their feed, and the verification of what they were shown. */
export function broadcastsPublicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['public: posts'];
  // Reading creates no resident: a visitor without the cookie reads as nobody in particular.
  const residentOf = (request: FastifyRequest) => residentIdByToken(ctx, request.cookies[RESIDENT_COOKIE]);
  const writeLimit = { rateLimit: publicWriteRateLimit(ctx) };
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
      async (request) => feed.unitPosts(ctx, request.params.slug, await residentOf(request), request.query),
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
      async (request) => feed.publicPost(ctx, await residentOf(request), request.params.id),
    );

    app.get(
      '/units/:slug/groups',
      {
        schema: {
          tags,
          summary: "A unit's residential groups",
          params: slugParams,
          response: { 200: publicGroupListSchema },
        },
      },
      async (request) => groups.publicGroups(ctx, request.params.slug),
    );

    app.post(
      '/units/:slug/follow',
      {
        schema: {
          tags,
          summary: "Follow a unit's posts (sets the resident cookie)",
          params: slugParams,
          response: { 200: followingSchema },
        },
        config: writeLimit,
      },
      async (request, reply) => groups.follow(ctx, (await ensureResident(ctx, request, reply)).id, request.params.slug),
    );

    app.delete(
      '/units/:slug/follow',
      {
        schema: {
          tags,
          summary: "Stop following a unit's posts",
          params: slugParams,
          response: { 200: followingSchema },
        },
      },
      async (request) => groups.unfollow(ctx, await residentOf(request), request.params.slug),
    );

    app.post(
      '/groups/:groupId/join',
      {
        schema: {
          tags,
          summary: 'Join a residential group (self-declared until an officer confirms)',
          params: groupParams,
          response: { 200: joinedSchema },
        },
        config: writeLimit,
      },
      async (request, reply) =>
        groups.joinGroup(ctx, (await ensureResident(ctx, request, reply)).id, request.params.groupId),
    );

    app.delete(
      '/groups/:groupId/join',
      { schema: { tags, summary: 'Leave a residential group', params: groupParams, response: { 200: leftSchema } } },
      async (request) => groups.leaveGroup(ctx, await residentOf(request), request.params.groupId),
    );

    app.get(
      '/me/follows',
      {
        schema: {
          tags,
          summary: 'The units this resident follows and the groups they joined',
          response: { 200: myFollowsSchema },
        },
      },
      async (request) => groups.myFollows(ctx, await residentOf(request)),
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
      async (request) => feed.feed(ctx, await residentOf(request), request.query),
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
