import * as OTPAuth from 'otpauth';

const ISSUER = 'Ket noi An ninh';
const PERIOD = 30;

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totpFor(secret: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(secret: string, label: string): string {
  return totpFor(secret, label).toString();
}

/**
 * Checks a code within ±1 step and returns the matched time step, or null.
 * Callers store the step and refuse steps not newer than the last one (no replay).
 */
export function matchTotp(secret: string, code: string, now: number): number | null {
  const delta = totpFor(secret, 'x').validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / PERIOD) + delta;
}

/** The current code (used by the CLI's self-check and by tests acting as an authenticator app). */
export function currentTotp(secret: string, now: number): string {
  return totpFor(secret, 'x').generate({ timestamp: now });
}
