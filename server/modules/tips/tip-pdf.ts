import { createRequire } from 'node:module';
import type { RejectKind, TipCategory, TipDeadline, TipPriority, TipStatus } from '../../../contracts/tips.js';
import { VIETNAM_OFFSET_MS } from '../../lib/time.js';
import {
  ACTION_TEXT,
  CATEGORY_TEXT,
  PDF_TEXTS as T,
  PRIORITY_TEXT,
  REJECT_TEXT,
  STATUS_TEXT,
} from './tip-pdf-texts.js';

// A tip's file for the case record, as an A4 PDF in Vietnamese. Fed a plain object (TipFile) so it
// is rendered and tested without a database. The file never holds the reporter's identity: the
// object has no field for it, only whether one was left. DejaVu Sans draws every Vietnamese
// diacritic (PDF's standard fonts have none of them).

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

/** Everything the file shows; times are ISO strings (shown in Vietnam time). */
export interface TipFile {
  unitName: string;
  receiptCode: string;
  category: TipCategory;
  status: TipStatus;
  priority: TipPriority;
  anonymous: boolean;
  identityLeft: boolean;
  createdAt: string;
  occurredAt: string | null;
  place: { address: string | null; latitude: number | null; longitude: number | null };
  description: string;
  dueAt: string | null;
  overdue: boolean;
  escalatedAt: string | null;
  /** The unit's deadlines for the tip's category. */
  deadline: TipDeadline | null;
  outcome: string | null;
  transferredTo: string | null;
  rejectKind: RejectKind | null;
  rejectReason: string | null;
  history: { action: string; actorName: string | null; unitName: string | null; note: string | null; at: string }[];
  messages: { author: 'resident' | 'officer'; officerName: string | null; text: string; at: string; files: string[] }[];
  notes: { officerName: string | null; text: string; at: string }[];
  attachments: { name: string; sizeBytes: number; mimeType: string; thumbnail: Buffer | null }[];
  related: { receiptCode: string; reason: string | null }[];
  reveals: { by: string; at: string; reason: string }[];
  exportedAt: string;
  exportedBy: string;
}

