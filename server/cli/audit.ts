import fs from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { BadRequestError } from '../lib/errors.js';
import { LEGACY_SCHEME, type AuditAnchor } from '../modules/audit/audit-chain.js';
import { sealLegacyAuditChain } from '../modules/audit/audit-seal.js';
import { takeAuditAnchor, verifyAuditChain, type AuditVerification } from '../modules/audit/audit.service.js';
import { progressBar } from './progress.js';
import { runCli, shellActor } from './run.js';

// Exit codes: 0 the chain holds, 2 it is broken or no longer contains an anchor, 3 it is not keyed
// yet (`ketnoi audit seal`), 1 the command itself failed (bad anchor file, no database).
const BROKEN = 2;
const NOT_KEYED = 3;

const anchorLineSchema = z.object({
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** Reads anchors written by `ketnoi audit anchor`: one JSON object per line (a file may collect many). */
function readAnchors(file: string): AuditAnchor[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const anchors: AuditAnchor[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = null;
    }
    const anchor = anchorLineSchema.safeParse(parsed);
    if (!anchor.success) {
      throw new BadRequestError(
        'invalid_anchor',
        `${file} line ${i + 1} is not an anchor from \`ketnoi audit anchor\``,
      );
    }
    anchors.push(anchor.data);
  });
  if (anchors.length === 0) throw new BadRequestError('invalid_anchor', `${file} holds no anchor`);
  return anchors;
}

/** Prints why a chain is not accepted and sets the exit code; true when it is. */
function reportVerification({ scheme, result }: AuditVerification, out: NodeJS.WritableStream): boolean {
  if (!result.ok) {
    const legacy = scheme === LEGACY_SCHEME ? ' (not keyed)' : '';
    out.write(
      `audit chain BROKEN at entry ${result.brokenAt}${legacy}: ${result.reason} (${result.checked} entries verified before it)\n`,
    );
    process.exitCode = BROKEN;
    return false;
  }
  if (scheme === LEGACY_SCHEME) {
    out.write(
      `audit chain NOT KEYED: its ${result.checked} entries are sealed with plain SHA-256, which anyone who can write ` +
        'the database can recompute. Run `ketnoi audit seal` once after upgrading (docs/OPERATIONS.md); if this ' +
        'installation was sealed before, the database has been tampered with.\n',
    );
    process.exitCode = NOT_KEYED;
    return false;
  }
  return true;
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify')
    .description('re-compute the chain with the installation key and report the first broken link')
    .option('--anchor <file>', 'also fail unless the chain still contains the head(s) saved by `audit anchor`')
    .action((options: { anchor?: string }) =>
      runCli(async (ctx) => {
        const anchors = options.anchor ? readAnchors(options.anchor) : [];
        const bar = progressBar('audit');
        const verification = await verifyAuditChain(ctx, { anchors, onProgress: bar.update });
        bar.stop();
        if (!reportVerification(verification, process.stdout)) return;
        const anchored = anchors.length ? `; contains the ${anchors.length} anchored head(s)` : '';
        process.stdout.write(`audit chain intact: ${verification.result.checked} entries verified${anchored}\n`);
      }),
    );
  audit
    .command('anchor')
    .description('verify the chain, then print its head (seq and hash) as one JSON line to keep elsewhere')
    .action(() =>
      runCli(async (ctx) => {
        const bar = progressBar('audit');
        const { verification, anchor } = await takeAuditAnchor(ctx, bar.update);
        bar.stop();
        // Only the anchor goes to stdout, so `ketnoi audit anchor >> anchors.jsonl` collects clean lines.
        if (!reportVerification(verification, process.stderr) || !anchor) return;
        process.stdout.write(JSON.stringify(anchor) + '\n');
      }),
    );
  audit
    .command('seal')
    .description('once, after upgrading: check a chain written before keying and re-seal it with the key')
    .action(() =>
      runCli(async (ctx) => {
        const bar = progressBar('audit');
        const outcome = await sealLegacyAuditChain(ctx, shellActor(), ctx.clock.now(), bar.update);
        bar.stop();
        switch (outcome.status) {
          case 'already-keyed':
            process.stdout.write('audit chain is already sealed with the installation key: nothing to do\n');
            return;
          case 'broken':
            process.stderr.write(
              `audit chain BROKEN at entry ${outcome.check.brokenAt}: ${outcome.check.reason}. Nothing was sealed: ` +
                'restore the database from a backup or keep it for investigation.\n',
            );
            process.exitCode = BROKEN;
            return;
          case 'sealed':
            process.stdout.write(
              `audit chain sealed with the installation key: ${outcome.entries} entries checked and re-sealed ` +
                `(old head ${outcome.legacyHeadHash}). This is done once; take an anchor now (\`ketnoi audit anchor\`).\n`,
            );
        }
      }),
    );
}
