import { describe, expect, it } from 'vitest';
import { MAX_TIP_ATTACHMENTS } from '../../contracts/tips';
import { ApiError } from '../api';
import en from '../i18n/en.json';
import vi from '../i18n/vi.json';
import { checkPicked, claimsOf, isPreviewable, keptCount, uploadProblem, type TipFileItem } from './tip-files';

const file = (name: string, size: number, type = 'image/jpeg') => new File([new Uint8Array(size)], name, { type });

function item(key: string, status: TipFileItem['status']): TipFileItem {
  return {
    key,
    name: `${key}.jpg`,
    sizeBytes: 10,
    previewUrl: null,
    status,
    progress: status === 'done' ? 1 : 0,
    upload:
      status === 'done'
        ? {
            id: `id-${key}`,
            uploadToken: `token-${key}`,
            kind: 'image',
            mimeType: 'image/jpeg',
            name: `${key}.jpg`,
            sizeBytes: 10,
            width: 1,
            height: 1,
            hasThumbnail: true,
          }
        : null,
    problem: null,
  };
}

/** The message a problem's key names in a catalogue (keys like "tips.files.errors.x"). */
function message(catalogue: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
}

describe('tip files', () => {
  it('takes picked files up to five in all and says why the rest were left out', () => {
    const picked = [file('a.jpg', 10), file('big.pdf', 10 * 1024 * 1024 + 1, 'application/pdf'), file('b.jpg', 10)];
    const { accepted, problems } = checkPicked(picked, MAX_TIP_ATTACHMENTS - 1);
    expect(accepted.map((f) => f.name)).toEqual(['a.jpg']);
    expect(problems).toEqual([
      { key: 'tips.files.errors.file_too_large', values: { name: 'big.pdf', max: 10 } },
      { key: 'tips.files.tooMany', values: { max: MAX_TIP_ATTACHMENTS } },
    ]);
    expect(checkPicked([file('c.jpg', 10)], 0)).toEqual({ accepted: [expect.any(File)], problems: [] });
  });

  it('maps a refused upload’s problem to a message naming the file, in both languages', () => {
    const cases: [unknown, string][] = [
      [new ApiError(415, { code: 'type_mismatch' }), 'type_mismatch'],
      [new ApiError(415, { code: 'unsupported_type' }), 'unsupported_type'],
      [new ApiError(415, { code: 'unsupported_media_type' }), 'unsupported_type'],
      [new ApiError(413, {}), 'file_too_large'],
      [new ApiError(429, { code: 'whatever' }), 'rate_limited'],
      [new ApiError(0, { code: 'network_error' }), 'network_error'],
      [new ApiError(500, {}), 'generic'],
      [new Error('boom'), 'generic'],
    ];
    for (const [err, code] of cases) {
      const problem = uploadProblem(err, 'anh.jpg');
      expect(problem.key).toBe(`tips.files.errors.${code}`);
      expect(problem.values.name).toBe('anh.jpg');
      expect(message(vi, problem.key), code).toContain('{{name}}');
      expect(message(en, problem.key), code).toContain('{{name}}');
    }
  });

  it('sends only finished uploads and counts failed ones against nothing', () => {
    const items = [item('a', 'done'), item('b', 'uploading'), item('c', 'failed'), item('d', 'done')];
    expect(claimsOf(items)).toEqual([
      { id: 'id-a', uploadToken: 'token-a' },
      { id: 'id-d', uploadToken: 'token-d' },
    ]);
    expect(keptCount(items)).toBe(3);
  });

  it('previews only the photo types a browser draws', () => {
    expect(isPreviewable({ type: 'image/png' })).toBe(true);
    expect(isPreviewable({ type: 'image/heic' })).toBe(false);
    expect(isPreviewable({ type: 'application/pdf' })).toBe(false);
  });
});
