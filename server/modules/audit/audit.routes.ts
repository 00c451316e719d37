import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditListSchema, auditQuerySchema } from '../../../contracts/audit.js';
import { idSchema } from '../../../contracts/common.js';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { requireUnit } from '../units/units.service.js';
import { listAuditUnder } from './audit.service.js';

/** The audit log of a unit and the units under it (owners, supervisors, admins). */
export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/units/:unitId/audit',
      {
        schema: {
          tags: ['console: audit'],
          summary: 'Audit log of the unit and its subtree, newest first',
          params: z.object({ unitId: idSchema }),
          querystring: auditQuerySchema,
          response: { 200: auditListSchema },
        },
      },
      async (request) => {
        const unit = await requireUnit(ctx, requireActor(request), request.params.unitId, 'audit.read');
        return listAuditUnder(ctx.database.db, unit.path, request.query);
      },
    );
  };
}
