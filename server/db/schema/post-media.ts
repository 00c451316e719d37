import type { Selectable } from 'kysely';

/** An image, audio clip or file of a post (modules/broadcasts/post-media.service.ts). */
export interface PostMediaTable {
  id: string;
  unitId: string;
  /** Null until a post takes the upload; never another post after. */
  postId: string | null;
  uploaderId: string | null;
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
  /** Its place in the post's current content; null when not in it (or not yet in a post). */
  position: number | null;
  createdAt: number;
}

export type PostMediaRow = Selectable<PostMediaTable>;
