'use client';

import { useReady } from '@/lib/jobs/ready';

/**
 * The app's polite live region for news that outlives the part of the page it came from (a
 * finished track: its progress block is gone by the time a screen reader would speak).
 * Always in the page, so what is put into it is announced.
 */
export function Announcer() {
  const message = useReady((s) => s.message);
  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {message}
    </div>
  );
}