/** "HH:mm dd/MM/yyyy" in Vietnam time (UTC+7). */
export function vietnamTime(iso: string): string {
  const d = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS).toISOString();
  return `${d.slice(11, 16)} ${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

/** A file size in the units officers read (B, KB, MB; Vietnamese decimal comma). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace('.', ',')} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

function reporterText(f: Pick<TipFile, 'anonymous' | 'identityLeft'>): string {
  if (f.anonymous) return T.anonymous;
  return f.identityLeft ? T.identityLeft : T.noIdentity;
}

function placeText(p: TipFile['place']): string | null {
  const parts: string[] = [];
  if (p.address) parts.push(p.address);
  if (p.latitude !== null && p.longitude !== null) parts.push(`${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)}`);
  return parts.length ? parts.join(' · ') : null;
}

/** The general facts of the tip, label and value, in the file's order. */
export function factRows(f: TipFile): [string, string][] {
  const rows: [string, string | null][] = [
    [T.unit, f.unitName],
    [T.receiptCode, f.receiptCode],
    [T.category, CATEGORY_TEXT[f.category]],
    [T.status, STATUS_TEXT[f.status]],
    [T.priority, PRIORITY_TEXT[f.priority]],
    [T.receivedAt, vietnamTime(f.createdAt)],
    [T.occurredAt, f.occurredAt ? vietnamTime(f.occurredAt) : null],
    [T.place, placeText(f.place)],
    [T.reporter, reporterText(f)],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== null);
}

const MARGIN = 56;
const FOOTER_SPACE = 40;

type Doc = PDFKit.PDFDocument;

function heading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - MARGIN - FOOTER_SPACE - 60) doc.addPage();
  doc.moveDown(0.8).font('bold').fontSize(12).fillColor('#8b0000').text(text).fillColor('black');
  doc.moveDown(0.3).font('regular').fontSize(10);
}

function labelled(doc: Doc, label: string, value: string): void {
  doc.font('bold').text(`${label}: `, { continued: true }).font('regular').text(value);
}

function entries<E>(doc: Doc, title: string, items: readonly E[], draw: (e: E) => void): void {
  heading(doc, title);
  if (items.length === 0) doc.fillColor('#555555').text(T.none).fillColor('black');
  for (const e of items) {
    draw(e);
    doc.moveDown(0.4);
  }
}

function drawAttachments(doc: Doc, items: TipFile['attachments']): void {
  entries(doc, T.attachments, items, (a) => {
    doc.text(`${a.name} — ${fileSize(a.sizeBytes)} (${a.mimeType})`);
    if (!a.thumbnail) return;
    if (doc.y > doc.page.height - MARGIN - FOOTER_SPACE - 130) doc.addPage();
    try {
      doc.image(a.thumbnail, { fit: [160, 120] });
      doc.moveDown(0.2);
    } catch {
      // a thumbnail PDFKit cannot read (WebP): its name and size stay listed
    }
  });
}

function footer(doc: Doc, f: TipFile): void {
  const range = doc.bufferedPageRange();
  const exported = T.exported(vietnamTime(f.exportedAt), f.exportedBy);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would start a new page: lift it while the footer is drawn.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 12;
    const width = doc.page.width - 2 * MARGIN;
    doc.font('regular').fontSize(8).fillColor('#555555');
    doc.text(`${f.receiptCode} · ${exported}`, MARGIN, y, { width, align: 'left', lineBreak: false });
    doc.text(T.page(i - range.start + 1, range.count), MARGIN, y, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** Renders a tip's file as an A4 PDF (`compress: false` leaves the content streams readable, for tests). */
export async function renderTipPdf(f: TipFile, options: { compress?: boolean } = {}): Promise<Buffer> {
  // pdfkit and its font engine add about 18 MiB to the idle server: loaded on the first export.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE / 2 },
    bufferPages: true,
    compress: options.compress ?? true,
    info: { Title: `${T.title} ${f.receiptCode}`, Author: f.unitName, CreationDate: new Date(f.exportedAt) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);

  doc.font('bold').fontSize(16).text(T.title, { align: 'center' });
  doc.font('regular').fontSize(10).text(T.subtitle, { align: 'center' });
  doc.moveDown(1);
  for (const [label, value] of factRows(f)) labelled(doc, label, value);

  heading(doc, T.description);
  doc.text(f.description);

  heading(doc, T.deadlines);
  if (f.dueAt) labelled(doc, T.due, `${vietnamTime(f.dueAt)}${f.overdue ? ` (${T.overdue})` : ''}`);
  if (f.escalatedAt) labelled(doc, T.escalatedAt, vietnamTime(f.escalatedAt));
  if (f.deadline) doc.text(T.categoryDeadline(f.deadline));

  if (f.outcome || f.transferredTo || f.rejectKind) {
    heading(doc, T.result);
    if (f.outcome) labelled(doc, T.outcome, f.outcome);
    if (f.transferredTo) labelled(doc, T.transferredTo, f.transferredTo);
    if (f.rejectKind) {
      labelled(doc, T.rejected, [REJECT_TEXT[f.rejectKind], f.rejectReason].filter(Boolean).join(' — '));
    }
  }

  entries(doc, T.history, f.history, (h) => {
    const who = [h.actorName ?? T.system, h.unitName].filter(Boolean).join(', ');
    doc.font('bold').text(`${vietnamTime(h.at)} — ${ACTION_TEXT[h.action] ?? h.action}`, { continued: true });
    doc.font('regular').text(` — ${who}`);
    if (h.note) doc.text(h.note, { indent: 12 });
  });
  entries(doc, T.messages, f.messages, (m) => {
    const who = m.author === 'resident' ? T.reporter : `${T.officer} ${m.officerName ?? ''}`.trim();
    doc.font('bold').text(`${vietnamTime(m.at)} — ${who}`);
    doc.font('regular').text(m.text, { indent: 12 });
    if (m.files.length) doc.text(`${T.files}: ${m.files.join(', ')}`, { indent: 12 });
  });
  entries(doc, T.notes, f.notes, (n) => {
    doc.font('bold').text(`${vietnamTime(n.at)} — ${n.officerName ?? T.officer}`);
    doc.font('regular').text(n.text, { indent: 12 });
  });
  drawAttachments(doc, f.attachments);
  entries(doc, T.related, f.related, (r) => doc.text(r.reason ? `${r.receiptCode} — ${r.reason}` : r.receiptCode));
  if (f.reveals.length) {
    entries(doc, T.reveals, f.reveals, (r) => doc.text(`${vietnamTime(r.at)} — ${r.by} — ${T.reason}: ${r.reason}`));
  }

  footer(doc, f);
  doc.end();
  return done;
}
