import type { Insertable, Selectable } from 'kysely';

/** The shared procedures knowledge base; `content` is ProcedureContent as JSON text. */
export interface KbProcedureTable {
  id: string;
  /** Assistant taxonomy id on the entry that answers it (the "primary"); null on the others. */
  taxonomyId: string | null;
  content: string;
  version: number;
  updatedAt: number;
  updatedBy: string | null;
}

/** Every version of an entry (the seed is version 1), with who, when and the field-level diff. */
export interface KbProcedureVersionTable {
  id: string;
  procedureId: string;
  version: number;
  content: string;
  /** FieldChange[] as JSON text. */
  diff: string;
  changedBy: string | null;
  changedAt: number;
}

/** A unit's own note on a procedure; one per (unit, procedure). */
export interface UnitProcedureNoteTable {
  id: string;
  unitId: string;
  procedureId: string;
  note: string;
  updatedAt: number;
  updatedBy: string | null;
}

export type KbProcedureRow = Selectable<KbProcedureTable>;
export type KbProcedureVersionRow = Selectable<KbProcedureVersionTable>;
export type NewKbProcedureVersionRow = Insertable<KbProcedureVersionTable>;
export type UnitProcedureNoteRow = Selectable<UnitProcedureNoteTable>;
