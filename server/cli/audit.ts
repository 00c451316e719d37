import type { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { verifyAuditChain } from '../modules/audit/audit.service.js';
import { runCli } from './run.js';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify')
    .description('re-compute the chain and report the first broken link')
    .action(() =>
      runCli(async (ctx) => {
        const bar = process.stderr.isTTY
          ? new SingleBar({ format: 'audit [{bar}] {value}/{total}' }, Presets.shades_classic)
          : null;
        let started = false;
        const result = await verifyAuditChain(ctx.database.db, (checked, total) => {
          if (bar && !started) {
            bar.start(total, 0);
            started = true;
          }
          bar?.update(checked);
        });
        if (started) bar?.stop();
        if (result.ok) {
          process.stdout.write(`audit chain intact: ${result.checked} entries verified\n`);
        } else {
          process.stdout.write(
            `audit chain BROKEN at entry ${result.brokenAt}: ${result.reason} (${result.checked} entries verified before it)\n`,
          );
          process.exitCode = 2;
        }
      }),
    );
}
