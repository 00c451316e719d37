import type http from 'node:http';

// Reading request bodies in the tests' own servers (the fake Zalo's uploads are multipart).

/** The whole body of a request. */
export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The `file` part of a multipart/form-data body (a minimal reader for the uploads). */
export function multipartFile(body: Buffer, contentType: string | undefined) {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? '');
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2); // drop CRLFs around the part
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    if (/name="file"/.test(head)) {
      return {
        fileName: /filename="([^"]*)"/.exec(head)?.[1] ?? '',
        mimeType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? '',
        bytes: Buffer.from(part.subarray(split + 4)),
      };
    }
    start = next;
  }
  return null;
}
