import { spawnSync } from 'node:child_process';
import { projectRoot } from '../lib/paths.js';
import type { TestEnv } from './helper.js';

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the real `ketnoi` entry (TypeScript sources through tsx) against the test env's database and key. */
export function cliRunner(env: TestEnv): (args: string[], input?: string) => CliResult {
  const db = env.ctx.config.database;
  const cliEnv = {
    PATH: process.env.PATH,
    DATA_DIR: env.dataDir,
    PASSWORD_COST: '10',
    DATABASE_URL: db.kind === 'sqlite' ? `sqlite:${db.file}` : db.url,
  };
  return (args, input) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/index.ts', ...args], {
      cwd: projectRoot(),
      env: cliEnv,
      input: input ?? '',
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
}
