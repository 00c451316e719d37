import type { AppContext } from '../context.js';

/** Per-IP limit on sign-in attempts (the per-account throttle is in accounts/login-throttle.ts). */
export function loginRateLimit(ctx: AppContext) {
  return { max: ctx.config.security.loginRatePerMinute, timeWindow: '1 minute' };
}

/** Per-IP limit on writes that need no officer session. */
export function publicWriteRateLimit(ctx: AppContext) {
  return { max: ctx.config.security.publicWriteRatePerMinute, timeWindow: '1 minute' };
}

/** Per-IP limit on public look-ups that could be used to guess (post verification codes). */
export function publicLookupRateLimit(ctx: AppContext) {
  return { max: ctx.config.security.publicWriteRatePerMinute, timeWindow: '1 minute' };
}
