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

/** A time to the minute, with the full year: what residents read under a post. */
export function formatMinute(iso: string, language: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(language === 'en' ? 'en-GB' : 'vi-VN', {
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "15.000 đ" (Vietnamese thousands separator, whatever the interface language). */
export function formatVnd(amount: number): string {
  return `${new Intl.NumberFormat('vi-VN').format(amount)} đ`;
}

/** A YYYY-MM-DD (or full ISO) date as dd/mm/yyyy, read as a calendar date (no time-zone shift). */
export function formatIsoDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** Splits text into plain runs and http(s) links, for rendering links inside answers. */
export function splitLinks(text: string): { text: string; href?: string }[] {
  const parts: { text: string; href?: string }[] = [];
  // Full URLs, and bare government addresses such as dichvucong.gov.vn.
  const re = /(?:https?:\/\/|\b(?=[\w.-]+\.gov\.vn\b))[^\s<>()"]*[^\s<>()".,;:!?)]/gi;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const start = m.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: m[0], href: /^https?:\/\//i.test(m[0]) ? m[0] : `https://${m[0]}` });
    last = start + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** An ISO time as the value of an <input type="datetime-local"> (the browser's time zone). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An <input type="datetime-local"> value as an ISO time in UTC; null when empty or not a time. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A file's size for people: "820 KB", "2,4 MB" (in the language's number format). */
export function formatFileSize(bytes: number, language: string): string {
  const locale = language.startsWith('vi') ? 'vi-VN' : 'en-GB';
  if (bytes >= 1_000_000) {
    return `${(bytes / 1_000_000).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
  }
  return `${Math.max(1, Math.round(bytes / 1000)).toLocaleString(locale)} KB`;
}
