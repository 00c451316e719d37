import { decryptSecret, encryptSecret } from '../../lib/crypto.js';
import { derivedKey, keyedHash } from './receipt.js';

// The identity vault of identified tips: the reporter's name, phone and resident id sealed with
// AES-256-GCM under a key of its own, derived (HKDF) from KEY_FILE's key. The database holds only
// the sealed text; officers learn that an identity was left, and the owner or a supervisor above
// opens it with a written reason (audited, listed on the tip).

const VAULT_INFO = 'ketnoi tips identity vault v1';
const RESIDENT_INFO = 'ketnoi tips resident key v1';

export interface TipIdentity {
  name: string | null;
  phone: string | null;
  residentId: string | null;
}

export function sealIdentity(key: Buffer, identity: TipIdentity): string {
  return encryptSecret(derivedKey(key, VAULT_INFO), JSON.stringify(identity));
}

export function openIdentity(key: Buffer, sealed: string): TipIdentity {
  return JSON.parse(decryptSecret(derivedKey(key, VAULT_INFO), sealed)) as TipIdentity;
}

/** What "my tips" finds an identified resident's tips by: a keyed hash of their id, not the id. */
export function residentKeyOf(key: Buffer, residentId: string): string {
  return keyedHash(key, RESIDENT_INFO, residentId);
}
