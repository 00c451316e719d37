import type { Command } from 'commander';
import { passwordSchema, roleSchema, usernameSchema } from '../../contracts/accounts.js';
import { BadRequestError } from '../lib/errors.js';
import { createOfficerFromShell } from '../modules/accounts/accounts.service.js';
import { readStdin, runCli, shellActor } from './run.js';

export function registerAdminCommands(program: Command): void {
  const admin = program.command('admin').description('officer accounts');
  admin
    .command('create')
    .description('create an officer account; prints the TOTP provisioning URI when the role needs 2FA')
    .requiredOption('--username <username>', 'sign-in name (a-z, 0-9, . _ -)')
    .requiredOption('--role <role>', 'admin | supervisor | owner | officer')
    .option('--unit <slug>', 'the unit (required for every role but admin)')
    .option('--display-name <name>', 'name shown to colleagues')
    .option('--password-stdin', 'read the password from standard input (required)')
    .action((opts: { username: string; role: string; unit?: string; displayName?: string; passwordStdin?: boolean }) =>
      runCli(async (ctx) => {
        if (!opts.passwordStdin)
          throw new BadRequestError('password_stdin_required', 'Pass --password-stdin and pipe the password in');
        const username = usernameSchema.safeParse(opts.username);
        if (!username.success)
          throw new BadRequestError('invalid_username', `username: ${username.error.issues[0]?.message}`);
        const role = roleSchema.safeParse(opts.role);
        if (!role.success)
          throw new BadRequestError('invalid_role', 'role must be admin, supervisor, owner or officer');
        const password = passwordSchema.safeParse((await readStdin()).replace(/\r?\n$/, ''));
        if (!password.success)
          throw new BadRequestError('invalid_password', `password: ${password.error.issues[0]?.message}`);
        const result = await createOfficerFromShell(ctx, shellActor(), {
          username: username.data,
          password: password.data,
          role: role.data,
          unitSlug: opts.unit,
          displayName: opts.displayName,
        });
        process.stdout.write(`created ${role.data} ${username.data} (${result.officerId})\n`);
        if (result.totpUri) {
          process.stdout.write(`two-factor sign-in is required: add this to an authenticator app\n${result.totpUri}\n`);
        }
      }),
    );
}
