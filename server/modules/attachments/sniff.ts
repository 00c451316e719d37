import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../lib/errors.js';

// What residents and officers may send, decided by the bytes (magic numbers), never by the name
// or the Content-Type the client declared. Those two are only checked for agreement.

export type AttachmentKind = 'image' | 'file' | 'audio';

export interface SniffedType {
  kind: AttachmentKind;
  /** The Content-Type the file is served with. */
  mime: string;
  /** The extension given to the stored name when the client's name has none. */
  ext: string;
}

interface Allowed extends SniffedType {
  /** File-name extensions that may carry this type. */
  extensions: readonly string[];
  /** Declared Content-Types that may carry this type. */
  declared: readonly string[];
}

const OOXML = 'application/vnd.openxmlformats-officedocument';
const M4A_DECLARED = ['audio/mp4', 'audio/x-m4a', 'audio/m4a', 'audio/aac', 'audio/x-aac'];
const OGG: Allowed = {
  kind: 'audio',
  mime: 'audio/ogg',
  ext: 'ogg',
  extensions: ['ogg', 'oga', 'opus'],
  declared: ['audio/ogg', 'application/ogg', 'audio/opus'],
};

/** Keyed by the `ext` file-type reports for the bytes. */
const ALLOWED: Readonly<Record<string, Allowed>> = {
  jpg: {
    kind: 'image',
    mime: 'image/jpeg',
    ext: 'jpg',
    extensions: ['jpg', 'jpeg', 'jpe', 'jfif'],
    declared: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  },
  png: { kind: 'image', mime: 'image/png', ext: 'png', extensions: ['png'], declared: ['image/png', 'image/x-png'] },
  webp: { kind: 'image', mime: 'image/webp', ext: 'webp', extensions: ['webp'], declared: ['image/webp'] },
  gif: { kind: 'image', mime: 'image/gif', ext: 'gif', extensions: ['gif'], declared: ['image/gif'] },
  pdf: {
    kind: 'file',
    mime: 'application/pdf',
    ext: 'pdf',
    extensions: ['pdf'],
    declared: ['application/pdf', 'application/x-pdf'],
  },
  docx: {
    kind: 'file',
    mime: `${OOXML}.wordprocessingml.document`,
    ext: 'docx',
    extensions: ['docx'],
    declared: [`${OOXML}.wordprocessingml.document`],
  },
  xlsx: {
    kind: 'file',
    mime: `${OOXML}.spreadsheetml.sheet`,
    ext: 'xlsx',
    extensions: ['xlsx'],
    declared: [`${OOXML}.spreadsheetml.sheet`],
  },
  mp3: {
    kind: 'audio',
    mime: 'audio/mpeg',
    ext: 'mp3',
    extensions: ['mp3'],
    declared: ['audio/mpeg', 'audio/mp3', 'audio/mpeg3'],
  },
  m4a: { kind: 'audio', mime: 'audio/mp4', ext: 'm4a', extensions: ['m4a', 'mp4', 'aac'], declared: M4A_DECLARED },
  // Safari records voice notes as MPEG-4 with a generic brand; accepted only when declared as audio.
  mp4: { kind: 'audio', mime: 'audio/mp4', ext: 'm4a', extensions: ['m4a', 'mp4'], declared: M4A_DECLARED },
  aac: {
    kind: 'audio',
    mime: 'audio/aac',
    ext: 'aac',
    extensions: ['aac'],
    declared: ['audio/aac', 'audio/x-aac', 'audio/aacp'],
  },
  ogg: OGG,
  oga: OGG,
  opus: OGG,
  // Chrome and Firefox record voice notes as WebM; file-type reports every WebM as video/webm.
  webm: {
    kind: 'audio',
    mime: 'audio/webm',
    ext: 'webm',
    extensions: ['webm', 'weba'],
    declared: ['audio/webm', 'video/webm'],
  },
  wav: {
    kind: 'audio',
    mime: 'audio/wav',
    ext: 'wav',
    extensions: ['wav', 'wave'],
    declared: ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
  },
};

export class UnsupportedTypeError extends AppError {
  constructor() {
    super(
      'unsupported_type',
      'unsupported_type',
      'Only photos (JPEG, PNG, WebP, GIF), PDF, Word, Excel and voice recordings',
    );
  }
}

export class TypeMismatchError extends AppError {
  constructor() {
    super('unsupported_type', 'type_mismatch', 'The file’s name or declared type does not match its contents');
  }
}

/** The lower-case extension of a file name, or null when it has none. */
export function extensionOf(name: string): string | null {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m?.[1] ? m[1].toLowerCase() : null;
}

// Declared types that say nothing: multipart parts without a Content-Type read as text/plain
// (RFC 7578), and browsers send octet-stream for files they do not know.
const UNINFORMATIVE = new Set(['', 'application/octet-stream', 'text/plain']);

/** The declared Content-Type without parameters, or null when it says nothing. */
function declaredMime(contentType: string | undefined): string | null {
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return UNINFORMATIVE.has(mime) ? null : mime;
}

function claimsAllowedType(ext: string | null, mime: string | null): boolean {
  return Object.values(ALLOWED).some(
    (a) => (ext !== null && a.extensions.includes(ext)) || (mime !== null && a.declared.includes(mime)),
  );
}

/**
 * The real type of an upload from its bytes. Throws 415 `unsupported_type` for anything outside
 * the allow-list and 415 `type_mismatch` when the name or declared type claims something else.
 */
export async function sniffUpload(data: Buffer, name: string, contentType: string | undefined): Promise<SniffedType> {
  const ext = extensionOf(name);
  const mime = declaredMime(contentType);
  const found = await fileTypeFromBuffer(data);
  const allowed = found ? ALLOWED[found.ext] : undefined;
  if (!allowed) {
    // An EXE or HTML page named photo.jpg lies about its type; a .zip named .zip is just not accepted.
    throw claimsAllowedType(ext, mime) ? new TypeMismatchError() : new UnsupportedTypeError();
  }
  if (ext !== null && !allowed.extensions.includes(ext)) throw new TypeMismatchError();
  if (mime !== null && !allowed.declared.includes(mime)) throw new TypeMismatchError();
  // A bare MPEG-4 that nobody called audio is a video, which is not accepted.
  if (found?.ext === 'mp4' && mime === null && ext !== 'm4a') throw new UnsupportedTypeError();
  return { kind: allowed.kind, mime: allowed.mime, ext: allowed.ext };
}
