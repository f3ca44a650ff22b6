'use client';

import { useEffect, useState } from 'react';

/**
 * False until the browser is first idle after mount (or `timeoutMs` passed): for work
 * the page can show a moment later without anyone waiting on it (the waveform fetches
 * and decodes the whole MP3), so it does not compete with the page's own first paint
 * and hydration.
 */
export function useIdle(timeoutMs = 2_000): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(() => setIdle(true), { timeout: timeoutMs });
      return () => cancelIdleCallback(id);
    }
    const t = setTimeout(() => setIdle(true), 200);
    return () => clearTimeout(t);
  }, [timeoutMs]);
  return idle;
}
