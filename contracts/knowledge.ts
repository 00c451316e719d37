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

/** One entry of seed/kb/procedures.json (see seed/kb/README.md). */
export const kbSeedEntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'kebab-case id'),
  /** Set on the one entry that answers this assistant procedure id ("primary"); null on the others. */
  taxonomyId: procedureIdSchema.nullable(),
  content: procedureContentSchema,
});
export const kbSeedFileSchema = z.array(kbSeedEntrySchema).min(1).max(500);
export type KbSeedEntry = z.infer<typeof kbSeedEntrySchema>;

/** A line of the procedures guide. */
export const procedureSummarySchema = z.object({
  id: z.string(),
  taxonomyId: procedureIdSchema.nullable(),
  nameVi: z.string(),
  nameEn: z.string(),
  verified: z.boolean(),
  lastChecked: z.string(),
});
export type ProcedureSummary = z.infer<typeof procedureSummarySchema>;
export const procedureListSchema = z.object({ items: z.array(procedureSummarySchema) });

/** A unit's own local note on a procedure (e.g. "nộp hồ sơ ở phòng 2, sáng thứ 7 có làm"). */
export const unitProcedureNoteSchema = z.object({
  unitId: z.string(),
  procedureId: z.string(),
  note: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type UnitProcedureNote = z.infer<typeof unitProcedureNoteSchema>;
export const unitProcedureNoteListSchema = z.object({ items: z.array(unitProcedureNoteSchema) });
/** An empty note removes the unit's note. */
export const unitProcedureNoteUpdateSchema = z.strictObject({ note: z.string().trim().max(2000) });

/** The guide page of one procedure: the entry, the fees in force on `feeToday.date`, the unit's note. */
export const procedureGuideSchema = procedureEntrySchema.extend({
  feeToday: z.object({ date: isoDate, rules: z.array(feeRuleSchema) }),
  unitNote: unitProcedureNoteSchema.nullable(),
});
export type ProcedureGuide = z.infer<typeof procedureGuideSchema>;
export const procedureGuideQuerySchema = z.object({
  unitSlug: z.string().min(2).max(80).optional(),
  /** Day the fees are computed for (default: today in Vietnam). */
  date: isoDate.optional(),
});

/** Admin edit of shared content: the full content plus the version it was based on. */
export const procedureUpdateSchema = procedureContentSchema.extend({ expectedVersion: z.number().int().min(1) });
export type ProcedureUpdate = z.infer<typeof procedureUpdateSchema>;

/** One changed field of an edit ("fee.rules", "documents", …) with the values before and after. */
export const fieldChangeSchema = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
export type FieldChange = z.infer<typeof fieldChangeSchema>;

export const procedureVersionSchema = z.object({
  id: z.string(),
  procedureId: z.string(),
  version: z.number().int(),
  content: procedureContentSchema,
  diff: z.array(fieldChangeSchema),
  changedBy: z.string().nullable(),
  changedAt: z.string(),
});
export type ProcedureVersion = z.infer<typeof procedureVersionSchema>;
export const procedureVersionListSchema = z.object({ items: z.array(procedureVersionSchema) });

export const ASSISTANT_QUESTION_STATUSES = ['open', 'reviewed'] as const;
export const assistantQuestionStatusSchema = z.enum(ASSISTANT_QUESTION_STATUSES);

/** A resident's question the assistant could not answer, kept for the unit's officers. */
export const assistantQuestionSchema = z.object({
  id: z.string(),
  unitId: z.string().nullable(),
  text: z.string(),
  history: z.array(z.string()),
  intent: z.string(),
  procedure: z.string().nullable(),
  aspect: z.string().nullable(),
  confidence: z.number(),
  createdAt: z.string(),
  status: assistantQuestionStatusSchema,
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
});
export type AssistantQuestion = z.infer<typeof assistantQuestionSchema>;
export const assistantQuestionListSchema = z.object({
  items: z.array(assistantQuestionSchema),
  nextCursor: z.string().nullable(),
});
export const assistantQuestionQuerySchema = z.object({
  status: assistantQuestionStatusSchema.optional(),
  /** Cursor from the previous page (id of its last item). */
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
