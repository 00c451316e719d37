import { spawn } from 'node:child_process';
import { projectRoot } from '../lib/paths.js';
import type { TestEnv } from './helper.js';

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/**
 * Runs `node --import tsx ARGS` in the project root (the real `ketnoi` entry from its TypeScript
 * sources) and resolves when the process has exited. No deadline of its own: the test's timeout is
 * the limit, and its abort signal kills the process.
 */
export function runTsx(
  args: string[],
  options: { env: NodeJS.ProcessEnv; input?: string | undefined; signal: AbortSignal },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: projectRoot(),
      env: options.env,
      signal: options.signal,
      killSignal: 'SIGKILL',
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
    child.stdin.end(options.input ?? '');
  });
}

/** The environment that points the `ketnoi` command at a test env's database and key. */
export function cliEnvOf(env: TestEnv): NodeJS.ProcessEnv {
  const db = env.ctx.config.database;
  return {
    PATH: process.env.PATH,
    DATA_DIR: env.dataDir,
    PASSWORD_COST: '10',
    DATABASE_URL: db.kind === 'sqlite' ? `sqlite:${db.file}` : db.url,
  };
}

/**
 * The `ketnoi` command against a test env; `signal` gives the running test's abort signal (set it
 * in a beforeEach), so a test that times out kills its process.
 */
export function cliRunner(
  env: TestEnv,
  signal: () => AbortSignal,
): (args: string[], input?: string) => Promise<CliResult> {
  const cliEnv = cliEnvOf(env);
  return (args, input) => runTsx(['server/cli/index.ts', ...args], { env: cliEnv, input, signal: signal() });
}
