import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptInviteSchema,
  createInviteSchema,
  inviteCreatedSchema,
  inviteInfoSchema,
  pendingInviteSchema,
} from '../../../contracts/accounts.js';
import { idSchema, okSchema } from '../../../contracts/common.js';
import type { AppContext } from '../../context.js';
import { requestMeta, requireActor } from '../../http/auth.js';
import { publicWriteRateLimit } from '../../http/rate-limits.js';
import * as service from './invites.service.js';

const tags = ['console: accounts'];
const tokenParams = z.object({ token: z.string().min(10).max(100) });

/** Invite links, opened without a session. */
export function invitesPublicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/invites/:token',
      {
        schema: {
          tags,
          summary: 'What an invite link grants',
          params: tokenParams,
          response: { 200: inviteInfoSchema },
        },
        config: { rateLimit: publicWriteRateLimit(ctx) },
      },
      async (request) => service.getInvite(ctx, request.params.token),
    );

    app.post(
      '/invites/:token/accept',
      {
        schema: {
          tags,
          summary: 'Accept an invite: choose username and password, prove TOTP enrolment',
          params: tokenParams,
          body: acceptInviteSchema,
          response: { 201: z.object({ officerId: idSchema }) },
        },
        config: { rateLimit: publicWriteRateLimit(ctx) },
      },
      async (request, reply) => {
        const result = await service.acceptInvite(ctx, request.params.token, request.body, requestMeta(request));
        return reply.code(201).send(result);
      },
    );
  };
}

/** A unit's invites: create, list the pending ones, withdraw one. */
export function invitesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const unitParams = z.object({ unitId: idSchema });

    app.post(
      '/units/:unitId/invites',
      {
        schema: {
          tags,
          summary: 'Invite an officer (owners: officers of their unit)',
          params: unitParams,
          body: createInviteSchema,
          response: { 201: inviteCreatedSchema },
        },
      },
      async (request, reply) => {
        const invite = await service.createInvite(
          ctx,
          requireActor(request),
          requestMeta(request),
          request.params.unitId,
          request.body,
        );
        return reply.code(201).send(invite);
      },
    );

    app.get(
      '/units/:unitId/invites',
      {
        schema: {
          tags,
          summary: "The unit's pending invites (owners of the unit, admins)",
          params: unitParams,
          response: { 200: z.object({ items: z.array(pendingInviteSchema) }) },
        },
      },
      async (request) => ({
        items: await service.listPendingInvites(ctx, requireActor(request), request.params.unitId),
      }),
    );

    app.delete(
      '/units/:unitId/invites/:inviteId',
      {
        schema: {
          tags,
          summary: 'Withdraw a pending invite: its link stops working (whoever may give its role)',
          params: z.object({ unitId: idSchema, inviteId: idSchema }),
          response: { 200: okSchema },
        },
      },
      async (request) => {
        const { unitId, inviteId } = request.params;
        await service.withdrawInvite(ctx, requireActor(request), requestMeta(request), unitId, inviteId);
        return { ok: true as const };
      },
    );
  };
}
