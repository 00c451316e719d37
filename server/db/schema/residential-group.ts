import type { Selectable } from 'kysely';

/** A residential group (tổ dân phố / thôn) of a ward or commune, created by its owner. */
export interface ResidentialGroupTable {
  id: string;
  unitId: string;
  name: string;
  /** to_dan_pho | thon */
  kind: string;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export type ResidentialGroupRow = Selectable<ResidentialGroupTable>;
