import type { Selectable } from 'kysely';

/** A photo or file of a tip or of a reporter's reply (modules/tips/tip-attachments.ts). No uploader is recorded. */
export interface TipAttachmentTable {
  id: string;
  unitId: string;
  /** Null until a tip takes the upload; never another tip after. */
  tipId: string | null;
  /** The reporter's reply it came with; null when it came with the tip itself. */
  messageId: string | null;
  /** 'image' | 'audio' | 'file' */
  kind: string;
  /** Sniffed from the bytes (re-encoded images: the output format). */
  mimeType: string;
  originalName: string;
  sizeBytes: number;
  storageKey: string;
  thumbnailKey: string | null;
  width: number | null;
  height: number | null;
  /** sha256 (hex) of the stored bytes. */
  sha256: string;
  /** sha256 (hex) of the upload token given to the uploader; the tip must present the token. */
  uploadTokenHash: string;
  createdAt: number;
}

export type TipAttachmentRow = Selectable<TipAttachmentTable>;
