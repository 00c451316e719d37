import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditListSchema, auditQuerySchema } from '../../../contracts/audit.js';
import { idSchema } from '../../../contracts/common.js';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { requireUnit } from '../units/units.service.js';
import { LEGACY_SCHEME } from './audit-chain.js';
import { auditScheme, listAuditUnder } from './audit.service.js';

/** The audit log of a unit and the units under it (owners, supervisors, admins); warns at start while not keyed. */
export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onReady', async () => {
      if ((await auditScheme(ctx.database.db)) === LEGACY_SCHEME) {
        app.log.warn('the audit chain is not keyed yet: run `ketnoi audit seal` once (docs/OPERATIONS.md)');
      }
    });
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
