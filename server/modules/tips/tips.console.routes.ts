import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../contracts/common.js';
import {
  consoleTipListSchema,
  consoleTipQuerySchema,
  consoleTipSchema,
  tipDeadlinesInputSchema,
  tipDeadlinesSchema,
  tipIdentitySchema,
  tipMergeSchema,
  tipPrioritySetSchema,
  tipRevealSchema,
  tipTextSchema,
  tipTransitionSchema,
  type ConsoleTipSummary,
} from '../../../contracts/tips.js';
import type { AppContext } from '../../context.js';
import { requestMeta, requireActor } from '../../http/auth.js';
import { resumePoint, streamEvents } from '../../realtime/sse.js';
import { auditActor, sessionMayStill } from '../accounts/accounts.service.js';
import type { Actor } from '../accounts/policy.js';
import type { AuditActor } from '../audit/audit.service.js';
import { sendContent } from '../attachments/serve.js';
import { requireUnit } from '../units/units.service.js';
import { tipsCsv } from './csv.js';
import { exportTipPdf, recordCsvExport } from './tip-file.service.js';
import * as service from './tips.service.js';
import * as workflow from './tip-workflow.service.js';

/** The signed-in officer of a console request and how the audit log names them. */
function officerOf(request: Parameters<typeof requireActor>[0]): { actor: Actor; audit: AuditActor } {
  const actor = requireActor(request);
  return { actor, audit: auditActor(actor, requestMeta(request)) };
}

const unitParams = z.object({ unitId: idSchema });
const params = z.object({ id: idSchema });
const tip = { 200: consoleTipSchema };
const VARIANTS = [
  { variant: 'original', suffix: '', summary: 'The content of a photo or file of a tip' },
  { variant: 'thumbnail', suffix: '/thumbnail', summary: 'The thumbnail of a photo of a tip' },
] as const;

