import type { AssistantQuestionTable } from './assistant-question.js';
import type { AttachmentTable, UploadQuotaTable } from './attachment.js';
import type { AuditHeadTable, AuditLogTable } from './audit.js';
import type { CannedReplyTable, ConversationTable, MessageTable, ResidentTable } from './conversation.js';
import type { EventHeadTable, EventTable } from './event.js';
import type { KbProcedureTable, KbProcedureVersionTable, UnitProcedureNoteTable } from './knowledge.js';
import type { OfficerRoleTable, OfficerTable } from './officer.js';
import type { OutboxTable } from './outbox.js';
import type { CredentialResetTable, InviteTable, LoginThrottleTable, SessionTable } from './session.js';
import type { UnitTable } from './unit.js';

export interface DB {
  units: UnitTable;
  officers: OfficerTable;
  officerRoles: OfficerRoleTable;
  sessions: SessionTable;
  invites: InviteTable;
  credentialResets: CredentialResetTable;
  loginThrottle: LoginThrottleTable;
  auditLog: AuditLogTable;
  auditHead: AuditHeadTable;
  kbProcedures: KbProcedureTable;
  kbProcedureVersions: KbProcedureVersionTable;
  unitProcedureNotes: UnitProcedureNoteTable;
  assistantQuestions: AssistantQuestionTable;
  residents: ResidentTable;
  conversations: ConversationTable;
  messages: MessageTable;
  cannedReplies: CannedReplyTable;
  outbox: OutboxTable;
  events: EventTable;
  eventHead: EventHeadTable;
  attachments: AttachmentTable;
  uploadQuotas: UploadQuotaTable;
}

export type * from './assistant-question.js';
export type * from './attachment.js';
export type * from './audit.js';
export type * from './conversation.js';
export type * from './event.js';
export type * from './knowledge.js';
export type * from './officer.js';
export type * from './outbox.js';
export type * from './session.js';
export type * from './unit.js';
