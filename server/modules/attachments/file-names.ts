import { extensionOf } from './sniff.js';

// Names come from the client: kept for display only, cleaned, and never used as a storage path.

const MAX_NAME_CHARS = 120;

/** A display name from the client's file name, with the extension of what is actually stored. */
export function cleanFileName(raw: string, ext: string, replaceExtension: boolean): string {
  const base = (raw.split(/[/\\]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}"]/gu, '')
    .trim();
  const current = extensionOf(base);
  let stem = current ? base.slice(0, -(current.length + 1)) : base;
  if (current && !replaceExtension) return truncate(stem, MAX_NAME_CHARS - current.length - 1) + '.' + current;
  stem = stem.replace(/^\.+/, '').trim() || 'tep';
  return `${truncate(stem, MAX_NAME_CHARS - ext.length - 1)}.${ext}`;
}

function truncate(s: string, max: number): string {
  return [...s].slice(0, max).join('') || 'tep';
}

/** An ASCII rendering for the plain filename parameter (Vietnamese letters lose their marks). */
function asciiFallback(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._ -]/g, '_');
}

/** Content-Disposition with an RFC 5987 UTF-8 filename* beside the ASCII fallback. */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${asciiFallback(name)}"; filename*=UTF-8''${encoded}`;
}
