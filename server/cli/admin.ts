import type { Command } from 'commander';
import { passwordSchema, roleSchema, usernameSchema } from '../../contracts/accounts.js';
import { BadRequestError } from '../lib/errors.js';
import { createOfficerFromShell } from '../modules/accounts/accounts.service.js';
import { resetPasswordFromShell, resetTotpFromShell } from '../modules/accounts/credential-resets.service.js';
import { readStdin, runCli, shellActor } from './run.js';

function parseUsername(value: string): string {
  const username = usernameSchema.safeParse(value);
  if (!username.success)
    throw new BadRequestError('invalid_username', `username: ${username.error.issues[0]?.message}`);
  return username.data;
}

/** The password piped in (one trailing newline dropped), checked like the console checks it. */
async function passwordFromStdin(passwordStdin: boolean | undefined): Promise<string> {
  if (!passwordStdin)
    throw new BadRequestError('password_stdin_required', 'Pass --password-stdin and pipe the password in');
  const password = passwordSchema.safeParse((await readStdin()).replace(/\r?\n$/, ''));
  if (!password.success)
    throw new BadRequestError('invalid_password', `password: ${password.error.issues[0]?.message}`);
  return password.data;
}

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
        const username = parseUsername(opts.username);
        const role = roleSchema.safeParse(opts.role);
        if (!role.success)
          throw new BadRequestError('invalid_role', 'role must be admin, supervisor, owner or officer');
        const password = await passwordFromStdin(opts.passwordStdin);
        const result = await createOfficerFromShell(ctx, shellActor(), {
          username,
          password,
          role: role.data,
          unitSlug: opts.unit,
          displayName: opts.displayName,
        });
        process.stdout.write(`created ${role.data} ${username} (${result.officerId})\n`);
        if (result.totpUri) {
          process.stdout.write(`two-factor sign-in is required: add this to an authenticator app\n${result.totpUri}\n`);
        }
      }),
    );

  admin
    .command('reset-password')
    .description("set an officer's password (read from standard input); ends every session of the officer")
    .requiredOption('--username <username>', 'the officer')
    .option('--password-stdin', 'read the new password from standard input (required)')
    .action((opts: { username: string; passwordStdin?: boolean }) =>
      runCli(async (ctx) => {
        const username = parseUsername(opts.username);
        const password = await passwordFromStdin(opts.passwordStdin);
        const result = await resetPasswordFromShell(ctx, shellActor(), { username, password });
        process.stdout.write(`password of ${username} reset; ${result.revokedSessions} session(s) ended\n`);
      }),
    );
  admin
    .command('reset-2fa')
    .description('give an officer a new TOTP secret and print its provisioning URI; ends every session of the officer')
    .requiredOption('--username <username>', 'the officer')
    .action((opts: { username: string }) =>
      runCli(async (ctx) => {
        const username = parseUsername(opts.username);
        const result = await resetTotpFromShell(ctx, shellActor(), { username });
        process.stdout.write(`two-factor sign-in of ${username} reset; ${result.revokedSessions} session(s) ended\n`);
        process.stdout.write(
          `add this to the officer's authenticator app (the old codes no longer work)\n${result.totpUri}\n`,
        );
      }),
    );
}
