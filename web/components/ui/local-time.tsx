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
const DATE_ONLY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };

export function LocalTime({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const d = new Date(iso);
  return (
    <time dateTime={iso}>
      {dateOnly
        ? hydrated
          ? d.toLocaleDateString(undefined, DATE_ONLY)
          : d.toLocaleDateString('en-US', { ...DATE_ONLY, timeZone: 'UTC' })
        : hydrated
          ? d.toLocaleString()
          : `${d.toLocaleString('en-US', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' })} UTC`}
    </time>
  );
}
