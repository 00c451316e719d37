import type { Command } from 'commander';
import {
  zaloConnectInputSchema,
  zaloIdSchema,
  type ZaloConnectInput,
  type ZaloConnectionStatus,
} from '../../contracts/zalo.js';
import { BadRequestError } from '../lib/errors.js';
import {
  connectZalo,
  disconnectZalo,
  listZaloStatuses,
  unitIdBySlug,
  zaloStatus,
  zaloWebhookUrl,
} from '../modules/zalo/zalo-connections.service.js';
import { simulatedTextWebhook } from '../modules/zalo/zalo-simulate.js';
import { readStdin, runCli, shellActor } from './run.js';

const EXAMPLE = '{"oaId":"…","appId":"…","appSecret":"…","oaSecretKey":"…","accessToken":"…","refreshToken":"…"}';

/** The JSON object piped in, checked field by field; the error names fields, never their values. */
function parseConnectInput(text: string): ZaloConnectInput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequestError('invalid_json', `standard input must be one JSON object: ${EXAMPLE}`);
  }
  const input = zaloConnectInputSchema.safeParse(parsed);
  if (!input.success) {
    const problems = input.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
    throw new BadRequestError('invalid_zalo_connection', problems);
  }
  return input.data;
}

function printStatus(s: ZaloConnectionStatus): void {
  const lines = [
    `${s.unitSlug}: OA ${s.oaId} (app ${s.appId})`,
    `  access token expires: ${s.accessTokenExpiresAt ?? 'unknown (used until Zalo refuses it)'}`,
    `  last refresh: ${s.lastRefreshedAt ?? 'never'}`,
    `  last event: ${s.lastEventAt ?? 'none yet'}`,
    `  last error: ${s.lastError ? `${s.lastError} (${s.lastErrorAt ?? ''})` : 'none'}`,
    `  connected by ${s.connectedBy} at ${s.connectedAt}`,
    `  webhook URL: ${s.webhookUrl}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerZaloCommands(program: Command): void {
  const zalo = program.command('zalo').description("units' Zalo Official Accounts");
  zalo
    .command('connect')
    .description(`connect a unit's OA from one JSON object on standard input: ${EXAMPLE}`)
    .requiredOption('--unit <slug>', 'the unit (ward or commune)')
    .action((opts: { unit: string }) =>
      runCli(async (ctx) => {
        const unitId = await unitIdBySlug(ctx, opts.unit);
        const input = parseConnectInput(await readStdin());
        const { status, replaced } = await connectZalo(ctx, shellActor(), unitId, input);
        process.stdout.write(`${replaced ? 'reconnected' : 'connected'} OA ${status.oaId} to ${opts.unit}\n`);
        process.stdout.write(`register this webhook URL in the Zalo app's settings:\n${zaloWebhookUrl(ctx)}\n`);
      }),
    );
  zalo
    .command('status')
    .description("show units' OA connections (never their secrets)")
    .option('--unit <slug>', 'only this unit')
    .action((opts: { unit?: string }) =>
      runCli(async (ctx) => {
        if (opts.unit) {
          const status = await zaloStatus(ctx, await unitIdBySlug(ctx, opts.unit));
          if (status) printStatus(status);
          else process.stdout.write(`${opts.unit}: no Zalo OA connected\n`);
          return;
        }
        const all = await listZaloStatuses(ctx);
        if (all.length === 0) process.stdout.write('no Zalo OA connected\n');
        for (const status of all) printStatus(status);
      }),
    );
  zalo
    .command('disconnect')
    .description("remove a unit's OA connection and its secrets (received events are kept)")
    .requiredOption('--unit <slug>', 'the unit')
    .action((opts: { unit: string }) =>
      runCli(async (ctx) => {
        const { oaId } = await disconnectZalo(ctx, shellActor(), await unitIdBySlug(ctx, opts.unit));
        process.stdout.write(`disconnected OA ${oaId} from ${opts.unit}\n`);
      }),
    );
  zalo
    .command('simulate')
    .description("send a resident's text to the local server as the unit's OA would, signed with its secrets")
    .requiredOption('--unit <slug>', 'the unit')
    .requiredOption('--user <id>', "the resident's Zalo user id (digits)")
    .requiredOption('--text <text>', 'what the resident writes')
    .option('--url <url>', 'the server (default: BASE_URL)')
    .action((opts: { unit: string; user: string; text: string; url?: string }) =>
      runCli(async (ctx) => {
        if (!zaloIdSchema.safeParse(opts.user).success) {
          throw new BadRequestError('invalid_zalo_user', '--user must be a Zalo user id (digits)');
        }
        const hook = await simulatedTextWebhook(ctx, await unitIdBySlug(ctx, opts.unit), {
          userId: opts.user,
          text: opts.text,
          baseUrl: opts.url ?? ctx.config.http.baseUrl,
        });
        const res = await fetch(hook.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-zevent-signature': hook.signature },
          body: hook.body,
          signal: AbortSignal.timeout(10_000),
        });
        const answer = (await res.text()).slice(0, 500);
        process.stdout.write(`POST ${hook.url} (msg_id ${hook.msgId}) → ${res.status} ${answer}\n`);
        if (!res.ok) process.exitCode = 1;
      }),
    );
}
