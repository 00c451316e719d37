import zlib from 'node:zlib';

// The text of a PDF that PDFKit wrote, for tests: fonts embedded as Identity-H with a ToUnicode
// CMap each, text shown by TJ arrays of hex glyph ids. Not a general PDF reader: enough to check
// what our own files say (and do not say). Flate-compressed streams are inflated first.

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2] ?? '';
    const at = body.indexOf('stream\n');
    if (at < 0) {
      out.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    const raw = Buffer.from(body.slice(at + 'stream\n'.length, body.lastIndexOf('\nendstream')), 'latin1');
    out.set(Number(m[1]), { dict, stream: dict.includes('/FlateDecode') ? zlib.inflateSync(raw) : raw });
  }
  return out;
}

/** Glyph id → text, from a ToUnicode CMap's bfrange and bfchar entries. */
function cmap(source: string): Map<number, string> {
  const map = new Map<number, string>();
  // A ligature's entry lists its code units with spaces between them: <0066 0066 0069>.
  const hex = (h: string) => Buffer.from(h.replace(/\s+/g, ''), 'hex').swap16().toString('utf16le');
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of (block[1] ?? '').matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi)) {
      const from = parseInt(m[1] ?? '0', 16);
      const to = parseInt(m[2] ?? '0', 16);
      const target = m[3] ?? '';
      if (target.startsWith('[')) {
        const list = [...target.matchAll(/<([0-9a-f ]+)>/gi)].map((x) => hex(x[1] ?? ''));
        list.forEach((t, i) => map.set(from + i, t));
      } else {
        const base = parseInt(target.slice(1, -1), 16);
        for (let g = from; g <= to; g++) map.set(g, String.fromCodePoint(base + g - from));
      }
    }
  }
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (block[1] ?? '').matchAll(/<([0-9a-f]+)>\s*<([0-9a-f ]+)>/gi)) {
      map.set(parseInt(m[1] ?? '0', 16), hex(m[2] ?? ''));
    }
  }
  return map;
}

/** The lines of text a PDFKit PDF shows, page by page in drawing order. */
export function pdfText(pdf: Buffer): string[] {
  const objs = objects(pdf);
  const fonts = new Map<string, Map<number, string>>();
  const lines: string[] = [];
  const fontMap = (name: string): Map<number, string> | undefined => {
    if (fonts.has(name)) return fonts.get(name);
    for (const o of objs.values()) {
      const ref = new RegExp(`/${name} (\\d+) 0 R`).exec(o.dict);
      if (!ref) continue;
      const font = objs.get(Number(ref[1]));
      const uni = /\/ToUnicode (\d+) 0 R/.exec(font?.dict ?? '');
      const stream = uni ? objs.get(Number(uni[1]))?.stream : null;
      if (stream) fonts.set(name, cmap(stream.toString('latin1')));
      return fonts.get(name);
    }
    return undefined;
  };
  for (const o of objs.values()) {
    if (!o.stream || !/\bBT\b/.test(o.stream.toString('latin1'))) continue;
    let font: Map<number, string> | undefined;
    const content = o.stream.toString('latin1');
    for (const m of content.matchAll(/\/(\w+) [\d.]+ Tf|\[((?:<[0-9a-f]*>|\s|-?[\d.]+)*)\] TJ/gi)) {
      if (m[1]) {
        font = fontMap(m[1]);
        continue;
      }
      let line = '';
      for (const h of (m[2] ?? '').matchAll(/<([0-9a-f]*)>/gi)) {
        const ids = h[1] ?? '';
        for (let i = 0; i + 4 <= ids.length; i += 4) line += font?.get(parseInt(ids.slice(i, i + 4), 16)) ?? '?';
      }
      lines.push(line);
    }
  }
  return lines;
}
