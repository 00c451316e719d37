// Cold start to /healthz and idle memory of `npm start` (built server, SQLite), against a bare
// Fastify server measured in the same run on the same machine.
// Usage: node bench/startup.mjs [runs]   (builds first if stale; writes bench/results/startup.json)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfStale, root } from '../scripts/build-if-stale.mjs';
import { SERVER_NODE_FLAGS } from '../scripts/node-flags.mjs';
import { machineInfo } from './machine.mjs';

const RUNS = Number(process.argv[2] ?? 7);
const IDLE_MS = 3000;

function rssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function waitHealthy(port, child, deadlineMs) {
  const start = Date.now();
  while (Date.now() - start < deadlineMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('server did not become healthy in time');
}

async function measure(label, args, env, port) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...args], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  try {
    await waitHealthy(port, child, 15_000);
    const startMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, IDLE_MS));
    return { label, startMs, idleRssMiB: rssMiB(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

buildIfStale();
const bare = path.join(os.tmpdir(), 'ketnoi-bench-bare.mjs');
fs.writeFileSync(
  bare,
  `import Fastify from '${path.join(root, 'node_modules/fastify/fastify.js')}';\n` +
    `const app = Fastify();\napp.get('/healthz', async () => ({ status: 'ok' }));\n` +
    `await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });\n`,
);

const rows = { first: [], warm: [], bare: [] };
const warmDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketnoi-bench-'));
const common = { LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
for (let i = 0; i < RUNS; i++) {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'ketnoi-bench-'));
  rows.first.push(
    await measure('first start (migrate + seed)', ['scripts/start.mjs'], { ...common, DATA_DIR: fresh }, 3400),
  );
  fs.rmSync(fresh, { recursive: true, force: true });
  rows.warm.push(await measure('start', ['scripts/start.mjs'], { ...common, DATA_DIR: warmDir }, 3401));
  rows.bare.push(await measure('bare Fastify', [bare], {}, 3402));
  process.stderr.write(`run ${i + 1}/${RUNS}\n`);
}
fs.rmSync(warmDir, { recursive: true, force: true });

const summary = Object.fromEntries(
  Object.entries(rows).map(([k, v]) => [
    k,
    {
      medianStartMs: Math.round(median(v.map((r) => r.startMs))),
      maxStartMs: Math.round(Math.max(...v.map((r) => r.startMs))),
      medianIdleRssMiB: Math.round(median(v.map((r) => r.idleRssMiB)) * 10) / 10,
    },
  ]),
);
const result = {
  date: new Date().toISOString(),
  machine: machineInfo(),
  runs: RUNS,
  idleMs: IDLE_MS,
  summary,
  targets: { startMs: 1500, idleRssMiB: 150 },
};
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/startup.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(summary, null, 2));
