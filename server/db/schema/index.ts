import type { AssistantQuestionTable } from './assistant-question.js';
import type { AttachmentTable, UploadQuotaTable } from './attachment.js';
import type { AuditHeadTable, AuditLogTable } from './audit.js';
import type { BoardMessageTable, BoardMuteTable, BoardPostPinTable, BoardReportTable } from './board.js';
import type { CannedReplyTable, ConversationTable, MessageTable, ResidentTable } from './conversation.js';
import type { EventHeadTable, EventTable } from './event.js';
import type { GroupMemberTable } from './group-member.js';
import type { InvitationLinkTable, InvitationScanTable } from './invitation-link.js';
import type { KbProcedureTable, KbProcedureVersionTable, UnitProcedureNoteTable } from './knowledge.js';
import type { OfficerRoleTable, OfficerTable } from './officer.js';
import type { OutboxTable } from './outbox.js';
import type { PostEventTable } from './post-event.js';
import type { PostGroupTable } from './post-group.js';
import type { PostMediaTable } from './post-media.js';
import type { PostReadTable } from './post-read.js';
import type { PostVersionTable } from './post-version.js';
import type { PostTable } from './post.js';
import type { ResidentialGroupTable } from './residential-group.js';
import type { PostDeliveryTable } from './post-delivery.js';
import type { PushSubscriptionTable } from './push-subscription.js';
import type { CredentialResetTable, InviteTable, LoginThrottleTable, SessionTable } from './session.js';
import type { UnitFollowerTable } from './unit-follower.js';
import type { ZaloGroupPostTable } from './zalo-group-post.js';
import type {
  TipDeadlineTable,
  TipEscalationTable,
  TipEventTable,
  TipLinkTable,
  TipMessageTable,
  TipRevealTable,
  TipTable,
} from './tip.js';
import type { TipAttachmentTable } from './tip-attachment.js';
import type { UnitTable } from './unit.js';
import type { ZaloConnectionTable } from './zalo-connection.js';
import type { ZaloEventTable } from './zalo-event.js';
import type { ZaloOAuthPendingTable } from './zalo-oauth-pending.js';
import type { ZaloSendBudgetTable } from './zalo-send-budget.js';
import type { ZaloSendInFlightTable, ZaloSentMessageTable, ZaloUserTable } from './zalo-user.js';

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
  residentialGroups: ResidentialGroupTable;
  groupMembers: GroupMemberTable;
  unitFollowers: UnitFollowerTable;
  posts: PostTable;
  postGroups: PostGroupTable;
  postVersions: PostVersionTable;
  postEvents: PostEventTable;
  postReads: PostReadTable;
  postMedia: PostMediaTable;
  pushSubscriptions: PushSubscriptionTable;
  postDeliveries: PostDeliveryTable;
  boardMessages: BoardMessageTable;
  boardPostPins: BoardPostPinTable;
  boardMutes: BoardMuteTable;
  boardReports: BoardReportTable;
  invitationLinks: InvitationLinkTable;
  invitationScans: InvitationScanTable;
  tips: TipTable;
  tipMessages: TipMessageTable;
  tipEvents: TipEventTable;
  tipLinks: TipLinkTable;
  tipReveals: TipRevealTable;
  tipEscalations: TipEscalationTable;
  tipDeadlines: TipDeadlineTable;
  tipAttachments: TipAttachmentTable;
  zaloConnections: ZaloConnectionTable;
  zaloEvents: ZaloEventTable;
  zaloOauthPending: ZaloOAuthPendingTable;
  zaloSendBudgets: ZaloSendBudgetTable;
  zaloUsers: ZaloUserTable;
  zaloSentMessages: ZaloSentMessageTable;
  zaloSendsInFlight: ZaloSendInFlightTable;
  zaloGroupPosts: ZaloGroupPostTable;
}

export type * from './assistant-question.js';
export type * from './attachment.js';
export type * from './audit.js';
export type * from './board.js';
export type * from './conversation.js';
export type * from './event.js';
export type * from './group-member.js';
export type * from './invitation-link.js';
export type * from './knowledge.js';
export type * from './officer.js';
export type * from './outbox.js';
export type * from './post-event.js';
export type * from './post-group.js';
export type * from './post-media.js';
export type * from './post-read.js';
export type * from './post-version.js';
export type * from './post.js';
export type * from './residential-group.js';
export type * from './post-delivery.js';
export type * from './push-subscription.js';
export type * from './session.js';
export type * from './unit-follower.js';
export type * from './tip.js';
export type * from './tip-attachment.js';
export type * from './unit.js';
export type * from './zalo-connection.js';
export type * from './zalo-event.js';
export type * from './zalo-group-post.js';
export type * from './zalo-oauth-pending.js';
export type * from './zalo-send-budget.js';
export type * from './zalo-user.js';