/** Officers: the tip desk. */
export function tipsConsoleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['console: tips'];
  return async (app) => {
    for (const { variant, suffix, summary } of VARIANTS) {
      app.get(`/tip-attachments/:id${suffix}`, { schema: { tags, summary, params } }, async (request, reply) =>
        sendContent(
          reply,
          await service.readConsoleAttachment(ctx, requireActor(request), request.params.id, variant),
          variant === 'thumbnail',
        ),
      );
    }

    app.get(
      '/units/:unitId/tips',
      {
        schema: {
          tags,
          summary: "The unit's tips: overdue first, then by priority, then oldest",
          params: unitParams,
          querystring: consoleTipQuerySchema,
          response: { 200: consoleTipListSchema },
        },
      },
      async (request) => service.listTips(ctx, requireActor(request), request.params.unitId, request.query),
    );

    app.get(
      '/units/:unitId/tips/events',
      {
        schema: {
          tags,
          summary:
            "Server-sent events of the unit's tip desk: a tip arrived, was transferred in or raised to urgent (resume with Last-Event-ID)",
          params: unitParams,
          querystring: z.object({ lastEventId: z.string().max(20).optional() }),
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const unit = await requireUnit(ctx, actor, request.params.unitId, 'tip.read');
        await streamEvents(ctx, request, reply, {
          scope: { unitId: unit.id, includeInternal: true, tips: true },
          after: resumePoint(request, request.query),
          audience: 'officer',
          limit: { key: `session:${actor.sessionId}`, max: ctx.config.streams.perSession },
          guard: {
            officerId: actor.officerId,
            sessionId: actor.sessionId,
            stillAllowed: () => sessionMayStill(ctx, actor.sessionId, unit.id, 'tip.read'),
          },
        });
      },
    );

    app.get(
      '/units/:unitId/tips.csv',
      {
        schema: {
          tags,
          summary: "The unit's tips as CSV (the list's order; up to 5,000)",
          params: unitParams,
          querystring: consoleTipQuerySchema.pick({ status: true }),
          produces: ['text/csv'],
        },
      },
      async (request, reply) => {
        const { actor, audit } = officerOf(request);
        const items: ConsoleTipSummary[] = [];
        let cursor: string | undefined;
        do {
          const page = await service.listTips(ctx, actor, request.params.unitId, {
            status: request.query.status,
            cursor,
            limit: 100,
          });
          items.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor && items.length < 5000);
        await recordCsvExport(ctx, audit, request.params.unitId, {
          status: request.query.status ?? null,
          count: items.length,
        });
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="tips.csv"')
          .send(tipsCsv(items));
      },
    );

    app.get(
      '/units/:unitId/tip-deadlines',
      {
        schema: {
          tags,
          summary: "The unit's deadlines per category",
          params: unitParams,
          response: { 200: tipDeadlinesSchema },
        },
      },
      async (request) => service.getDeadlines(ctx, requireActor(request), request.params.unitId),
    );

    app.put(
      '/units/:unitId/tip-deadlines',
      {
        schema: {
          tags,
          summary: "Set the unit's own deadlines for some categories (owners)",
          params: unitParams,
          body: tipDeadlinesInputSchema,
          response: { 200: tipDeadlinesSchema },
        },
      },
      async (request) => {
        const { actor, audit } = officerOf(request);
        return service.setDeadlines(ctx, actor, audit, request.params.unitId, request.body.items);
      },
    );

    app.get(
      '/tips/:id',
      {
        schema: { tags, summary: 'One tip with its history, messages and notes (no identity)', params, response: tip },
      },
      async (request) => service.getTip(ctx, requireActor(request), request.params.id),
    );

    app.get(
      '/tips/:id/file.pdf',
      {
        schema: {
          tags,
          summary: "A tip's file as PDF for the case record (no identity; audited)",
          params,
          produces: ['application/pdf'],
        },
      },
      async (request, reply) => {
        const { actor, audit } = officerOf(request);
        const { receiptCode, pdf } = await exportTipPdf(ctx, actor, audit, request.params.id);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="ho-so-${receiptCode}.pdf"`)
          .header('cache-control', 'no-store')
          .send(pdf);
      },
    );

    const text = (path: 'messages' | 'notes', summary: string) =>
      app.post(
        `/tips/:id/${path}`,
        { schema: { tags, summary, params, body: tipTextSchema, response: { 201: consoleTipSchema } } },
        async (request, reply) => {
          const actor = requireActor(request);
          const audit = auditActor(actor, requestMeta(request));
          const out = await service.addMessage(
            ctx,
            actor,
            audit,
            request.params.id,
            request.body.text,
            path === 'notes',
          );
          return reply.code(201).send(out);
        },
      );
    text('messages', 'A message the reporter reads on their follow-up page');
    text('notes', 'An internal note, never shown to the reporter');

    app.post(
      '/tips/:id/transition',
      {
        schema: {
          tags,
          summary:
            'A workflow step: acknowledged, verifying, handled (outcome), transferred (unitId or bodyName), rejected',
          params,
          body: tipTransitionSchema,
          response: tip,
        },
      },
      async (request) => {
        const { actor, audit } = officerOf(request);
        return workflow.transitionTip(ctx, actor, audit, request.params.id, request.body);
      },
    );

    app.post(
      '/tips/:id/priority',
      { schema: { tags, summary: "Change a tip's priority", params, body: tipPrioritySetSchema, response: tip } },
      async (request) => {
        const { actor, audit } = officerOf(request);
        return workflow.setPriority(ctx, actor, audit, request.params.id, request.body);
      },
    );

    app.post(
      '/tips/:id/merge',
      {
        schema: {
          tags,
          summary: 'Merge a duplicate into the tip it repeats, with the reason',
          params,
          body: tipMergeSchema,
          response: tip,
        },
      },
      async (request) => {
        const actor = requireActor(request);
        return workflow.mergeTip(ctx, actor, auditActor(actor, requestMeta(request)), request.params.id, request.body);
      },
    );

    app.post(
      '/tips/:id/reveal',
      {
        schema: {
          tags,
          summary: "The reporter's name and phone (the unit's owner or a supervisor above; audited with the reason)",
          params,
          body: tipRevealSchema,
          response: { 200: tipIdentitySchema },
        },
      },
      async (request) => {
        const { actor, audit } = officerOf(request);
        return service.revealIdentity(ctx, actor, audit, request.params.id, request.body.reason);
      },
    );
  };
}
