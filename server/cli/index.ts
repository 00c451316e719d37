#!/usr/bin/env node
import { Command } from 'commander';
import { LEGACY_SCHEME } from '../modules/audit/audit-chain.js';
import { auditScheme } from '../modules/audit/audit.service.js';
import { registerAdminCommands } from './admin.js';
import { registerAskCommand } from './assistant-ask.js';
import { registerAssistantCommands } from './assistant.js';
import { registerAuditCommands } from './audit.js';
import { registerUnitCommands } from './units.js';
import { registerZaloCommands } from './zalo.js';
import { runCli } from './run.js';

const program = new Command()
  .name('ketnoi')
  .description('Kết nối An ninh: server and administration commands')
  .showHelpAfterError();

program
  .command('serve')
  .description('run the server (HTTP API, web app, workers) with the settings from the environment')
  .action(async () => {
    const { startServer } = await import('../main.js');
    await startServer();
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(() =>
    runCli(async (ctx) => {
      // createContext already migrated; report the state.
      process.stdout.write(`database is up to date (${ctx.database.dialect})\n`);
      if ((await auditScheme(ctx.database.db)) === LEGACY_SCHEME) {
        process.stdout.write(
          'the audit chain is not keyed yet: run `ketnoi audit seal` once (see docs/OPERATIONS.md)\n',
        );
      }
    }),
  );

registerAdminCommands(program);
registerUnitCommands(program);
registerAuditCommands(program);
registerZaloCommands(program);
registerAskCommand(registerAssistantCommands(program));

await program.parseAsync(process.argv);
