import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, slugSchema } from '../../../contracts/common.js';
import {
  mergeUnitSchema,
  unitKindSchema,
  unitListSchema,
  unitProfileSchema,
  unitSchema,
} from '../../../contracts/units.js';
import type { AppContext } from '../../context.js';
import { requestMeta, requireActor } from '../../http/auth.js';
import { auditActor } from '../accounts/accounts.service.js';
import * as service from './units.service.js';

/** Residents' read-only view of the units and their official accounts. */
export function unitsPublicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['public: units'];
  return async (app) => {
    app.get(
      '/units',
      {
        schema: {
          tags,
          summary: 'Units (province, city, wards/communes with their official accounts, residential groups)',
          querystring: z.object({ kind: z.union([unitKindSchema, z.array(unitKindSchema)]).optional() }),
          response: { 200: unitListSchema },
        },
      },
      async (request) => {
        const k = request.query.kind;
        return { items: await service.listPublicUnits(ctx, k === undefined ? undefined : Array.isArray(k) ? k : [k]) };
      },
    );

    app.get(
      '/units/:slug',
      {
        schema: {
          tags,
          summary: 'One unit; a merged unit redirects (301) to the unit it became part of',
          params: z.object({ slug: slugSchema }),
          response: { 200: unitSchema },
        },
      },
      async (request, reply) => {
        const { unit, redirectedFrom } = await service.getPublicUnit(ctx, request.params.slug);
        if (redirectedFrom) return reply.redirect(`/api/v1/public/units/${unit.slug}`, 301);
        return unit;
      },
    );
  };
}

/** Officers' view: units in scope, profile editing, merging. */
export function unitsConsoleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['console: units'];
  const params = z.object({ unitId: idSchema });
  return async (app) => {
    app.get(
      '/units',
      { schema: { tags, summary: 'Units the officer works in or oversees', response: { 200: unitListSchema } } },
      async (request) => ({
        items: await service.listConsoleUnits(ctx, requireActor(request)),
      }),
    );

    app.get(
      '/units/:unitId',
      { schema: { tags, summary: 'One unit', params, response: { 200: unitSchema } } },
      async (request) =>
        service.presentUnit(await service.requireUnit(ctx, requireActor(request), request.params.unitId, 'unit.read')),
    );

    app.patch(
      '/units/:unitId',
      {
        schema: {
          tags,
          summary: "Edit the unit's official-account profile (owner, admin)",
          params,
          body: unitProfileSchema,
          response: { 200: unitSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        return service.updateUnitProfile(
          ctx,
          actor,
          auditActor(actor, requestMeta(request)),
          request.params.unitId,
          request.body,
        );
      },
    );

    app.post(
      '/units/:unitId/merge',
      {
        schema: {
          tags,
          summary: 'Merge this ward/commune into another (admin)',
          params,
          body: mergeUnitSchema,
          response: { 200: unitSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        return service.mergeUnit(
          ctx,
          actor,
          auditActor(actor, requestMeta(request)),
          request.params.unitId,
          request.body.intoUnitId,
        );
      },
    );
  };
}
