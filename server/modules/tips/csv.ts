import type { ConsoleTipSummary } from '../../../contracts/tips.js';

// The tip list as CSV (RFC 4180: CRLF, every field quoted, quotes doubled). No CSV library is
// installed; this is the whole of the format. A field that a spreadsheet would run as a formula
// (=, +, -, @, tab, CR) gets a leading apostrophe.

function field(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

const COLUMNS = [
  'receiptCode',
  'category',
  'status',
  'priority',
  'anonymous',
  'identityLeft',
  'createdAt',
  'dueAt',
  'overdue',
  'escalatedAt',
  'excerpt',
] as const;

export function tipsCsv(items: ConsoleTipSummary[]): string {
  const lines = [COLUMNS.map(field).join(',')];
  for (const t of items) lines.push(COLUMNS.map((c) => field(t[c])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
