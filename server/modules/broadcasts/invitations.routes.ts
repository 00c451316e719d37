import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../contracts/common.js';
import {
  invitationKitRequestSchema,
  invitationKitSchema,
  invitationScansSchema,
  invitationTokenSchema,
} from '../../../contracts/invitations.js';
import type { AppContext } from '../../context.js';
import { requestMeta, requireActor } from '../../http/auth.js';
import { auditActor } from '../accounts/accounts.service.js';
import * as service from './invitations.service.js';

const unitParams = z.object({ unitId: idSchema });

/** Officers: the printable invitation kit of a unit or of one of its groups, and the scans counted. */
export function invitationsConsoleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['console: residential groups'];
  return async (app) => {
    app.post(
      '/units/:unitId/invitation-kits',
      {
        schema: {
          tags,
          summary: 'The invitation kit to print: scan link (made once per unit or group), QR code, official numbers',
          params: unitParams,
          body: invitationKitRequestSchema,
          response: { 200: invitationKitSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const audit = auditActor(actor, requestMeta(request));
        return service.invitationKit(ctx, actor, audit, request.params.unitId, request.body);
      },
    );

    app.get(
      '/units/:unitId/invitation-scans',
      {
        schema: {
          tags,
          summary: "Scans of the unit's printed invitations, per link (the unit's, each group's)",
          params: unitParams,
          response: { 200: invitationScansSchema },
        },
      },
      async (request) => service.invitationScans(ctx, requireActor(request), request.params.unitId),
    );
  };
}

/** Residents: a printed QR code's link, counted and redirected to the unit's page (the group offered). */
export function invitationScanRoute(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/q/:token',
      {
        schema: {
          tags: ['public: follows and groups'],
          summary: "A printed invitation's QR code: counts the scan, 302 to the unit's page (?nhom=<groupId>)",
          params: z.object({ token: invitationTokenSchema }),
        },
      },
      async (request, reply) => {
        const location = await service.scanInvitation(ctx, request.params.token, request.ip);
        return reply.header('cache-control', 'no-store').redirect(location, 302);
      },
    );
  };
}
