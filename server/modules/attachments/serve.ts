import type { FastifyReply } from 'fastify';
import { contentDisposition } from './file-names.js';
import type { AttachmentKind } from './sniff.js';

/** Stored bytes to serve, with what the headers say about them. */
export interface ServedFile {
  data: Buffer;
  mimeType: string;
  name: string;
  kind: AttachmentKind;
}

/** Sends uploaded bytes with the headers that keep them inert: nosniff, a sandboxing CSP, a disposition. */
export function sendContent(reply: FastifyReply, c: ServedFile, thumbnail: boolean) {
  const inline = c.kind === 'image' || c.kind === 'audio';
  return (
    reply
      .header('content-type', c.mimeType)
      .header(
        'content-disposition',
        contentDisposition(inline ? 'inline' : 'attachment', thumbnail ? `thumb-${c.name}` : c.name),
      )
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=3600')
      // Even a document opened in the tab runs nothing and reaches nothing.
      .header('content-security-policy', "default-src 'none'; img-src 'self'; media-src 'self'; sandbox")
      .send(c.data)
  );
}
