import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../contracts/common.js';
import {
  procedureEntrySchema,
  procedureGuideQuerySchema,
  procedureGuideSchema,
  procedureListSchema,
  procedureUpdateSchema,
  procedureVersionListSchema,
  unitProcedureNoteListSchema,
  unitProcedureNoteSchema,
  unitProcedureNoteUpdateSchema,
} from '../../../contracts/knowledge.js';
import type { AppContext } from '../../context.js';
import { requestMeta, requireActor } from '../../http/auth.js';
import { auditActor } from '../accounts/accounts.service.js';
import * as service from './kb.service.js';

const procedureId = z.string().min(1).max(100);

/** Residents' procedures guide. */
export function kbPublicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['public: procedures'];
  return async (app) => {
    app.get(
      '/procedures',
      { schema: { tags, summary: 'Procedures guide: every entry', response: { 200: procedureListSchema } } },
      async () => ({ items: await service.listProcedureSummaries(ctx) }),
    );

    app.get(
      '/procedures/:id',
      {
        schema: {
          tags,
          summary: "One procedure with the fees in force today and, with unitSlug, the unit's note",
          params: z.object({ id: procedureId }),
          querystring: procedureGuideQuerySchema,
          response: { 200: procedureGuideSchema },
        },
      },
      async (request) => service.getProcedureGuide(ctx, request.params.id, request.query),
    );
  };
}

/** Officers: versions and admin edits of shared content, units' own notes. */
export function kbConsoleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['console: knowledge base'];
  return async (app) => {
    app.get(
      '/kb/procedures/:id',
      {
        schema: {
          tags,
          summary: 'An entry as stored, with its research notes and every source (the public guide shows less)',
          params: z.object({ id: procedureId }),
          response: { 200: procedureEntrySchema },
        },
      },
      async (request) => service.getProcedure(ctx, request.params.id),
    );

    app.get(
      '/kb/procedures/:id/versions',
      {
        schema: {
          tags,
          summary: 'Every version of an entry with who, when and the field diff, newest first',
          params: z.object({ id: procedureId }),
          response: { 200: procedureVersionListSchema },
        },
      },
      async (request) => ({ items: await service.listProcedureVersions(ctx, request.params.id) }),
    );

    app.put(
      '/kb/procedures/:id',
      {
        schema: {
          tags,
          summary: 'Replace the shared content of an entry (admin); 409 when expectedVersion is stale',
          params: z.object({ id: procedureId }),
          body: procedureUpdateSchema,
          response: { 200: procedureEntrySchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const audit = auditActor(actor, requestMeta(request));
        return service.updateProcedure(ctx, actor, audit, request.params.id, request.body);
      },
    );

    app.get(
      '/units/:unitId/procedure-notes',
      {
        schema: {
          tags,
          summary: "The unit's own notes on procedures",
          params: z.object({ unitId: idSchema }),
          response: { 200: unitProcedureNoteListSchema },
        },
      },
      async (request) => ({ items: await service.listUnitNotes(ctx, requireActor(request), request.params.unitId) }),
    );

    app.put(
      '/units/:unitId/procedure-notes/:procedureId',
      {
        schema: {
          tags,
          summary: "Set the unit's note on a procedure (owner, admin); an empty note removes it",
          params: z.object({ unitId: idSchema, procedureId }),
          body: unitProcedureNoteUpdateSchema,
          response: { 200: unitProcedureNoteSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const { unitId, procedureId: id } = request.params;
        const audit = auditActor(actor, requestMeta(request));
        return service.setUnitNote(ctx, actor, audit, unitId, id, request.body.note);
      },
    );
  };
}
