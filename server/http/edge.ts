import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.js';
import { checkText } from './text-input.js';

// Checks every request passes before any route sees it, so a new route cannot forget them.

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

/** Installs the edge checks on every route. */
export function registerEdgeChecks(app: FastifyInstance): void {
  checkRequestText(app);
}
