/** Lower-cases and strips Vietnamese diacritics so "Hà Huy Tập" matches "ha huy tap". */
export function foldVietnamese(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim();
}

/** Whether every word of the query occurs in the text, ignoring case and diacritics. */
export function matchesQuery(text: string, query: string): boolean {
  const words = foldVietnamese(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldVietnamese(text);
  return words.every((w) => haystack.includes(w));
}

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}

export function formatDateTime(iso: string, language: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(language === 'en' ? 'en-GB' : 'vi-VN', { dateStyle: 'short', timeStyle: 'medium' });
}
