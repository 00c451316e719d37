import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/auth.js';
import { auditActor, authenticate, SESSION_COOKIE } from '../accounts/accounts.service.js';
import * as service from './zalo-console.service.js';

// Where Zalo's consent page sends the browser back. A server route, not a page of the web app: it
// finishes the connect and redirects to the unit's Zalo tab with the outcome in the address.

const tags = ['console: zalo'];

const callbackQuery = z.object({
  code: z.string().max(4096).optional(),
  oa_id: z.string().max(64).optional(),
  state: z.string().max(512).optional(),
  relay: z.literal('1').optional(),
});

/** A page that reloads the URL from our own origin, so the SameSite=Strict session cookie is sent. */
function relayPage(url: string): string {
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escaped}"><title>Zalo</title><a href="${escaped}">Zalo</a>`;
}

function consolePage(unitId: string | null, outcome: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ zalo: outcome, ...extra }).toString();
  return unitId ? `/console/units/${encodeURIComponent(unitId)}/zalo?${query}` : `/console?${query}`;
}

/**
 * `GET /console/zalo/callback`: where Zalo's consent page returns the browser. Served by the server,
 * not the web app; ends with a redirect to the unit's Zalo page saying what happened.
 */
export function zaloCallbackRoute(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      service.ZALO_CALLBACK_PATH,
      {
        schema: {
          tags,
          summary: "Zalo's OAuth callback (browser): finishes a connect, then redirects to the console",
          querystring: callbackQuery,
        },
      },
      async (request, reply) => {
        const { code, oa_id: oaId, state, relay } = request.query;
        const token = request.cookies[SESSION_COOKIE];
        const actor = token ? await authenticate(ctx, token) : null;
        if (!actor) {
          // Arriving from Zalo's site, a SameSite=Strict cookie is withheld: reload once from here.
          if (!relay) {
            const again = new URLSearchParams({
              ...(code ? { code } : {}),
              ...(oaId ? { oa_id: oaId } : {}),
              ...(state ? { state } : {}),
              relay: '1',
            }).toString();
            return reply
              .header('cache-control', 'no-store')
              .type('text/html; charset=utf-8')
              .send(relayPage(`${service.ZALO_CALLBACK_PATH}?${again}`));
          }
          return reply.redirect('/console/login', 303);
        }
        if (!state) return reply.redirect(consolePage(null, 'invalid_state'), 303);
        try {
          const done = await service.finishZaloOAuth(ctx, actor, auditActor(actor, requestMeta(request)), {
            state,
            code: code ?? null,
            oaId: oaId ?? null,
          });
          return reply.redirect(consolePage(done.unitId, 'connected'), 303);
        } catch (err) {
          if (!(err instanceof service.ZaloCallbackError)) throw err;
          const extra: Record<string, string> = err.zaloCode === null ? {} : { zaloCode: String(err.zaloCode) };
          return reply.redirect(consolePage(err.unitId, err.outcome, extra), 303);
        }
      },
    );
  };
}
