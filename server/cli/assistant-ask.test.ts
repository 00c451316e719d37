import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runTsx } from '../test/cli.js';
import { createTestEnv, type TestEnv } from '../test/helper.js';

// Runs `ask` on a commander group of its own (the `ketnoi assistant` group wires the same function).
const SCRIPT = `
import { Command } from 'commander';
import { registerAskCommand } from './server/cli/assistant-ask.ts';
const program = new Command().name('ketnoi');
registerAskCommand(program.command('assistant'));
await program.parseAsync(process.argv.slice(1), { from: 'user' });
`;

// Each test starts two Node processes that load the server through tsx: a few seconds each on an
// idle machine, over ten on a loaded one, hence the longer timeout.
describe('ketnoi assistant ask', { timeout: 120_000 }, () => {
  let env: TestEnv;
  let cliEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    env = await createTestEnv();
    await env.ctx.database.transaction((trx) =>
      trx.updateTable('units').set({ address: '12 Trần Phú' }).where('slug', '=', 'tran-phu').execute(),
    );
    const db = env.ctx.config.database;
    cliEnv = {
      PATH: process.env.PATH,
      DATA_DIR: env.dataDir,
      DATABASE_URL: db.kind === 'sqlite' ? `sqlite:${db.file}` : db.url,
    };
  });
  afterAll(async () => env.close());

  let signal: AbortSignal;
  beforeEach((test) => {
    signal = test.signal;
  });

  const ask = (args: string[]) =>
    runTsx(['--input-type=module', '-e', SCRIPT, '--', 'assistant', 'ask', ...args], { env: cliEnv, signal });

  it('prints the answer, the quick replies and the sources as a resident sees them', async () => {
    const r = await ask(['Đổi thẻ căn cước hết bao nhiêu tiền?', '--date', '2026-12-31', '--unit', 'tran-phu']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('15.000 đồng');
    expect(r.out).toContain('Gợi ý:');
    expect(r.out).toMatch(/Nguồn:\n {2}1\. https?:\/\//);
    expect(r.err).toContain('procedure/can_cuoc_doi/fee');
    const later = await ask(['Đổi thẻ căn cước hết bao nhiêu tiền?', '--date', '2027-01-01']);
    expect(later.out).toContain('30.000 đồng');
    expect(later.out).not.toContain('15.000 đồng');
  });

  it('puts the right emergency number in the first line', async () => {
    const r = await ask(['khói đen bốc lên từ kho hàng cạnh nhà', '--unit', 'tran-phu']);
    expect(r.code, r.err).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^Gọi ngay 114/);
    expect(r.err).toContain('emergency');
  });

  it('refuses a bad date and an unknown unit', async () => {
    expect((await ask(['Xin chào', '--date', '31/12/2026'])).code).not.toBe(0);
    const r = await ask(['Xin chào', '--unit', 'khong-co']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('not_found');
  });
});
