import { procedureContentSchema, type FieldChange, type ProcedureContent } from '../../../contracts/knowledge.js';

// Pure: the field-level difference between two versions of a procedure's content.

const NESTED = new Set<keyof ProcedureContent>(['fee', 'online']);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Changed fields, nested objects one level deep ("fee.rules", "online.url"), in the content's key order. */
export function diffContent(before: ProcedureContent, after: ProcedureContent): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const key of Object.keys(after) as (keyof ProcedureContent)[]) {
    const from: unknown = before[key];
    const to: unknown = after[key];
    if (same(from, to)) continue;
    if (NESTED.has(key) && from && to && typeof from === 'object' && typeof to === 'object') {
      const a = from as Record<string, unknown>;
      const b = to as Record<string, unknown>;
      for (const sub of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (!same(a[sub], b[sub])) changes.push({ field: `${key}.${sub}`, from: a[sub] ?? null, to: b[sub] ?? null });
      }
    } else changes.push({ field: key, from, to });
  }
  return changes;
}

/** The content part of an entry (or of a guide page), without ids, version and extras. */
export function contentOf(entry: ProcedureContent): ProcedureContent {
  const keys = Object.keys(procedureContentSchema.shape) as (keyof ProcedureContent)[];
  return procedureContentSchema.parse(Object.fromEntries(keys.map((k) => [k, entry[k]])));
}
