import type { AssistantQuestionTable } from './assistant-question.js';
import type { AuditHeadTable, AuditLogTable } from './audit.js';
import type { KbProcedureTable, KbProcedureVersionTable, UnitProcedureNoteTable } from './knowledge.js';
import type { OfficerRoleTable, OfficerTable } from './officer.js';
import type { InviteTable, SessionTable } from './session.js';
import type { UnitTable } from './unit.js';

export interface DB {
  units: UnitTable;
  officers: OfficerTable;
  officerRoles: OfficerRoleTable;
  sessions: SessionTable;
  invites: InviteTable;
  auditLog: AuditLogTable;
  auditHead: AuditHeadTable;
  kbProcedures: KbProcedureTable;
  kbProcedureVersions: KbProcedureVersionTable;
  unitProcedureNotes: UnitProcedureNoteTable;
  assistantQuestions: AssistantQuestionTable;
}

export type * from './assistant-question.js';
export type * from './audit.js';
export type * from './knowledge.js';
export type * from './officer.js';
export type * from './session.js';
export type * from './unit.js';
