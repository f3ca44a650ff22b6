/**
 * Single-range parsing for `Range: bytes=…` (RFC 9110 §14). Multi-range requests are answered with the
 * whole body (allowed by the RFC), which keeps us clear of multipart/byteranges for no real client need.
 */
export type RangeResult =
  | { kind: 'none' } // no Range header, or one we ignore (malformed, multi-range, other unit)
  | { kind: 'range'; start: number; end: number } // inclusive, within [0, size)
  | { kind: 'unsatisfiable' };

const SINGLE = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i;

export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined || header === '') return { kind: 'none' };
  const match = SINGLE.exec(header);
  if (!match) return { kind: 'none' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'none' };

  if (first === '') {
    // Suffix range: the last N bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return { kind: 'none' };
  if (last !== '' && end < start) return { kind: 'none' }; // invalid syntax: ignore, per RFC
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end: Math.min(end, size - 1) };
}
