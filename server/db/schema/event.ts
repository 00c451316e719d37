import type { Selectable } from 'kysely';

export interface EventTable {
  /** Strictly increasing in commit order (assigned under the event_head row lock). */
  id: number;
  unitId: string;
  conversationId: string | null;
  type: string;
  /** 1 when only officers may see it (internal notes). */
  internal: number;
  /** JSON. */
  payload: string;
  createdAt: number;
}

export interface EventHeadTable {
  id: number;
  seq: number;
}

export type EventRow = Selectable<EventTable>;
