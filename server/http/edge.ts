import type { FastifyInstance } from 'fastify';
import { ForbiddenError } from '../lib/errors.js';
import { sendProblem } from './problem.js';
import { checkText } from '../lib/text-input.js';

// Checks every request passes before any route sees it, so a new route cannot forget them.

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Channels sign their webhook requests, and their servers send no browser headers. */
const WEBHOOKS = '/webhooks/';

/** Why a browser's request comes from another site, or null when it does not (or no browser says). */
export function crossSiteReason(
  headers: { origin?: string | undefined; host?: string | undefined; 'sec-fetch-site'?: string | string[] | undefined },
  ownOrigin: string,
): string | null {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site is ${String(site)}`;
  const { origin } = headers;
  if (origin === undefined || origin === ownOrigin) return null;
  // The page was served by this server under another name (http://127.0.0.1:3000 or the machine's
  // address on the ward's network while BASE_URL says localhost): its Origin names the host asked.
  if (headers.host !== undefined && URL.canParse(origin) && new URL(origin).host === headers.host) return null;
  return `Origin ${origin} is not this site`;
}

/**
 * Defence in depth beside SameSite=Strict cookies: a state-changing request a browser sends from
 * another site is refused with 403 cross_site_request. Requests without Origin and Sec-Fetch-Site
 * (curl, the CLI, channel servers) pass; their credentials are checked as always.
 */
function refuseCrossSiteWrites(app: FastifyInstance, baseUrl: string): void {
  const ownOrigin = new URL(baseUrl).origin;
  app.addHook('onRequest', async (request) => {
    if (!STATE_CHANGING.has(request.method)) return;
    if ((request.routeOptions.url ?? request.url).startsWith(WEBHOOKS)) return;
    const reason = crossSiteReason(request.headers, ownOrigin);
    if (reason) throw new ForbiddenError(`Refused a request from another site (${reason})`, 'cross_site_request');
  });
}

/**
 * NUL and lone surrogates anywhere in the path parameters, query or body are refused with 400
 * invalid_text naming the field; bidi controls are removed from the body's text (text-input.ts).
 * Runs before validation, so the schemas see the cleaned body.
 */
function checkRequestText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request, reply) => {
    for (const part of ['params', 'query', 'body'] as const) {
      const checked = checkText(request[part], part, part === 'body');
      if (!checked.ok) {
        const { path, message } = checked.problem;
        return sendProblem(reply, {
          status: 400,
          code: 'invalid_text',
          title: 'The request holds text that cannot be stored',
          detail: `${path}: ${message}`,
          errors: [checked.problem],
        });
      }
      if (part === 'body') request.body = checked.value;
    }
  });
}

/** Installs the edge checks on every route: cross-site writes, then text. */
export function registerEdgeChecks(app: FastifyInstance, baseUrl: string): void {
  refuseCrossSiteWrites(app, baseUrl);
  checkRequestText(app);
}
