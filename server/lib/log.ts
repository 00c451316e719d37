import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

// Secrets that travel in URLs: invite and reset links carry a one-time token as a path segment,
// OAuth callbacks carry codes and state in the query. Logs keep the route's shape, never the secret.
const SECRET_SEGMENT_AFTER = /^(invites?|invite-links?|resets?|reset-links?|password-resets?|setup)$/i;
const TOKEN_LIKE = /^[A-Za-z0-9_-]{32,}$/;
const SECRET_QUERY_KEY = /token|code|secret|password|state|key|signature/i;
const REDACTED = '[redacted]';

/** A URL (path and query) with one-time tokens and secret query values replaced by [redacted]. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const segments = path.split('/');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    const afterSecretWord = i > 0 && SECRET_SEGMENT_AFTER.test(segments[i - 1] ?? '') && segment !== '';
    if (afterSecretWord || TOKEN_LIKE.test(segment)) segments[i] = REDACTED;
  }
  let out = segments.join('/');
  if (q !== -1) {
    const params = url
      .slice(q + 1)
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq === -1) return pair;
        return SECRET_QUERY_KEY.test(pair.slice(0, eq)) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
      });
    out += `?${params.join('&')}`;
  }
  return out;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
  hostname?: string;
  host?: string;
  headers?: Record<string, unknown>;
  socket?: { remotePort?: number };
}

// Residents' tip routes (sending one, following it up): their request logs carry no address, so an
// anonymous tip leaves no IP anywhere (issue 11).
const ANONYMOUS_ROUTE = /^\/api\/v1\/public\/(units\/[^/?]+\/tip(s|-attachments)|tips\/)/;

/** Fastify's request serializer, with the URL redacted (and no address on the tip routes). */
function serializeRequest(req: LoggedRequest): Record<string, unknown> {
  if (typeof req.url === 'string' && ANONYMOUS_ROUTE.test(req.url)) {
    return { method: req.method, url: redactUrl(req.url), host: req.host ?? req.hostname };
  }
  return {
    method: req.method,
    url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
    host: req.host ?? req.hostname,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** The process's structured logger (pino JSON lines); `destination` lets tests read what was logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      serializers: { req: serializeRequest, err: pino.stdSerializers.err },
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', 'token', '*.token'],
        censor: REDACTED,
      },
    },
    destination,
  );
}
