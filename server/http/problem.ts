import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Problem } from '../../contracts/common.js';
import { AppError, type ErrorKind } from '../lib/errors.js';

const PROBLEM_TYPE = 'https://ketnoi.example/problems/';

/** Sends an RFC 9457 problem document. */
export function sendProblem(reply: FastifyReply, problem: Omit<Problem, 'type'> & { type?: string }): FastifyReply {
  return reply
    .code(problem.status)
    .type('application/problem+json; charset=utf-8')
    .send({ type: problem.type ?? PROBLEM_TYPE + problem.code, ...problem });
}

/** The HTTP status of each kind of domain error. */
export const STATUS_OF: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unsupported_type: 415,
  unprocessable: 422,
  rate_limited: 429,
};

// Fastify's own error codes mapped to stable API codes.
const FASTIFY_CODES: Record<string, { status: number; code: string; title: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large', title: 'Request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    title: 'Send the body as application/json',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json', title: 'The JSON body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', title: 'The body is not valid JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_content_length', title: 'Bad Content-Length' },
  FST_ERR_BAD_URL: { status: 400, code: 'invalid_url', title: 'The URL is not validly encoded' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'uri_too_long', title: 'A path parameter is too long' },
};

/** Fastify's frameworkErrors option: errors found while routing (a malformed URL), before any handler. */
export function onFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const known = FASTIFY_CODES[error.code];
  void sendProblem(reply, known ?? { status: 400, code: 'bad_request', title: 'The request is not valid' });
}

/** Installs the error and not-found handlers so every API error is problem+json. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.retryAfterSeconds !== null) void reply.header('retry-after', String(error.retryAfterSeconds));
      return sendProblem(reply, {
        ...error.extensions,
        status: STATUS_OF[error.kind],
        code: error.code,
        title: error.message,
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        path: `${error.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`.replace(/\.$/, ''),
        message: v.message ?? 'invalid',
      }));
      return sendProblem(reply, {
        status: 400,
        code: 'validation_failed',
        title: 'The request is not valid',
        detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
        errors,
      });
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return sendProblem(reply, { status: known.status, code: known.code, title: known.title });
    if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
      return sendProblem(reply, { status: 400, code: 'invalid_json', title: 'The body is not valid JSON' });
    }
    if (error.statusCode === 429) {
      return sendProblem(reply, { status: 429, code: 'rate_limited', title: 'Too many requests, slow down' });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, { status: error.statusCode, code: 'bad_request', title: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, { status: 500, code: 'internal_error', title: 'Something went wrong on our side' });
  });
}
