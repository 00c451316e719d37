import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../contracts/common.js';
import {
  zaloConnectInputSchema,
  zaloConnectionStatusSchema,
  zaloConsentSchema,
  zaloConsoleSchema,
  zaloOAuthStartSchema,
  zaloTestInputSchema,
  zaloTestResultSchema,
} from '../../../contracts/zalo.js';
import type { AppContext } from '../../context.js';
import { requestMeta, requireActor } from '../../http/auth.js';
import { auditActor } from '../accounts/accounts.service.js';
import * as service from './zalo-console.service.js';

const unitParams = z.object({ unitId: idSchema });
const tags = ['console: zalo'];

function officerOf(request: FastifyRequest) {
  const actor = requireActor(request);
  return { actor, audit: auditActor(actor, requestMeta(request)) };
}

/** Owners and admins: a unit's Zalo OA connection. */
export function zaloConsoleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/units/:unitId/zalo',
      {
        schema: {
          tags,
          summary: "The unit's Zalo OA connection (never a secret) and the URLs to register with Zalo",
          params: unitParams,
          response: { 200: zaloConsoleSchema },
        },
      },
      async (request) => service.getZaloConsole(ctx, requireActor(request), request.params.unitId),
    );
    app.post(
      '/units/:unitId/zalo/oauth/start',
      {
        schema: {
          tags,
          summary: "Start connecting through Zalo's consent page (PKCE); open the returned link",
          params: unitParams,
          body: zaloOAuthStartSchema,
          response: { 200: zaloConsentSchema },
        },
      },
      async (request) => {
        const { actor, audit } = officerOf(request);
        return service.startZaloOAuth(ctx, actor, audit, request.params.unitId, request.body);
      },
    );
    app.post(
      '/units/:unitId/zalo/tokens',
      {
        schema: {
          tags,
          summary: "Connect with tokens pasted from Zalo's API explorer",
          params: unitParams,
          body: zaloConnectInputSchema,
          response: { 200: zaloConnectionStatusSchema },
        },
      },
      async (request) => {
        const { actor, audit } = officerOf(request);
        return service.pasteZaloTokens(ctx, actor, audit, request.params.unitId, request.body);
      },
    );
    app.delete(
      '/units/:unitId/zalo',
      { schema: { tags, summary: "Disconnect the unit's OA (its secrets are deleted)", params: unitParams } },
      async (request, reply) => {
        const { actor, audit } = officerOf(request);
        await service.disconnectUnitZalo(ctx, actor, audit, request.params.unitId);
        return reply.code(204).send();
      },
    );
    app.post(
      '/units/:unitId/zalo/test',
      {
        schema: {
          tags,
          summary: "Send a test message to a Zalo user through the unit's OA; reports Zalo's answer",
          params: unitParams,
          body: zaloTestInputSchema,
          response: { 200: zaloTestResultSchema },
        },
      },
      async (request) => {
        const { actor, audit } = officerOf(request);
        return service.sendZaloTest(ctx, actor, audit, request.params.unitId, request.body);
      },
    );
  };
}
