import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import * as OTPAuth from 'otpauth';

const root = path.resolve(import.meta.dirname, '..');

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  setupUrl: string;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts the built server (`npm start` without the build step) on a fresh SQLite data dir, with extra settings. */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketnoi-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    BASE_URL: baseUrl,
    PASSWORD_COST: '10',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Ready when it prints the first admin's setup link (however long a loaded machine takes).
  const setupUrl = await new Promise<string>((resolve, reject) => {
    const read = (d: Buffer) => {
      output += d.toString();
      const m = /(http:\/\/\S+\/console\/invite\/[\w-]+)/.exec(output);
      if (m?.[1]) resolve(m[1]);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', () => reject(new Error(`server exited: ${output}`)));
  });
  return {
    baseUrl,
    dataDir,
    setupUrl,
    env,
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs the built `ketnoi` CLI against the server's data dir. */
export function ketnoi(server: RunningServer, args: string[], input = ''): string {
  const r = spawnSync(process.execPath, ['dist/server/cli/index.js', ...args], {
    cwd: root,
    env: server.env,
    input,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`ketnoi ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Creates an officer of a unit with the CLI; returns the TOTP secret a role that must use one is given, else ''. */
export function createOfficer(
  server: RunningServer,
  username: string,
  role: 'owner' | 'officer',
  unitSlug: string,
  password: string,
): string {
  const out = ketnoi(
    server,
    ['admin', 'create', '--username', username, '--role', role, '--unit', unitSlug, '--password-stdin'],
    password,
  );
  return /secret=([A-Z2-7]+)/.exec(out)?.[1] ?? '';
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A Vietnamese-language phone (390×844), as most residents and many officers use the app. */
export const PHONE = { viewport: { width: 390, height: 844 }, locale: 'vi-VN' } as const;

/** A fresh page in its own browser context on a phone. */
export async function phonePage(browser: Browser): Promise<Page> {
  return (await browser.newContext(PHONE)).newPage();
}

const lastSteps = new Map<string, number>();

/**
 * A code an authenticator app would accept now, never the same step twice for one secret:
 * the server accepts the next 30 s step too, so a fresh code rarely needs a wait.
 */
export async function totpNow(secret: string): Promise<string> {
  const current = Math.floor(Date.now() / 30_000);
  let step = Math.max(current, (lastSteps.get(secret) ?? 0) + 1);
  if (step > current + 1) {
    await new Promise((r) => setTimeout(r, (step - 1) * 30_000 - Date.now() + 50));
    step = Math.max(Math.floor(Date.now() / 30_000), step);
  }
  lastSteps.set(secret, step);
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: step * 30_000 + 1 });
}

/** Signs in on the console's sign-in page (then with a TOTP code when a secret is given); waits for a unit page. */
export async function signInConsole(
  page: Page,
  server: RunningServer,
  username: string,
  password: string,
  secret?: string,
): Promise<void> {
  await page.goto(`${server.baseUrl}/console/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  if (secret) {
    await page.getByLabel('Mã xác thực (6 số)').fill(await totpNow(secret));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  }
  await page.waitForURL(/\/console\/units\//);
}
