import { STYLE_ID_MAX, STYLE_ID_PATTERN } from '@soundfoundry/contract/constants';

// Reading a page's URL parameters the way the API validates them (contract: SearchText, PageQuery,
// Genre …), without zod (the client bundle keeps it out): a hand-edited or stale link falls back to
// the default of what the API would refuse instead of showing an error. The API still validates.

const SEARCH_MAX = 200;
const PAGE_MAX = 10_000;
const CONTROL = /[\p{Cc}\p{Cs}]/gu;

/** What a Next.js page receives as `searchParams`, or the browser's URLSearchParams. */
export type SearchParamsLike =
  | { get(name: string): string | null }
  | Record<string, string | string[] | undefined>;

/** One parameter's first value, from either shape. */
export function paramReader(params: SearchParamsLike): (name: string) => string | undefined {
  if (typeof params.get === 'function') {
    const get = params.get.bind(params) as (name: string) => string | null;
    return (name) => get(name) ?? undefined;
  }
  const record = params as Record<string, string | string[] | undefined>;
  return (name) => {
    const v = record[name];
    return Array.isArray(v) ? v[0] : v;
  };
}

/** A search as the URL and the API get it: no control characters, trimmed, at most 200 characters. */
export function normalizeSearch(text: string): string {
  return Array.from(text.replace(CONTROL, '').trim()).slice(0, SEARCH_MAX).join('').trim();
}

/** `v` if it is one of `list`. */
export const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | undefined =>
  list.includes(v as T) ? (v as T) : undefined;

/** A style id of the shape the API accepts ("bossa-nova"), else undefined (which ids exist, it checks). */
export function styleId(v: string | undefined): string | undefined {
  return v !== undefined && v.length <= STYLE_ID_MAX && STYLE_ID_PATTERN.test(v) ? v : undefined;
}

/** A page number the API accepts (1–10 000), else 1. */
export function pageNumber(v: string | undefined): number {
  const page = Number(v);
  return Number.isInteger(page) && page >= 1 && page <= PAGE_MAX ? page : 1;
}

/**
 * The page to show instead when a link asks for one past the end (items deleted or unpublished
 * since it was made): the last page, or null when the page asked for is fine.
 */
export function lastPageIfPastEnd(page: {
  page: number;
  shown: number;
  total: number;
  size: number;
}): number | null {
  return page.shown === 0 && page.total > 0 && page.page > 1 ? Math.ceil(page.total / page.size) : null;
}
