import type { Selectable } from 'kysely';

/** A residential group (tổ dân phố / thôn) of a ward or commune, created by its owner. */
export interface ResidentialGroupTable {
  id: string;
  unitId: string;
  name: string;
  /** to_dan_pho | thon */
  kind: string;
  createdBy: string | null;
  /** The Zalo group (GMF) its posts are also sent to; unique in the unit. */
  zaloGroupId: string | null;
  /** linked | broken (Zalo answered -237/-403) | null: no Zalo group. */
  zaloLinkState: string | null;
  /** Why the link broke, as officers read it. */
  zaloLinkError: string | null;
  zaloLinkBrokenAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type ResidentialGroupRow = Selectable<ResidentialGroupTable>;
