// `npm run test:e2e`: builds what is stale, then drives Debian's Chromium through the real server.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { buildIfStale } from './build-if-stale.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  process.stderr.write(`Chromium not found at ${chromium}: apt-get install -y chromium (or set CHROMIUM_PATH)\n`);
  process.exit(1);
}
buildIfStale();
const r = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
