import type { AuditHeadTable, AuditLogTable } from './audit.js';
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
}

export type * from './audit.js';
export type * from './officer.js';
export type * from './session.js';
export type * from './unit.js';
