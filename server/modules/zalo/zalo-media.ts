import { MAX_ATTACHMENT_BYTES } from '../../../contracts/conversations.js';
import type { Upload } from '../attachments/attachments.service.js';

// The bytes of a photo, file or voice message a resident sent on Zalo, fetched from the URL in the
// (signed) event so it is kept like a chat upload: Zalo's links expire, ours stay with the conversation.

const FETCH_TIMEOUT_MS = 15_000;

/** Downloads a media URL from a Zalo event, capped at the chat's upload size; null when it cannot be had. */
export async function fetchZaloMedia(url: string, name: string): Promise<Upload | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  try {
    const res = await fetch(parsed, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
    if (!res.ok || !res.body) return null;
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > MAX_ATTACHMENT_BYTES) return null;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      const buffer = Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > MAX_ATTACHMENT_BYTES) return null;
      chunks.push(buffer);
    }
    return { data: Buffer.concat(chunks), name, contentType: res.headers.get('content-type') ?? undefined };
  } catch {
    return null;
  }
}
