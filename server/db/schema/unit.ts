import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface UnitTable {
  id: string;
  parentId: string | null;
  kind: string;
  slug: string;
  name: string;
  displayName: string;
  description: string | null;
  address: string | null;
  phone: string | null;
  hotline: string | null;
  openingHours: string | null;
  latitude: number | null;
  longitude: number | null;
  avatarUrl: string | null;
  /** Materialised path of ids ("/root/…/self/") so subtree checks are one prefix match. */
  path: string;
  sortOrder: Generated<number>;
  mergedInto: string | null;
  mergedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type UnitRow = Selectable<UnitTable>;
export type NewUnitRow = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
