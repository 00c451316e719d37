import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptInviteSchema,
  createInviteSchema,
  inviteCreatedSchema,
  inviteInfoSchema,
  loginSchema,
  meSchema,
  officerSchema,
  officerStatusSchema,
} from '../../../contracts/accounts.js';
import { idSchema, okSchema } from '../../../contracts/common.js';
import type { AppContext } from '../../context.js';
import { clearSessionCookie, requestMeta, requireActor, setSessionCookie } from '../../http/auth.js';
import { loginRateLimit, publicWriteRateLimit } from '../../http/rate-limits.js';
import * as service from './accounts.service.js';

const tags = ['console: accounts'];

/** Console routes that work without a session: sign-in and invite links. */
export function accountsPublicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/session',
      {
        schema: {
          tags,
          summary: 'Sign in (password, then TOTP when required)',
          body: loginSchema,
          response: { 200: meSchema },
        },
        config: { rateLimit: loginRateLimit(ctx) },
      },
      async (request, reply) => {
        const { token, expiresAt } = await service.login(ctx, request.body, requestMeta(request));
        setSessionCookie(ctx, reply, token, expiresAt);
        const actor = await service.authenticate(ctx, token);
        return service.me(ctx, actor ?? requireActor(request));
      },
    );

    app.get(
      '/invites/:token',
      {
        schema: {
          tags,
          summary: 'What an invite link grants',
          params: z.object({ token: z.string().min(10).max(100) }),
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
          params: z.object({ token: z.string().min(10).max(100) }),
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

/** Console routes for the signed-in officer. */
export function accountsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/me',
      { schema: { tags, summary: 'The signed-in officer and roles', response: { 200: meSchema } } },
      async (request) => service.me(ctx, requireActor(request)),
    );

    app.delete(
      '/session',
      { schema: { tags, summary: 'Sign out', response: { 200: okSchema } } },
      async (request, reply) => {
        await service.logout(ctx, requireActor(request), requestMeta(request));
        clearSessionCookie(reply);
        return { ok: true as const };
      },
    );

    const unitParams = z.object({ unitId: idSchema });

    app.get(
      '/units/:unitId/officers',
      {
        schema: {
          tags,
          summary: "The unit's officers",
          params: unitParams,
          response: { 200: z.object({ items: z.array(officerSchema) }) },
        },
      },
      async (request) => ({ items: await service.listOfficers(ctx, requireActor(request), request.params.unitId) }),
    );

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

    app.patch(
      '/units/:unitId/officers/:officerId',
      {
        schema: {
          tags,
          summary: 'Disable or re-enable an officer',
          params: z.object({ unitId: idSchema, officerId: idSchema }),
          body: officerStatusSchema,
          response: { 200: officerSchema },
        },
      },
      async (request) =>
        service.setOfficerDisabled(
          ctx,
          requireActor(request),
          requestMeta(request),
          request.params.unitId,
          request.params.officerId,
          request.body.disabled,
        ),
    );
  };
}
