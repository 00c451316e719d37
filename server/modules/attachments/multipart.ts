import { finished } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { MAX_ATTACHMENT_BYTES } from '../../../contracts/conversations.js';
import { AppError, BadRequestError } from '../../lib/errors.js';
import type { Upload } from './attachments.service.js';

// Reading one file part off a multipart request, with multipart's errors turned into problems.

/** Room for the multipart envelope (boundaries, part headers, a few small fields) around the file. */
const ENVELOPE_BYTES = 64 * 1024;

export const MULTIPART_LIMITS = { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6 };

export class FileTooLargeError extends AppError {
  constructor() {
    super('too_large', 'file_too_large', `Files may be at most ${MAX_ATTACHMENT_BYTES / (1024 * 1024)} MB`);
  }
}

/** onRequest guard: a declared body far over the cap is refused before a byte of it is read. */
export async function refuseOversizedBody(request: FastifyRequest): Promise<void> {
  const length = Number(request.headers['content-length'] ?? 0);
  if (length > MAX_ATTACHMENT_BYTES + ENVELOPE_BYTES) throw new FileTooLargeError();
  return Promise.resolve();
}

function errorCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/** Multipart's and busboy's errors as problems: every one of them is about a malformed body. */
function translate(err: unknown): AppError {
  if (err instanceof AppError) return err;
  switch (errorCode(err) ?? '') {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new FileTooLargeError();
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError('too_large', 'too_many_parts', 'Send one file per request in the field "file"');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_type', 'unsupported_media_type', 'Send the file as multipart/form-data');
    default:
      // Truncated bodies ("Unexpected end of multipart data"), bad part headers, prototype field
      // names, premature closes: busboy's errors mostly carry no code.
      return new BadRequestError('invalid_multipart', 'The multipart body is not valid');
  }
}

/**
 * The part's bytes, failing as soon as the cap is passed. (multipart's toBuffer, like a for-await
 * over the stream, only notices at the end of the part: after reading all of a 50 MB body.)
 */
function readCapped(part: MultipartFile): Promise<Buffer> {
  const file = part.file;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    file.on('data', (chunk: Buffer) => {
      if (!file.truncated) chunks.push(chunk);
    });
    file.once('limit', () => {
      chunks.length = 0;
      // Answer now; whatever the client still sends is parsed and dropped, never buffered.
      // (Closing the socket instead would reset it before a browser could read the 413.)
      file.resume();
      reject(new FileTooLargeError());
    });
    // finished() also settles for a part multipart hands over already destroyed (a body cut off in
    // the part's data): 'end' and 'error' listeners added now would never fire.
    finished(file, (err) => {
      if (err) reject(err);
      else if (file.truncated) reject(new FileTooLargeError());
      else resolve(Buffer.concat(chunks));
    });
  });
}

/** Reads the `file` part (streamed, stopped at the size cap) into memory. */
export async function readUpload(request: FastifyRequest): Promise<Upload> {
  return (await readUploadWithFields(request)).upload;
}

/** The text fields sent before the file part (a caption), by name; files and repeats ignored. */
function textFields(part: MultipartFile): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(part.fields)) {
    if (name !== part.fieldname && value && !Array.isArray(value) && value.type === 'field') {
      fields[name] = typeof value.value === 'string' ? value.value : '';
    }
  }
  return fields;
}

/** Reads the `file` part like readUpload, with the text fields that came before it. */
export async function readUploadWithFields(
  request: FastifyRequest,
): Promise<{ upload: Upload; fields: Record<string, string> }> {
  let part: MultipartFile | undefined;
  try {
    part = await request.file({ limits: MULTIPART_LIMITS });
    if (!part || part.fieldname !== 'file') {
      throw new BadRequestError('no_file', 'Attach the file in the multipart field "file"');
    }
    const upload = { data: await readCapped(part), name: part.filename, contentType: part.mimetype };
    return { upload, fields: textFields(part) };
  } catch (err) {
    throw translate(err);
  }
}
