import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../../config.js';

/** The server's VAPID identity: browsers subscribe with the public key, pushes are signed with the private one. */
export interface Vapid {
  publicKey: string;
  privateKey: string;
  /** The operator's contact in every token (mailto: or https:). */
  subject: string;
}

export class VapidKeyError extends Error {
  readonly code = 'vapid_keys_invalid';
}

const keyFileSchema = z.object({
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{87}$/),
  privateKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

/**
 * The VAPID key pair from the configuration, or else the one kept in DATA_DIR (generated on the
 * first start, so `npm start` needs no setup). Every subscription is bound to the public key:
 * replacing the pair silently ends every resident's notifications until they subscribe again.
 */
export function loadOrCreateVapid(push: Config['push']): Vapid {
  const keys = push.vapid ?? readOrCreateKeyFile(push.vapidFile);
  const source = push.vapid ? 'VAPID_PRIVATE_KEY' : push.vapidFile;
  const ecdh = crypto.createECDH('prime256v1');
  try {
    ecdh.setPrivateKey(Buffer.from(keys.privateKey, 'base64url'));
  } catch {
    throw new VapidKeyError(`${source}: not a P-256 private key`);
  }
  if (ecdh.getPublicKey('base64url') !== keys.publicKey) {
    throw new VapidKeyError(`${source}: the VAPID public key does not belong to the private key`);
  }
  return { publicKey: keys.publicKey, privateKey: keys.privateKey, subject: push.subject };
}

/** A new P-256 pair as VAPID spells it: the uncompressed public point and the private scalar, base64url. */
function generateKeys(): { publicKey: string; privateKey: string } {
  const jwk = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'jwk' });
  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x ?? '', 'base64url'),
    Buffer.from(jwk.y ?? '', 'base64url'),
  ]);
  return { publicKey: point.toString('base64url'), privateKey: jwk.d ?? '' };
}

function readOrCreateKeyFile(file: string): z.infer<typeof keyFileSchema> {
  if (!fs.existsSync(file)) createKeyFile(file);
  const parsed = keyFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new VapidKeyError(`${file} does not hold a VAPID key pair`);
  return parsed.data;
}

/**
 * Writes a new pair whole to a temporary file (mode 0600, fsync), then links it into place: no
 * reader ever sees half a file, and of two processes starting at once the first link wins and
 * the other reads that one.
 */
function createKeyFile(file: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const { publicKey, privateKey } = generateKeys();
  const temp = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify({ publicKey, privateKey })}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  const dirFd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(dirFd);
  } finally {
    fs.closeSync(dirFd);
  }
}
