import { InvalidArgumentError, type Command } from 'commander';
import type { AskResponse } from '../../contracts/assistant.js';
import { ask } from '../modules/assistant/assistant.service.js';
import { seedKnowledgeBaseIfEmpty } from '../modules/knowledge/kb.service.js';
import { seedUnitsIfEmpty } from '../modules/units/units.service.js';
import { runCli } from './run.js';

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('expected YYYY-MM-DD');
  }
  return value;
}

/** The answer as a resident sees it: text, quick replies, sources. */
export function formatAnswerForTerminal(r: AskResponse): string {
  const { answer } = r;
  const out = [answer.text];
  if (answer.quickReplies.length) {
    out.push('', 'Gợi ý:', ...answer.quickReplies.map((q) => `  [${q.label}] ${q.text}`));
  }
  if (answer.sources.length) out.push('', 'Nguồn:', ...answer.sources.map((s, i) => `  ${i + 1}. ${s}`));
  return `${out.join('\n')}\n`;
}

/** Adds `ask "câu hỏi" [--unit SLUG] [--date YYYY-MM-DD] [--json]` to a command group (`ketnoi assistant`). */
export function registerAskCommand(group: Command): void {
  group
    .command('ask')
    .description('preview how the assistant answers a resident (a handover is reported, but no conversation is opened)')
    .argument('<text>', 'the question, in Vietnamese')
    .option('--unit <slug>', 'answer for this ward/commune (its address, hours, notes)')
    .option('--date <YYYY-MM-DD>', 'answer as on this day (fees in force), default today in Vietnam', isoDate)
    .option('--json', 'print the API response instead')
    .action((text: string, opts: { unit?: string; date?: string; json?: boolean }) =>
      runCli(async (ctx) => {
        if (ctx.config.seed) {
          // A fresh data directory answers like a freshly started server would.
          await seedUnitsIfEmpty(ctx);
          await seedKnowledgeBaseIfEmpty(ctx);
        }
        const r = await ask(ctx, { text, ...(opts.unit ? { unitSlug: opts.unit } : {}) }, opts.date);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
          return;
        }
        process.stdout.write(formatAnswerForTerminal(r));
        const flags = [
          r.answer.clarifying ? 'clarifying' : null,
          r.answer.handover ? 'handover: a resident would reach an officer; this preview opened no conversation' : null,
        ].filter(Boolean);
        process.stderr.write(
          `(${[r.intent, r.procedure, r.aspect].filter(Boolean).join('/')}, confidence ${r.confidence.toFixed(2)}${flags.length ? `, ${flags.join(', ')}` : ''})\n`,
        );
      }),
    );
}
