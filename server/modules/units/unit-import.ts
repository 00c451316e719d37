import { AppError } from '../../lib/errors.js';
import { CHILD_KINDS, type UnitImportFile, type UnitImportNode, type UnitKind } from '../../../contracts/units.js';

/** A unit of an import file, flattened, with the slug of its parent. */
export interface FlatUnit {
  node: Omit<UnitImportNode, 'children'>;
  parentSlug: string | null;
  sortOrder: number;
}

export class UnitTreeError extends AppError {
  constructor(readonly problems: string[]) {
    super(
      'invalid',
      'invalid_unit_tree',
      `The unit tree is not valid: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ''}`,
    );
  }
}

/**
 * Flattens an import file parents-first and checks the tree: kinds nest as the force does
 * (province → city → ward/commune → residential group) and slugs are unique.
 */
export function flattenUnitTree(file: UnitImportFile, parentKind: UnitKind | null): FlatUnit[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const out: FlatUnit[] = [];
  const walk = (nodes: UnitImportNode[], parentSlug: string | null, kindAbove: UnitKind | null, where: string) => {
    nodes.forEach((n, i) => {
      const at = `${where}[${i}] ${n.slug}`;
      if (seen.has(n.slug)) problems.push(`${at}: slug "${n.slug}" appears twice`);
      seen.add(n.slug);
      if (kindAbove === null) {
        if (n.kind !== 'province') problems.push(`${at}: a unit without a parent must be a province, not ${n.kind}`);
      } else if (!CHILD_KINDS[kindAbove].includes(n.kind)) {
        problems.push(`${at}: a ${kindAbove} cannot contain a ${n.kind}`);
      }
      const { children, ...node } = n;
      out.push({ node, parentSlug, sortOrder: i });
      if (children?.length) walk(children, n.slug, n.kind, `${at}.children`);
    });
  };
  walk(file.units, file.parent ?? null, parentKind, 'units');
  if (problems.length) throw new UnitTreeError(problems);
  return out;
}

/** The name residents know the account by: "CAP <ward>" / "CAX <commune>" when not given. */
export function defaultDisplayName(kind: UnitKind, name: string): string {
  const short = name.replace(/^(phường|xã|thôn|xóm|tổ dân phố)\s+/i, '');
  if (kind === 'ward') return `CAP ${short}`;
  if (kind === 'commune') return `CAX ${short}`;
  return name;
}
