// Every path web/App.tsx renders a page for, as its <Route>s spell them (nested paths joined).
// The server answers other paths with 404 (and the web app's not-found page); a test keeps this
// list and App.tsx equal.

export const PORTAL_PATHS = [
  '/',
  '/u/:slug',
  '/thu-tuc',
  '/thu-tuc/:id',
  '/tin-tuc',
  '/tin-tuc/:postId',
  '/xac-minh',
  '/to-dan-pho/:groupId',
  '/bao-tin',
  '/bao-tin/theo-doi',
  '/console/login',
  '/console/invite/:token',
  '/console/reset/:token',
  '/console',
  '/console/units/:unitId',
  '/console/units/:unitId/inbox/:conversationId?',
  '/console/units/:unitId/tips/:tipId?',
  '/console/units/:unitId/posts/:postId?',
  '/console/units/:unitId/groups',
  '/console/units/:unitId/reach',
  '/console/units/:unitId/officers',
  '/console/units/:unitId/procedures',
  '/console/units/:unitId/questions',
  '/console/units/:unitId/audit',
  '/console/units/:unitId/zalo',
  '/console/units/:unitId/moi-tham-gia',
  '/console/kb/:id',
  '/console/*',
] as const;

/** Whether a pattern matches a path the way React Router does: case-insensitive, `/` at the end optional. */
export function matchesPortalPath(pattern: string, pathname: string): boolean {
  const want = pattern.split('/').filter(Boolean);
  const got = pathname.split('/').filter(Boolean);
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] ?? '';
    if (segment === '*') return true;
    const value = got[i];
    if (segment.startsWith(':')) {
      if (value === undefined) return segment.endsWith('?') && i === want.length - 1;
      continue;
    }
    if (value === undefined || value.toLowerCase() !== segment.toLowerCase()) return false;
  }
  return got.length === want.length;
}

/** Whether the web app has a page at this path (a pathname, without query). */
export function isPortalPath(pathname: string): boolean {
  if (pathname.includes('//')) return false;
  return PORTAL_PATHS.some((pattern) => matchesPortalPath(pattern, pathname));
}
