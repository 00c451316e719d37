import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { isPortalPath, PORTAL_PATHS } from './portal-paths.js';

/** Every <Route> path of web/App.tsx, nested paths joined to their parents'. */
function appRoutes(): string[] {
  const file = path.join(import.meta.dirname, '..', 'web', 'App.tsx');
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const paths: string[] = [];
  const join = (parent: string, child: string) =>
    child.startsWith('/') ? child : `${parent.replace(/\/$/, '')}/${child}`;
  const visit = (node: ts.Node, parent: string): void => {
    const opening = ts.isJsxElement(node) ? node.openingElement : ts.isJsxSelfClosingElement(node) ? node : null;
    let next = parent;
    if (opening && opening.tagName.getText() === 'Route') {
      const attr = opening.attributes.properties.find(
        (p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText() === 'path',
      );
      if (attr) {
        // A path that is not a string literal could not be checked: the test says so.
        if (!attr.initializer || !ts.isStringLiteral(attr.initializer))
          throw new Error(`non-literal path: ${attr.getText()}`);
        next = join(parent, attr.initializer.text);
      }
      paths.push(next);
    }
    node.forEachChild((child) => visit(child, next));
  };
  visit(source, '');
  // <Route index> repeats its parent's path.
  return [...new Set(paths)];
}

describe('portal paths', () => {
  it('are exactly the routes of web/App.tsx, so the server and the web app cannot drift', () => {
    const routes = appRoutes().filter((p) => p !== '/*');
    expect(routes.length).toBeGreaterThan(10);
    expect([...routes].sort()).toEqual([...PORTAL_PATHS].sort());
    // The app's own catch-all renders its not-found page: that is what the server's 404 serves.
    expect(appRoutes()).toContain('/*');
  });

  it('match paths as React Router does', () => {
    const known = [
      '/',
      '/u/thach-trung',
      '/U/Thach-Trung/',
      '/thu-tuc',
      '/thu-tuc/x',
      '/tin-tuc',
      '/tin-tuc/0190a1b2',
      '/xac-minh',
      '/console',
      '/console/units/1/inbox',
      '/console/units/1/inbox/2',
      '/console/whatever/deep',
    ];
    const unknown = ['/u', '/u/', '/u/a/b', '/thu-tuc/a/b', '/x', '/thu-tucx', '//u/x', '/tin-tuc/a/b', '/xac-minh/x'];
    for (const p of known) expect(isPortalPath(p), p).toBe(true);
    for (const p of unknown) expect(isPortalPath(p), p).toBe(false);
  });
});
