// Which idempotency key a create submission carries. A request can be answered within a few
// milliseconds, before a double-click's second click arrives, so "one request in flight at a time"
// alone lets a double-click charge twice. The same body sent again within a moment is the same
// submission: it reuses the key and the server answers with the first track (no second charge).
// Past that moment, or with anything changed, it is a new track.

/** How long after a submission the identical form still counts as that submission. */
export const SAME_SUBMISSION_MS = 2000;

export interface Submission {
  body: string;
  key: string;
  at: number;
}

export function nextSubmission(
  previous: Submission | null,
  body: string,
  now: number,
  newKey: () => string,
): Submission {
  if (previous && previous.body === body && now - previous.at < SAME_SUBMISSION_MS) {
    return { ...previous, at: now };
  }
  return { body, key: newKey(), at: now };
}
