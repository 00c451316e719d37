import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { loadOrCreateVapid, VapidKeyError } from './vapid.js';

describe('VAPID keys', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketnoi-vapid-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const configWith = (env: Record<string, string> = {}) => loadConfig({ DATA_DIR: dataDir, ...env }).push;

  it('are generated once into DATA_DIR (mode 0600) and read back on every start', () => {
    const first = loadOrCreateVapid(configWith());
    const file = path.join(dataDir, 'vapid.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(first.privateKey, 'base64url')).toHaveLength(32);
    expect(loadOrCreateVapid(configWith())).toEqual(first);
    expect(fs.readdirSync(dataDir)).toEqual(['vapid.json']);
    expect(first.subject).toBe('mailto:admin@localhost');
  });

  it('come from the environment when set, with the subject', () => {
    const generated = loadOrCreateVapid(configWith());
    fs.rmSync(path.join(dataDir, 'vapid.json'));
    const vapid = loadOrCreateVapid(
      configWith({
        VAPID_PUBLIC_KEY: generated.publicKey,
        VAPID_PRIVATE_KEY: generated.privateKey,
        VAPID_SUBJECT: 'mailto:congan.thachtrung@example.vn',
      }),
    );
    expect(vapid).toEqual({ ...generated, subject: 'mailto:congan.thachtrung@example.vn' });
    expect(fs.existsSync(path.join(dataDir, 'vapid.json'))).toBe(false);
    expect(configWith({ BASE_URL: 'https://ketnoi.example.vn' }).subject).toBe('https://ketnoi.example.vn');
  });

  it('refuse half a pair, a pair that does not match, and a damaged key file', () => {
    const a = loadOrCreateVapid(configWith());
    fs.rmSync(path.join(dataDir, 'vapid.json'));
    const b = loadOrCreateVapid(configWith());
    expect(() => configWith({ VAPID_PUBLIC_KEY: a.publicKey })).toThrow(ConfigError);
    expect(() => configWith({ VAPID_SUBJECT: 'admin@example.vn' })).toThrow(ConfigError);
    expect(() =>
      loadOrCreateVapid(configWith({ VAPID_PUBLIC_KEY: a.publicKey, VAPID_PRIVATE_KEY: b.privateKey })),
    ).toThrow(VapidKeyError);
    fs.writeFileSync(path.join(dataDir, 'vapid.json'), '{"publicKey":"x"}');
    expect(() => loadOrCreateVapid(configWith())).toThrow(VapidKeyError);
  });
});
