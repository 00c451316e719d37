import type { Selectable } from 'kysely';

/** A resident in a residential group: self-declared on joining, confirmed by an officer. */
export interface GroupMemberTable {
  groupId: string;
  residentId: string;
  unitId: string;
  /** self_declared | confirmed */
  status: string;
  confirmedBy: string | null;
  confirmedAt: number | null;
  joinedAt: number;
}

export type GroupMemberRow = Selectable<GroupMemberTable>;
