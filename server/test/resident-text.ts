// What residents must never be shown, checked independently of the code that removes it
// (server/modules/knowledge/resident-view.ts): research notes, unofficial sources, repeats.

/** Research-note phrases of the knowledge base (shared/kb/README.md: "What residents may see"). */
export const NOTE_MARKERS = [
  '⚠',
  'chưa xác minh',
  'chưa đối chiếu',
  'bản đọc',
  'bên thứ ba',
  'nguồn thứ cấp',
  'mâu thuẫn',
  'nhớ từ văn bản',
  'trang TTHC',
  'Phú Thọ',
  'một số báo',
  'github',
  'OCR',
  'Ghi chú nội bộ',
  'chatbot',
];

/** Official sites: legal texts, the national public-service portals, government and police sites. */
const OFFICIAL_HOST = /(^|\.)(gov\.vn|chinhphu\.vn|quochoi\.vn)$/;

export function isOfficialSource(source: string): boolean {
  try {
    const url = new URL(source);
    return url.protocol === 'https:' && OFFICIAL_HOST.test(url.hostname);
  } catch {
    return false;
  }
}

// "nộp trực tiếp · nộp trực tiếp": a phrase said twice in a row.
const DOUBLED = /(?<![\p{L}\p{N}])([\p{L}\p{N}]+(?: [\p{L}\p{N}]+){0,5})(?: ·)? \1(?![\p{L}\p{N}])/iu;

/** Everything wrong with a text shown to a resident (empty when it is fine). */
export function residentTextProblems(text: string): string[] {
  const problems: string[] = [];
  const lower = text.toLowerCase();
  for (const m of NOTE_MARKERS) if (lower.includes(m.toLowerCase())) problems.push(`internal note "${m}"`);
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const seen = new Set<string>();
  for (const l of lines) {
    if (seen.has(l)) problems.push(`line twice: ${l}`);
    seen.add(l);
  }
  for (const head of ['Nguồn', 'Cập nhật', 'Căn cứ', 'Updated', 'Legal basis']) {
    if (lines.filter((l) => l.startsWith(head)).length > 1) problems.push(`"${head}" line twice`);
  }
  const doubled = DOUBLED.exec(text);
  if (doubled) problems.push(`doubled phrase: ${doubled[0]}`);
  return problems;
}

/** Everything wrong with the sources shown to a resident. */
export function residentSourceProblems(sources: readonly string[]): string[] {
  const problems = sources.filter((s) => !isOfficialSource(s)).map((s) => `unofficial source ${s}`);
  if (sources.length > 3) problems.push(`${sources.length} sources`);
  if (new Set(sources).size !== sources.length) problems.push('a source twice');
  return problems;
}
