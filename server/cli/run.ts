import os from 'node:os';
import { loadConfig } from '../config.js';
import { createContext, type AppContext } from '../context.js';
import { AppError } from '../lib/errors.js';
import type { AuditActor } from '../modules/audit/audit.service.js';

/** Runs a CLI action with a context, printing known errors plainly and exiting non-zero. */
export async function runCli(action: (ctx: AppContext) => Promise<void>): Promise<void> {
  let ctx: AppContext | undefined;
  try {
    ctx = await createContext(loadConfig());
    await action(ctx);
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(`error (${err.code}): ${err.message}\n`);
      if ('problems' in err && Array.isArray(err.problems)) {
        for (const p of err.problems as string[]) process.stderr.write(`  - ${p}\n`);
      }
    } else {
      process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    process.exitCode = 1;
  } finally {
    await ctx?.database.close();
  }
}

/** The shell user, recorded as the actor of CLI changes. */
export function shellActor(): AuditActor {
  return { actorId: null, actorName: `cli:${os.userInfo().username}`, ip: null };
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
