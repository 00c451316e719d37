import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isPortalPath } from '../../contracts/portal-paths.js';
import { sendProblem } from './problem.js';

// The built web app (dist/web): hashed assets cached for good, index.html and the service worker
// revalidated on every load (an upgrade must never leave a browser on a page whose scripts are
// gone), the app's pages with 200 and every other path with 404.

const API_PREFIXES = ['/api/', '/webhooks/', '/healthz', '/readyz', '/metrics'];
const ASSETS = `${path.sep}assets${path.sep}`;

/** A request for a file (under /assets/, or a last segment with an extension): never the page. */
function isFileRequest(pathname: string): boolean {
  return pathname.startsWith('/assets/') || /\.[A-Za-z0-9]+$/.test(pathname.split('/').pop() ?? '');
}

// The service worker is not hashed (its URL is its identity) and an old one keeps running until
// replaced: revalidate it like the page.
const REVALIDATED = new Set(['index.html', 'sw.js']);

function cacheControlFor(file: string): string {
  if (REVALIDATED.has(path.basename(file))) return 'no-cache';
  // Vite puts a content hash in every name under assets/.
  if (file.includes(ASSETS)) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

/**
 * Serves the web app from `root` when it holds index.html; with no root (API tests, no build),
 * every unknown path is a 404 problem. Installs the not-found handler either way.
 */
export async function registerWebApp(app: FastifyInstance, root: string | null): Promise<void> {
  const serveWeb = root !== null && fs.existsSync(path.join(root, 'index.html'));
  if (serveWeb) {
    // Loaded only when there is a built web app to serve (API-only tests skip it).
    const { default: fastifyStatic } = await import('@fastify/static');
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (reply, file) => void reply.header('cache-control', cacheControlFor(file)),
    });
  }
  app.setNotFoundHandler((request, reply): FastifyReply => {
    const pathname = request.url.split('?')[0] ?? '/';
    const isPage =
      serveWeb &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !API_PREFIXES.some((p) => pathname.startsWith(p)) &&
      !isFileRequest(pathname);
    if (isPage) {
      // Unknown paths still get the app, which shows its not-found page, but with status 404;
      // without validators a revalidation cannot turn that 404 into an empty 304.
      const known = isPortalPath(pathname);
      return reply
        .code(known ? 200 : 404)
        .sendFile('index.html', known ? {} : { etag: false, lastModified: false, acceptRanges: false });
    }
    return sendProblem(reply, {
      status: 404,
      code: 'not_found',
      title: `No route for ${request.method} ${pathname}`,
    });
  });
}
