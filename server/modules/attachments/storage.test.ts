import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentDisposition, cleanFileName } from './file-names.js';
import { InvalidStorageKeyError, LocalDiskStorage } from './storage.js';

describe('LocalDiskStorage', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
  });
  function storage(): LocalDiskStorage {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ketnoi-files-'));
    roots.push(root);
    return new LocalDiskStorage(root);
  }

  it('puts, gets and deletes by key, leaving no temporary files', async () => {
    const s = storage();
    await s.put('unit-1/abc', Buffer.from('hello'));
    await s.put('unit-1/abc', Buffer.from('replaced'));
    expect((await s.get('unit-1/abc'))?.toString()).toBe('replaced');
    expect(fs.readdirSync(path.join(s.root, 'unit-1'))).toEqual(['abc']);
    await s.delete('unit-1/abc');
    await s.delete('unit-1/abc');
    expect(await s.get('unit-1/abc')).toBeNull();
  });

  it('refuses keys that could leave its directory', async () => {
    const s = storage();
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', '', 'a/.hidden/..']) {
      await expect(s.put(key, Buffer.from('x')), key).rejects.toBeInstanceOf(InvalidStorageKeyError);
    }
  });
});

describe('file names', () => {
  it('keeps a clean display name with the stored extension', () => {
    expect(cleanFileName('C:\\Users\\An\\ảnh.PNG', 'jpg', true)).toBe('ảnh.jpg');
    expect(cleanFileName('../../đơn.pdf', 'pdf', false)).toBe('đơn.pdf');
    expect(cleanFileName('blob', 'webm', false)).toBe('blob.webm');
    expect(cleanFileName('', 'pdf', false)).toBe('tep.pdf');
    expect(cleanFileName('a"\u0000\u202eb.pdf', 'pdf', false)).toBe('ab.pdf');
    expect([...cleanFileName('x'.repeat(500) + '.pdf', 'pdf', false)].length).toBe(120);
  });

  it('writes Content-Disposition with an ASCII fallback and an RFC 5987 name', () => {
    expect(contentDisposition('attachment', 'Đơn (bản 2).pdf')).toBe(
      `attachment; filename="Don _ban 2_.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20%28b%E1%BA%A3n%202%29.pdf`,
    );
  });
});
