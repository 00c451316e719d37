import { spawn } from 'node:child_process';
import { projectRoot } from '../lib/paths.js';

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
  options: { env: NodeJS.ProcessEnv; input?: string; signal: AbortSignal },
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
