// Residents sending messages through the HTTP API on one machine (SQLite, synchronous=FULL):
// every message is persisted and answered by the assistant before the 201. Measured against a bare
// Fastify JSON handler under the same load in the same run (the ratio is the figure).
// Each case runs ROUNDS times back to back on the same server; the median round is the figure.
// Usage: node bench/chat.mjs [seconds] [connections] [rounds]   → bench/results/chat.json
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildIfStale, root } from '../scripts/build-if-stale.mjs';
import { SERVER_NODE_FLAGS } from '../scripts/node-flags.mjs';
import { machineInfo } from './machine.mjs';

const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = Number(process.argv[3] ?? 32);
const ROUNDS = Number(process.argv[4] ?? 3);
const RESIDENTS = 2000;
const UNIT = 'thach-trung';
const QUESTIONS = [
  'làm căn cước cần gì',
  'dk tam tru can giay to gi',
  'lm cccd mất bn tiền',
  'đăng ký thường trú mất mấy ngày',
  'gia han tam tru o dau',
  'khai báo tạm vắng online được không',
  'đổi căn cước khi đủ 25 tuổi cần mang gì',
  'xin giấy xác nhận cư trú ở mô rứa',
];

async function waitHealthy(base, child) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not start');
}

function startProcess(args, env) {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    child,
    stop: () => {
      child.kill('SIGTERM');
      return new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    },
  };
}

/** Opens one conversation per resident; returns [cookie, conversationId] pairs. */
async function openConversations(base) {
  const out = [];
  for (let i = 0; i < RESIDENTS; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, RESIDENTS - i) }, async () => {
        const res = await fetch(`${base}/api/v1/public/units/${UNIT}/conversations`, { method: 'POST' });
        if (!res.ok) throw new Error(`open conversation: ${res.status} ${await res.text()}`);
        const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
        const { id } = await res.json();
        return [cookie, id];
      }),
    );
    out.push(...batch);
  }
  return out;
}

function load(base, makeRequest) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: [{ setupRequest: makeRequest }],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

/** The round with the median rate. */
function median(rounds) {
  return [...rounds].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(rounds.length / 2)];
}

/** SQLite's group commit counters from /metrics. */
async function commitCounters(base) {
  const text = await fetch(`${base}/metrics`).then((r) => r.text());
  const read = (name) => Number(text.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1] ?? NaN);
  return {
    commits: read('ketnoi_db_commits_total'),
    transactions: read('ketnoi_db_committed_transactions_total'),
  };
}

function summarise(r) {
  return {
    requests: r.requests.total,
    perSecond: Math.round(r.requests.total / SECONDS),
    non2xx: r.non2xx,
    errors: r.errors,
    latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
  };
}

buildIfStale();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketnoi-bench-chat-'));
const port = 3460;
const base = `http://127.0.0.1:${port}`;
const server = startProcess(['scripts/start.mjs'], {
  DATA_DIR: dataDir,
  PORT: String(port),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  // The bench is one address sending for thousands of residents.
  PUBLIC_WRITE_RATE_PER_MINUTE: '100000000',
});
const chatRounds = [];
let stored;
let batching;
try {
  await waitHealthy(base, server.child);
  const residents = await openConversations(base);
  const before = await commitCounters(base);
  let n = 0;
  for (let round = 0; round < ROUNDS; round++) {
    chatRounds.push(
      summarise(
        await load(base, (req) => {
          const i = n++;
          const [cookie, id] = residents[i % residents.length];
          return {
            ...req,
            method: 'POST',
            path: `/api/v1/public/conversations/${id}/messages`,
            headers: { 'content-type': 'application/json', cookie },
            body: JSON.stringify({ clientId: `bench-${i}-${id}`, text: QUESTIONS[i % QUESTIONS.length] }),
          };
        }),
      ),
    );
  }
  const after = await commitCounters(base);
  const commits = after.commits - before.commits;
  const transactions = after.transactions - before.transactions;
  batching = { commits, transactions, transactionsPerCommit: Math.round((transactions / commits) * 10) / 10 };
  const sample = await fetch(`${base}/api/v1/public/conversations/${residents[0][1]}/messages`, {
    headers: { cookie: residents[0][0] },
  }).then((r) => r.json());
  stored = {
    sampleConversationMessages: sample.items.length,
    authors: [...new Set(sample.items.map((m) => m.author))],
  };
} finally {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

// Baseline: a bare Fastify handler that parses the same JSON body and answers.
const barePath = path.join(os.tmpdir(), 'ketnoi-bench-bare-chat.mjs');
fs.writeFileSync(
  barePath,
  `import Fastify from '${path.join(root, 'node_modules/fastify/fastify.js')}';\n` +
    `const app = Fastify();\n` +
    `app.get('/healthz', async () => ({ status: 'ok' }));\n` +
    `app.post('/m', async (req, reply) => reply.code(201).send({ message: { text: req.body.text }, replies: [] }));\n` +
    `await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });\n`,
);
const bare = startProcess([barePath], { PORT: String(port + 1) });
const baselineRounds = [];
try {
  await waitHealthy(`http://127.0.0.1:${port + 1}`, bare.child);
  let n = 0;
  for (let round = 0; round < ROUNDS; round++) {
    baselineRounds.push(
      summarise(
        await load(`http://127.0.0.1:${port + 1}`, (req) => ({
          ...req,
          method: 'POST',
          path: '/m',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ clientId: `b-${n++}`, text: QUESTIONS[n % QUESTIONS.length] }),
        })),
      ),
    );
  }
} finally {
  await bare.stop();
}

const chat = median(chatRounds);
const baseline = median(baselineRounds);
const result = {
  date: new Date().toISOString(),
  machine: machineInfo(),
  seconds: SECONDS,
  connections: CONNECTIONS,
  residents: RESIDENTS,
  rounds: ROUNDS,
  chat,
  chatRounds,
  batching,
  stored,
  baseline,
  baselineRounds,
  ratio: Math.round((chat.perSecond / baseline.perSecond) * 1000) / 1000,
  targets: { perSecond: 2000, p99Ms: 50 },
};
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/chat.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
