import crypto from 'node:crypto';
import { decryptSecret, encryptSecret } from '../../lib/crypto.js';

// A Zalo connection's secrets (app secret, OA secret key, access and refresh tokens) sealed with
// AES-256-GCM under a key of their own, derived (HKDF-SHA256) from KEY_FILE's key, so that a
// database copy without the key file holds nothing usable.

const ZALO_SECRETS_INFO = 'ketnoi zalo secrets v1';

function zaloKey(key: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), ZALO_SECRETS_INFO, 32));
}

/** Seals one secret of a Zalo connection. */
export function sealZaloSecret(key: Buffer, secret: string): string {
  return encryptSecret(zaloKey(key), secret);
}

/** Opens a sealed secret; throws if it was altered or KEY_FILE changed. */
export function openZaloSecret(key: Buffer, sealed: string): string {
  return decryptSecret(zaloKey(key), sealed);
}
