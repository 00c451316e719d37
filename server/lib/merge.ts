/**
 * Where a module's rows go when a ward or commune is merged into another: the rows of one
 * conversation into the successor's conversation with the same resident, or every row of the unit
 * into the successor unit. Each module moves its own tables (units.service mergeUnit calls them).
 */
export type MoveTarget =
  { fromConversationId: string; conversationId: string; unitId: string } | { fromUnitId: string; unitId: string };
