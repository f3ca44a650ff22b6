'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * A date and time in the reader's own locale and time zone. The server knows neither, so
 * the first HTML (and hydration) shows a fixed UTC form and the local one follows at once:
 * a locale or time-zone difference between server and browser would otherwise be a
 * hydration mismatch, which makes React throw the server's HTML away and render the whole
 * page again on the client.
 */
export function LocalTime({ iso }: { iso: string }) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const d = new Date(iso);
  return (
    <time dateTime={iso}>
      {hydrated
        ? d.toLocaleString()
        : `${d.toLocaleString('en-US', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' })} UTC`}
    </time>
  );
}
