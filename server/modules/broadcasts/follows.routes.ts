import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  followingSchema,
  joinedSchema,
  leftSchema,
  myFollowsSchema,
  publicGroupListSchema,
} from '../../../contracts/broadcasts.js';
import { idSchema, slugSchema } from '../../../contracts/common.js';
import type { AppContext } from '../../context.js';
import { publicWriteRateLimit } from '../../http/rate-limits.js';
import { ensureResident, residentIdOf } from '../residents/residents.http.js';
import * as follows from './follows.service.js';
import * as groups from './groups.service.js';

const slugParams = z.object({ slug: slugSchema });
const groupParams = z.object({ groupId: idSchema });

/** Residents: following units, joining their residential groups, and what they follow. */
export function followsPublicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['public: follows and groups'];
  const writeLimit = { rateLimit: publicWriteRateLimit(ctx) };
  return async (app) => {
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
      async (request, reply) =>
        follows.follow(ctx, (await ensureResident(ctx, request, reply)).id, request.params.slug),
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
      async (request) => follows.unfollow(ctx, await residentIdOf(ctx, request), request.params.slug),
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
      async (request) => groups.leaveGroup(ctx, await residentIdOf(ctx, request), request.params.groupId),
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
      async (request) => follows.myFollows(ctx, await residentIdOf(ctx, request)),
    );
  };
}
