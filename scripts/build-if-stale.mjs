// Builds the server (tsc) and the web app (vite) when the build is missing or older than its sources.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (name !== 'node_modules') visit(path.join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of paths) visit(path.join(root, p));
  return newest;
}

function mtime(p) {
  try {
    return fs.statSync(path.join(root, p)).mtimeMs;
  } catch {
    return 0;
  }
}

function run(script, quiet) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['run', '--silent', script], {
    cwd: root,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
}

/** Rebuilds what is stale; `web: false` skips the web app (the CLI does not need it). */
export function buildIfStale({ web = true, quiet = false } = {}) {
  const serverStamp = 'dist/.server-built';
  if (
    mtime(serverStamp) <
    newestMtime(['server', 'contracts', 'tsconfig.base.json', 'tsconfig.server.json', 'package.json'])
  ) {
    if (!quiet) process.stderr.write('building the server…\n');
    fs.rmSync(path.join(root, 'dist', 'server'), { recursive: true, force: true });
    fs.rmSync(path.join(root, 'dist', '.tsbuildinfo'), { force: true });
    run('build:server', quiet);
    fs.writeFileSync(path.join(root, serverStamp), new Date().toISOString() + '\n');
  }
  if (web && mtime('dist/web/index.html') < newestMtime(['web', 'contracts', 'vite.config.ts', 'package.json'])) {
    if (!quiet) process.stderr.write('building the web app…\n');
    run('build:web', quiet);
  }
}
