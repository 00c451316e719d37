import { useCallback, useEffect, useRef, useState } from 'react';
import type { TipAttachment, TipAttachmentClaim } from '../../contracts/tips';
import {
  checkPicked,
  claimsOf,
  isPreviewable,
  keptCount,
  uploadProblem,
  type FileProblem,
  type TipFileItem,
} from './tip-files';
import { uploadWithProgress } from './tip-upload';

type Uploaded = TipAttachment & { uploadToken: string };

export interface TipFiles {
  items: TipFileItem[];
  /** Problems of the last pick as a whole (too many files). */
  problems: FileProblem[];
  /** Uploads each picked file at once (up to the limit). */
  add: (files: File[]) => void;
  /** Drops a file (cancelling its upload); the server sweeps an upload no tip took. */
  remove: (key: string) => void;
  /** Forgets every file, after the tip or reply that took them was sent. */
  reset: () => void;
  claims: TipAttachmentClaim[];
  uploading: boolean;
}

let counter = 0;

/** The photos and files of one tip or reply, each uploaded to the unit of `slug` when picked. */
export function useTipFiles(slug: string | null): TipFiles {
  const [items, setItems] = useState<TipFileItem[]>([]);
  const [problems, setProblems] = useState<FileProblem[]>([]);
  const aborts = useRef(new Map<string, AbortController>());
  const previews = useRef(new Map<string, string>());

  const forget = useCallback((key: string) => {
    aborts.current.get(key)?.abort();
    aborts.current.delete(key);
    const url = previews.current.get(key);
    if (url) URL.revokeObjectURL(url);
    previews.current.delete(key);
  }, []);

  useEffect(() => {
    const a = aborts.current;
    const p = previews.current;
    return () => {
      for (const c of a.values()) c.abort();
      for (const url of p.values()) URL.revokeObjectURL(url);
    };
  }, []);

  const patch = (key: string, change: Partial<TipFileItem>) =>
    setItems((all) => all.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const add = (files: File[]) => {
    if (!slug) return;
    const { accepted, problems: found } = checkPicked(files, keptCount(items));
    setProblems(found);
    const fresh = accepted.map((file): [TipFileItem, File] => {
      const key = `f${++counter}`;
      const previewUrl = isPreviewable(file) ? URL.createObjectURL(file) : null;
      if (previewUrl) previews.current.set(key, previewUrl);
      const item: TipFileItem = {
        key,
        name: file.name,
        sizeBytes: file.size,
        previewUrl,
        status: 'uploading',
        progress: 0,
        upload: null,
        problem: null,
      };
      return [item, file];
    });
    setItems((all) => [...all, ...fresh.map(([item]) => item)]);
    for (const [item, file] of fresh) {
      const abort = new AbortController();
      aborts.current.set(item.key, abort);
      uploadWithProgress<Uploaded>(
        `/api/v1/public/units/${encodeURIComponent(slug)}/tip-attachments`,
        file,
        (progress) => patch(item.key, { progress }),
        abort.signal,
      )
        .then((upload) => patch(item.key, { status: 'done', progress: 1, upload }))
        .catch((err: unknown) => {
          if (abort.signal.aborted) return;
          patch(item.key, { status: 'failed', problem: uploadProblem(err, file.name) });
        })
        .finally(() => aborts.current.delete(item.key));
    }
  };

  const remove = (key: string) => {
    forget(key);
    setProblems([]);
    setItems((all) => all.filter((i) => i.key !== key));
  };

  const reset = () => {
    for (const i of items) forget(i.key);
    setProblems([]);
    setItems([]);
  };

  return {
    items,
    problems,
    add,
    remove,
    reset,
    claims: claimsOf(items),
    uploading: items.some((i) => i.status === 'uploading'),
  };
}
