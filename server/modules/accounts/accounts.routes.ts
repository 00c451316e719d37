import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginSchema, meSchema, officerSchema, officerStatusSchema } from '../../../contracts/accounts.js';
import { idSchema, okSchema } from '../../../contracts/common.js';
import type { AppContext } from '../../context.js';
import { clearSessionCookie, requestMeta, requireActor, setSessionCookie } from '../../http/auth.js';
import { loginRateLimit } from '../../http/rate-limits.js';
import * as service from './accounts.service.js';
import { credentialResetsPublicRoutes, credentialResetsRoutes } from './credential-resets.routes.js';
import { invitesPublicRoutes, invitesRoutes } from './invites.routes.js';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S, login } from './sign-in.service.js';

const tags = ['console: accounts'];

/** Console routes that work without a session: sign-in, invite and reset links. */
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
        const { token, expiresAt, deviceToken } = await login(ctx, request.body, {
          ...requestMeta(request),
          deviceToken: request.cookies[DEVICE_COOKIE],
        });
        setSessionCookie(ctx, reply, token, expiresAt);
        // Recognises this browser at its next sign-ins (see login-throttle.ts); sent to this route only.
        void reply.setCookie(DEVICE_COOKIE, deviceToken, {
          httpOnly: true,
          sameSite: 'strict',
          secure: ctx.config.http.baseUrl.startsWith('https://'),
          path: '/api/v1/console/session',
          maxAge: DEVICE_COOKIE_MAX_AGE_S,
        });
        const actor = await service.authenticate(ctx, token);
        return service.me(ctx, actor ?? requireActor(request));
      },
    );

    await app.register(invitesPublicRoutes(ctx));
    await app.register(credentialResetsPublicRoutes(ctx));
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

    await app.register(invitesRoutes(ctx));
    await app.register(credentialResetsRoutes(ctx));
  };
}
