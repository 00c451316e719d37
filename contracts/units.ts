import { z } from 'zod';
import { idSchema, slugSchema } from './common.js';

export const UNIT_KINDS = ['province', 'city', 'ward', 'commune', 'residential_group'] as const;
export const unitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof unitKindSchema>;

/** Which kinds a unit of each kind may contain (the hierarchy of the force). */
export const CHILD_KINDS: Record<UnitKind, readonly UnitKind[]> = {
  province: ['city'],
  city: ['ward', 'commune'],
  ward: ['residential_group'],
  commune: ['residential_group'],
  residential_group: [],
};

/** Kinds that run an official account (the ward/commune police). */
export const ACCOUNT_KINDS: readonly UnitKind[] = ['ward', 'commune'];

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const unitProfileSchema = z.strictObject({
  displayName: z.string().trim().min(2).max(120).optional(),
  description: optionalText(2000),
  address: optionalText(300),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+().\s-]{3,20}$/, 'phone number: digits, spaces, + ( ) . -')
    .nullable()
    .optional(),
  hotline: z
    .string()
    .trim()
    .regex(/^[0-9+().\s-]{3,20}$/, 'phone number: digits, spaces, + ( ) . -')
    .nullable()
    .optional(),
  openingHours: optionalText(300),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  avatarUrl: z
    .string()
    .trim()
    .max(500)
    .regex(/^(https:\/\/|\/)/, 'an https:// URL or a path on this site')
    .nullable()
    .optional(),
});
export type UnitProfileUpdate = z.infer<typeof unitProfileSchema>;

export const unitSchema = z.object({
  id: idSchema,
  slug: z.string(),
  kind: unitKindSchema,
  name: z.string(),
  displayName: z.string(),
  parentId: z.string().nullable(),
  description: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  hotline: z.string().nullable(),
  openingHours: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  avatarUrl: z.string().nullable(),
  mergedInto: z.string().nullable(),
  hasAccount: z.boolean(),
  updatedAt: z.string(),
});
export type Unit = z.infer<typeof unitSchema>;

export const unitListSchema = z.object({ items: z.array(unitSchema) });

/** One node of an import file: a unit and, nested, the units under it. */
export interface UnitImportNode {
  slug: string;
  kind: UnitKind;
  name: string;
  displayName?: string | undefined;
  description?: string | null | undefined;
  address?: string | null | undefined;
  phone?: string | null | undefined;
  hotline?: string | null | undefined;
  openingHours?: string | null | undefined;
  latitude?: number | null | undefined;
  longitude?: number | null | undefined;
  children?: UnitImportNode[] | undefined;
}

export const unitImportNodeSchema: z.ZodType<UnitImportNode> = z.lazy(() =>
  z.strictObject({
    slug: slugSchema,
    kind: unitKindSchema,
    name: z.string().trim().min(1).max(120),
    displayName: z.string().trim().min(2).max(120).optional(),
    description: optionalText(2000),
    address: optionalText(300),
    phone: optionalText(20),
    hotline: optionalText(20),
    openingHours: optionalText(300),
    latitude: z.number().min(-90).max(90).nullable().optional(),
    longitude: z.number().min(-180).max(180).nullable().optional(),
    children: z.array(unitImportNodeSchema).max(5000).optional(),
  }),
);

export const unitImportFileSchema = z.strictObject({
  /** Slug of an existing unit the roots attach to; absent for a new province. */
  parent: slugSchema.optional(),
  source: z.string().max(2000).optional(),
  units: z.array(unitImportNodeSchema).min(1).max(100),
});
export type UnitImportFile = z.infer<typeof unitImportFileSchema>;

export const mergeUnitSchema = z.strictObject({ intoUnitId: idSchema });
