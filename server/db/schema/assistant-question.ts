import type { Insertable, Selectable } from 'kysely';

/** A resident's question the assistant could not answer (clarifying or unknown), kept for officers. */
export interface AssistantQuestionTable {
  id: string;
  /** Unit whose channel the question came through; null when asked without one. */
  unitId: string | null;
  text: string;
  /** Earlier messages (string[]) as JSON text. */
  history: string;
  intent: string;
  procedure: string | null;
  aspect: string | null;
  confidence: number;
  createdAt: number;
  status: string;
  reviewedAt: number | null;
  reviewedBy: string | null;
}

export type AssistantQuestionRow = Selectable<AssistantQuestionTable>;
export type NewAssistantQuestionRow = Insertable<AssistantQuestionTable>;
