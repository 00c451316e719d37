import { ZaloApiError } from './zalo-error.js';
import { oaPostForm, type ZaloTransport } from './zalo-request.js';

/** Bytes to upload, with the name and type Zalo sees. */
export interface ZaloUpload {
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
}

function form(upload: ZaloUpload): FormData {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(upload.bytes)], { type: upload.mimeType }), upload.fileName);
  return body;
}

function stringField(data: Record<string, unknown>, key: string): string {
  const value = data[key];
  if (typeof value !== 'string' || !value) {
    throw new ZaloApiError('bad_response', null, `Zalo answered the upload without ${key}`);
  }
  return value;
}

/** Uploads a jpg/png image (at most 1 MB); the attachment id an image message sends (valid ~7 days). */
export async function uploadImage(
  t: ZaloTransport,
  accessToken: string,
  upload: ZaloUpload,
): Promise<{ attachmentId: string }> {
  const data = await oaPostForm(t, accessToken, '/v2.0/oa/upload/image', form(upload));
  return { attachmentId: stringField(data, 'attachment_id') };
}

/** Uploads a pdf/doc/docx file (at most 5 MB); the token a file message sends (valid ~7 days). */
export async function uploadFile(
  t: ZaloTransport,
  accessToken: string,
  upload: ZaloUpload,
): Promise<{ token: string }> {
  const data = await oaPostForm(t, accessToken, '/v2.0/oa/upload/file', form(upload));
  return { token: stringField(data, 'token') };
}
