import type { Insertable, Selectable } from 'kysely';

export interface AttachmentTable {
  id: string;
  unitId: string;
  conversationId: string;
  /** Null until a message claims the upload. */
  messageId: string | null;
  uploaderResidentId: string | null;
  uploaderOfficerId: string | null;
  /** 'image' | 'file' | 'audio' */
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
  createdAt: number;
}

export type AttachmentRow = Selectable<AttachmentTable>;
export type NewAttachmentRow = Insertable<AttachmentTable>;

/** Uploads of one resident on one day (days counted in Vietnam's time, UTC+7). */
export interface UploadQuotaTable {
  residentId: string;
  day: number;
  files: number;
  bytes: number;
}
