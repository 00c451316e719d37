import { z } from 'zod';
import { procedureIdSchema } from './assistant.js';

// The procedures knowledge base in the project's own schema (seed/kb/procedures.json).

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** One fee with its validity: answers pick the rules in force on the day asked. */
export const feeRuleSchema = z.strictObject({
  /** Who/what it applies to, in Vietnamese ("Nộp trực tiếp", "Đổi thẻ CCCD sang thẻ căn cước"). */
  label: z.string().min(1).max(300),
  /** Amount in đồng; 0 = free. */
  amountVnd: z.number().int().min(0).max(100_000_000),
  channel: z.enum(['in_person', 'online', 'any']),
  validFrom: isoDate.nullable(),
  validTo: isoDate.nullable(),
  /** Extra condition in Vietnamese (e.g. "có VNeID mức 2, đã tích hợp 05 giấy tờ"). */
  condition: z.string().max(500).nullable(),
  legalBasis: z.string().max(300).nullable(),
});
export type FeeRule = z.infer<typeof feeRuleSchema>;

export const procedureContentSchema = z.strictObject({
  nameVi: z.string().min(2).max(200),
  nameEn: z.string().max(200),
  aliases: z.array(z.string().max(100)).max(200),
  audience: z.string().max(5000),
  legalBasis: z.array(z.string().max(1000)).max(50),
  documents: z.array(z.string().max(3000)).max(50),
  forms: z.array(z.strictObject({ code: z.string().max(100), name: z.string().max(500) })).max(30),
  where: z.array(z.string().max(1000)).max(20),
  online: z.strictObject({
    available: z.boolean(),
    channels: z.array(z.string().max(300)).max(10),
    url: z.string().max(300).nullable(),
  }),
  processingTime: z.string().max(3000),
  /** Free-text summary plus the structured, dated rules answers are computed from. */
  fee: z.strictObject({ summary: z.string().max(3000), rules: z.array(feeRuleSchema).max(30) }),
  deadlines: z.string().max(3000),
  notes: z.string().max(5000),
  sources: z.array(z.string().max(500)).max(50),
  verified: z.boolean(),
  lastChecked: isoDate,
});
export type ProcedureContent = z.infer<typeof procedureContentSchema>;

export const procedureEntrySchema = procedureContentSchema.extend({
  /** Knowledge-base id (kebab-case, e.g. "cap-doi-the-can-cuoc"). */
  id: z.string(),
  /** Assistant taxonomy id this entry answers, when it has one. */
  taxonomyId: procedureIdSchema.nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type ProcedureEntry = z.infer<typeof procedureEntrySchema>;
