import type { FeeRule, ProcedureEntry } from '../../../contracts/knowledge.js';

// Pure: what residents may see of a knowledge-base entry. Entries carry officers' research notes
// ("chưa xác minh", "theo bản đọc…", "⚠", which province's page a fact came from) and sources that
// were used only to cross-check (press, other sites); residents get official sources only and no
// notes. The console reads the stored entry unchanged.

/** Phrases that mark a research note for officers, never a fact for residents. */
export const INTERNAL_NOTE_MARKERS: readonly RegExp[] = [
  /⚠/u,
  /chưa (?:được )?(?:xác minh|đối chiếu|kiểm chứng|rõ|liệt kê)/iu,
  /cần kiểm tra/iu,
  /bản đọc/iu,
  /bản chép/iu,
  /bên thứ ba/iu,
  /nguồn thứ cấp/iu,
  /mâu thuẫn/iu,
  /nhớ từ văn bản/iu,
  /trang TTHC/iu,
  /trang Công an tỉnh/iu,
  /Phú Thọ/iu,
  /một số báo/iu,
  /có nguồn ghi/iu,
  /xem ghi chú/iu,
  /chatbot/iu,
  /\bOCR\b/u,
  /github/iu,
  /ghi nhầm/iu,
  /trong phiên/iu,
  /chúng tôi/iu,
];

/** In `notes`, everything from this line on is for officers only. */
export const INTERNAL_NOTES_HEADING = 'Ghi chú nội bộ:';

/** How many sources a resident is shown at most. */
export const MAX_RESIDENT_SOURCES = 3;

export function hasInternalNote(text: string): boolean {
  return INTERNAL_NOTE_MARKERS.some((re) => re.test(text));
}

/** Splits at `sep` where it is outside parentheses. */
function splitTopLevel(text: string, sep: RegExp): { part: string; sep: string }[] {
  const out: { part: string; sep: string }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const m = sep.exec(text.slice(i));
      if (m && m.index === 0) {
        out.push({ part: text.slice(start, i), sep: m[0] });
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  out.push({ part: text.slice(start), sep: '' });
  return out;
}

/**
 * The text without its research notes. A clause (between ". " or "; ") whose head holds a marker is
 * dropped whole, and so is a " — " aside holding one with everything after it: a fact with a doubt
 * attached is not stated to residents at all.
 */
export function residentText(text: string): string {
  if (!hasInternalNote(text)) return text;
  const kept: { clause: string; sep: string }[] = [];
  for (const { part, sep } of splitTopLevel(text, /^[.;]\s+/)) {
    const [head, ...asides] = splitTopLevel(part, /^\s+[—–]\s+/);
    if (!head) continue;
    if (hasInternalNote(head.part)) {
      // The clause goes; a full stop it ended with still ends the clause before it.
      const last = kept.at(-1);
      if (last && sep.startsWith('.')) last.sep = '.';
      continue;
    }
    let clause = head.part;
    let aside = head.sep;
    for (const a of asides) {
      if (hasInternalNote(a.part)) break;
      clause += aside + a.part;
      aside = a.sep;
    }
    kept.push({ clause: clause.trim(), sep: sep.trim() });
  }
  let out = kept
    .filter((k) => k.clause !== '')
    .map((k, i, all) => (i < all.length - 1 ? `${k.clause}${k.sep || '.'} ` : k.clause))
    .join('')
    .trim();
  if (out && /[.;]$/.test(out)) out = out.slice(0, -1);
  if (out && text.trimEnd().endsWith('.')) out += '.';
  return out;
}

/** The notes residents may read: the part before the officers' heading, without marked clauses. */
export function residentNotes(notes: string): string {
  const at = notes.indexOf(INTERNAL_NOTES_HEADING);
  return residentText((at < 0 ? notes : notes.slice(0, at)).trim());
}

const LEGAL_TEXT_HOSTS = new Set(['vanban.chinhphu.vn', 'datafiles.chinhphu.vn', 'vanban.bocongan.gov.vn']);
const PORTAL_HOSTS = new Set(['dichvucong.gov.vn', 'dichvucong.bocongan.gov.vn', 'vneid.gov.vn']);
/** The Government, the National Assembly and the Ministry of Public Security, with their subdomains. */
const NATIONAL_SUFFIXES = ['chinhphu.vn', 'quochoi.vn', 'bocongan.gov.vn'];

/** Official sites only (legal texts, national portals, government sites), ranked legal text first; null otherwise. */
export function officialRank(source: string): number | null {
  let host: string;
  try {
    const url = new URL(source.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (source.trim() !== url.href && source.trim() !== url.href.replace(/\/$/, '')) return null;
    host = url.hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
  if (LEGAL_TEXT_HOSTS.has(host)) return 0;
  if (PORTAL_HOSTS.has(host)) return 1;
  if (NATIONAL_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`))) return 2;
  // A province's police pages were read to cross-check (another province's, mostly): which
  // province a fact came from is a research note, not a source for a Hà Tĩnh resident.
  if (host.startsWith('congan.')) return null;
  if (host.endsWith('.gov.vn')) return 3;
  return null;
}

/** At most `max` official sources, legal texts and the national portals first, stored order otherwise. */
export function officialSources(sources: readonly string[], max = MAX_RESIDENT_SOURCES): string[] {
  return sources
    .map((s, i) => ({ s: s.trim(), i, rank: officialRank(s) }))
    .filter((x): x is { s: string; i: number; rank: number } => x.rank !== null)
    .filter((x, idx, all) => all.findIndex((y) => y.s === x.s) === idx)
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .slice(0, max)
    .map((x) => x.s);
}

/** A fee rule residents may be told as a fact: its basis is not flagged as a research note. */
export function isVerifiedFeeRule(rule: FeeRule): boolean {
  return rule.legalBasis === null || !hasInternalNote(rule.legalBasis);
}

function residentList(items: readonly string[]): string[] {
  return items.map(residentText).filter((s) => s.trim() !== '');
}

function residentRule(rule: FeeRule): FeeRule {
  return {
    ...rule,
    label: residentText(rule.label),
    condition: rule.condition === null ? null : residentText(rule.condition) || null,
    legalBasis: rule.legalBasis === null ? null : residentText(rule.legalBasis) || null,
  };
}

/**
 * The entry as residents see it (the public guide): research notes out of every text, official
 * sources only (at most three), and fee rules whose amount is not verified left out.
 */
export function residentEntry<E extends ProcedureEntry>(entry: E): E {
  return {
    ...entry,
    nameVi: residentText(entry.nameVi),
    audience: residentText(entry.audience),
    legalBasis: residentList(entry.legalBasis),
    documents: residentList(entry.documents),
    forms: entry.forms
      .map((f) => ({ code: residentText(f.code), name: residentText(f.name) }))
      .filter((f) => f.code || f.name),
    where: residentList(entry.where),
    online: { ...entry.online, channels: residentList(entry.online.channels) },
    processingTime: residentText(entry.processingTime),
    fee: {
      summary: residentText(entry.fee.summary),
      rules: entry.fee.rules.filter(isVerifiedFeeRule).map(residentRule),
    },
    deadlines: residentText(entry.deadlines),
    notes: residentNotes(entry.notes),
    sources: officialSources(entry.sources),
  };
}
