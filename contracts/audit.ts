import { z } from 'zod';

/**
 * Every action the audit log records. The console shows each through `audit.actions.<action>` in
 * the i18n catalogue (a test checks every one is translated); appendAudit accepts only these.
 */
export const AUDIT_ACTIONS = [
  'session.create',
  'session.revoke',
  'officer.create',
  'officer.disable',
  'officer.enable',
  'invite.create',
  'invite.accept',
  'invite.withdraw',
  'officer.reset_link',
  'officer.password_reset',
  'officer.totp_reset',
  'officer.credentials_reset',
  'unit.update',
  'unit.merge',
  'units.import',
  'kb.seed',
  'kb.procedure.update',
  'kb.note.update',
  'assistant.question.review',
  'canned_reply.create',
  'canned_reply.delete',
  'conversation.reply',
  'conversation.note',
  'conversation.take',
  'conversation.assign',
  'conversation.pending',
  'conversation.resolve',
  'conversation.labels',
  'audit.seal',
  'post.create',
  'post.update',
  'post.submit',
  'post.approve',
  'post.publish',
  'post.reject',
  'post.correct',
  'post.retract',
  'post.close',
  'post.media_upload',
  'group.create',
  'group.member.confirm',
  'group.zalo_link',
  'group.zalo_unlink',
  'board.post',
  'board.hide',
  'board.unhide',
  'board.pin',
  'board.unpin',
  'board.mute',
  'board.unmute',
  'board.reports.dismiss',
  'invitation.kit',
  'tip.acknowledge',
  'tip.verify',
  'tip.handle',
  'tip.transfer',
  'tip.reject',
  'tip.merge',
  'tip.message',
  'tip.note',
  'tip.priority',
  'tip.reveal',
  'tip.escalate',
  'tip.deadlines',
  'tip.export',
  'zalo.connect',
  'zalo.disconnect',
  'zalo.oauth_start',
  'zalo.test_message',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Kinds of things an entry is about; shown through `audit.targetTypes.<type>` when it has no name. */
export const AUDIT_TARGET_TYPES = [
  'session',
  'officer',
  'invite',
  'unit',
  'kb_procedure',
  'assistant_question',
  'canned_reply',
  'conversation',
  'post',
  'post_media',
  'residential_group',
  'board_message',
  'invitation_link',
  'tip',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export const auditEntrySchema = z.object({
  seq: z.number(),
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  /** The name recorded with the entry: the officer's username, or `cli:<user>` for the shell. */
  actorName: z.string().nullable(),
  /** The acting officer's display name now (null for the shell and the system). */
  actorDisplayName: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** The target's name when it is an officer, a unit, an invitee, a post (its title) or a residential group. */
  targetName: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditListSchema = z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() });
export const auditQuerySchema = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
