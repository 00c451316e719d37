import type { Selectable } from 'kysely';

/** A resident following a unit's announcements on a channel ('web' for now). */
export interface UnitFollowerTable {
  unitId: string;
  residentId: string;
  channel: string;
  createdAt: number;
}

export type UnitFollowerRow = Selectable<UnitFollowerTable>;
