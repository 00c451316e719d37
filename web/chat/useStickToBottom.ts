import { useEffect, useRef } from 'react';

/**
 * Keeps a scrolling message list at its newest message: on `key` change (a new message) and when
 * an image inside finishes loading, unless the reader has scrolled up to read earlier ones.
 */
export function useStickToBottom(key: string) {
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const toBottom = () => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  };
  useEffect(() => {
    atBottom.current = true;
    toBottom();
  }, [key]);
  return {
    ref,
    onScroll: () => {
      const el = ref.current;
      if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    },
    onLoadCapture: () => {
      if (atBottom.current) toBottom();
    },
  };
}
