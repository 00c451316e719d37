import { z } from 'zod';
import { idSchema } from './common.js';

export const ROLES = ['admin', 'supervisor', 'owner', 'officer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Roles that must sign in with a second factor. */
export const ROLES_REQUIRING_TOTP: readonly Role[] = ['admin', 'supervisor', 'owner'];

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'letters a-z, digits, dot, dash, underscore');

export const passwordSchema = z.string().min(10, 'at least 10 characters').max(200);
export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'six digits');

export const loginSchema = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(40),
  password: z.string().min(1).max(200),
  totp: totpCodeSchema.optional(),
});

export const roleGrantSchema = z.object({
  role: roleSchema,
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
});

export const meSchema = z.object({
  officer: z.object({ id: idSchema, username: z.string(), displayName: z.string(), totpEnabled: z.boolean() }),
  roles: z.array(roleGrantSchema),
});
export type Me = z.infer<typeof meSchema>;

export const officerSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  totpEnabled: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type Officer = z.infer<typeof officerSchema>;

export const createInviteSchema = z.strictObject({
  role: z.enum(['owner', 'officer', 'supervisor']),
  displayName: z.string().trim().min(2).max(120),
});

export const inviteCreatedSchema = z.object({
  id: idSchema,
  url: z.string(),
  expiresAt: z.string(),
});

export const inviteInfoSchema = z.object({
  role: roleSchema,
  unitName: z.string().nullable(),
  displayName: z.string().nullable(),
  totpRequired: z.boolean(),
  totpSecret: z.string().nullable(),
  totpUri: z.string().nullable(),
  expiresAt: z.string(),
});
export type InviteInfo = z.infer<typeof inviteInfoSchema>;

export const acceptInviteSchema = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(2).max(120).optional(),
  password: passwordSchema,
  totp: totpCodeSchema.optional(),
});

export const officerStatusSchema = z.strictObject({ disabled: z.boolean() });

export const pendingInviteSchema = z.object({
  id: idSchema,
  role: roleSchema,
  displayName: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** Whether the signed-in officer may withdraw it (whoever may hand out its role). */
  canWithdraw: z.boolean(),
});
export type PendingInvite = z.infer<typeof pendingInviteSchema>;

/** What a reset link lets its officer set anew: the password, the 2FA secret, or both. */
export const RESET_KINDS = ['password', 'totp', 'both'] as const;
export const resetKindSchema = z.enum(RESET_KINDS);
export type ResetKind = z.infer<typeof resetKindSchema>;

export const createResetLinkSchema = z.strictObject({ kind: resetKindSchema });

export const resetLinkCreatedSchema = z.object({
  id: idSchema,
  url: z.string(),
  expiresAt: z.string(),
});

export const resetLinkInfoSchema = z.object({
  kind: resetKindSchema,
  username: z.string(),
  displayName: z.string(),
  /** The officer proves who they are with the factor they keep: the current password (2FA reset)… */
  currentPasswordRequired: z.boolean(),
  /** …or a code from their current authenticator (password reset of an account with 2FA). */
  currentTotpRequired: z.boolean(),
  /** The new secret to enrol when the kind resets 2FA. */
  totpSecret: z.string().nullable(),
  totpUri: z.string().nullable(),
  expiresAt: z.string(),
});
export type ResetLinkInfo = z.infer<typeof resetLinkInfoSchema>;

export const completeResetSchema = z.strictObject({
  newPassword: passwordSchema.optional(),
  currentPassword: z.string().min(1).max(200).optional(),
  /** A code from the new secret (2FA reset) or from the current one (password reset with 2FA). */
  totp: totpCodeSchema.optional(),
});
