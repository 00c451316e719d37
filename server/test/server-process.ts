import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { projectRoot } from '../lib/paths.js';
import type { TestEnv } from './helper.js';

// The real server as a child process (`ketnoi serve` from its TypeScript sources through tsx) on a
// test env's database and key, for tests that kill it: SIGKILL, then a restart on the same data.

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcesses {
  /** http://127.0.0.1:PORT, the same for every process started. */
  base: string;
  /** Starts a server process and resolves once it answers /healthz. */
  start(): Promise<ChildProcess>;
}

/** Server processes on `env`'s data (close its app first: the port is the child's), with extra settings. */
export async function serverProcesses(env: TestEnv, extraEnv: Record<string, string> = {}): Promise<ServerProcesses> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const db = env.ctx.config.database;
  const childEnv = {
    PATH: process.env.PATH,
    DATA_DIR: env.dataDir,
    DATABASE_URL: db.kind === 'sqlite' ? `sqlite:${db.file}` : db.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    BASE_URL: base,
    LOG_LEVEL: 'silent',
    PASSWORD_COST: '10',
    ...extraEnv,
  };
  return {
    base,
    async start() {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/index.ts', 'serve'], {
        cwd: projectRoot(),
        env: childEnv,
        stdio: 'ignore',
      });
      await waitHealthy(base, child);
      return child;
    },
  };
}

// Polls without a count of tries: a loaded machine starts the server later; the test's timeout is the limit.
async function waitHealthy(base: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await delay(100);
  }
}

/** SIGKILL: the process gets no chance to finish anything. Resolves once it is gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
}

/** SIGTERM, the orderly shutdown; resolves once it is gone. */
export async function stopGently(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
}
