import { z } from 'zod';

// Ids from seed/assistant/taxonomy.json (a copy of the labelled taxonomy). Stable: the knowledge
// base and the outside scoring use them as keys.

export const INTENTS = ['procedure', 'tip', 'emergency', 'unit_info', 'human', 'smalltalk', 'unknown'] as const;
export const intentSchema = z.enum(INTENTS);
export type Intent = z.infer<typeof intentSchema>;

export const PROCEDURE_IDS = [
  'thuong_tru',
  'tam_tru',
  'gia_han_tam_tru',
  'tam_vang',
  'luu_tru',
  'xoa_thuong_tru',
  'xoa_tam_tru',
  'tach_ho',
  'dieu_chinh_cu_tru',
  'xac_nhan_cu_tru',
  'so_ho_khau',
  'can_cuoc',
  'can_cuoc_doi',
  'can_cuoc_lai',
  'dinh_danh_dien_tu',
  'dang_ky_xe',
  'giay_phep_lai_xe',
] as const;
export const procedureIdSchema = z.enum(PROCEDURE_IDS);
export type ProcedureId = z.infer<typeof procedureIdSchema>;

export const ASPECTS = ['overview', 'documents', 'fee', 'time', 'where', 'online', 'form', 'deadline'] as const;
export const aspectSchema = z.enum(ASPECTS);
export type Aspect = z.infer<typeof aspectSchema>;

/**
 * Which emergency number a danger-now message needs first: 114 for fire, smoke, gas, rescue;
 * 115 for a medical emergency; 113 for violence and crime; all three when it is unclear.
 */
export const DANGER_KINDS = ['fire', 'medical', 'police', 'unclear'] as const;
export type DangerKind = (typeof DANGER_KINDS)[number];

/** What the classifier decides for one message (the `ketnoi assistant classify` line, plus alternatives). */
export interface Classification {
  intent: Intent;
  procedure?: ProcedureId;
  /** The primary aspect (first of `aspects`). */
  aspect?: Aspect;
  /** Every aspect the message asks about, primary first ("cần giấy tờ gì và nộp ở đâu"). */
  aspects?: Aspect[];
  /** Set by the safety layer when the message describes danger happening now (intent emergency). */
  danger?: DangerKind;
  /** A tip about a scam: a call or account posing as police or officials, asking for money or codes. */
  scam?: boolean;
  /** Calibrated probability that intent (+ procedure + aspect) is right, 0..1. */
  confidence: number;
  /** Next-best readings, best first, for clarifying questions ("bạn hỏi về A hay B?"). */
  alternatives: { intent: Intent; procedure?: ProcedureId; aspect?: Aspect; score: number }[];
}

export const MAX_QUESTION_CHARS = 2000;

export const ASK_LANGUAGES = ['vi', 'en'] as const;

export const askRequestSchema = z.strictObject({
  text: z.string().max(MAX_QUESTION_CHARS, 'at most 2000 characters'),
  /** Language of the fixed replies (emergency, handover, unknown, tip); vi by default. */
  lang: z.enum(ASK_LANGUAGES).optional(),
  history: z.array(z.string().max(MAX_QUESTION_CHARS)).max(20).optional(),
  unitSlug: z.string().min(2).max(80).optional(),
});
export type AskRequest = z.infer<typeof askRequestSchema>;

export const quickReplySchema = z.object({
  /** Text shown on the button and sent as the next message when tapped. */
  label: z.string(),
  text: z.string(),
});

/**
 * What an answer offers beyond its text and quick replies: `tip_form`, to send what the resident
 * wrote to the tip desk, where it gets a receipt code.
 */
export const answerActionSchema = z.object({ kind: z.literal('tip_form') });
export type AnswerAction = z.infer<typeof answerActionSchema>;

export const answerSchema = z.object({
  text: z.string(),
  quickReplies: z.array(quickReplySchema),
  sources: z.array(z.string()),
  /** ISO date (YYYY-MM-DD) the facts were last checked, when the answer comes from the knowledge base. */
  lastChecked: z.string().nullable(),
  /** True when the answer asks the resident to choose (low confidence) rather than answering. */
  clarifying: z.boolean(),
  /** True when the conversation should go to an officer (human, tip, emergency, repeated uncertainty). */
  handover: z.boolean(),
  /** Knowledge-base entry the answer comes from (for the procedures guide link). */
  procedureEntryId: z.string().nullable(),
  actions: z.array(answerActionSchema),
});
export type Answer = z.infer<typeof answerSchema>;

export const askResponseSchema = z.object({
  intent: intentSchema,
  procedure: procedureIdSchema.optional(),
  aspect: aspectSchema.optional(),
  confidence: z.number(),
  answer: answerSchema,
  /** Set when the answer hands over: the resident's conversation with the unit that now holds the question. */
  conversationId: z.string().optional(),
  /** With conversationId: the question as stored there (a tip offer sends it from the conversation). */
  messageId: z.string().optional(),
});
export type AskResponse = z.infer<typeof askResponseSchema>;
