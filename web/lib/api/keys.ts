import type { TrackStatus } from '@soundfoundry/contract';
import type { TRACK_SORTS } from '@soundfoundry/contract/constants';

// Query keys, in a module of their own (no 'use client'): server pages prefetch under the
// same keys the hooks read (lib/api/server.ts), so the first render already has the data.
export const keys = {
  me: ['me'] as const,
  credits: ['credits'] as const,
  tracks: (p?: object) => (p ? (['tracks', p] as const) : (['tracks'] as const)),
  track: (id: string) => ['track', id] as const,
  job: (id: string) => ['job', id] as const,
  file: (id: string) => ['file', id] as const,
  cost: (d: number) => ['cost-preview', d] as const,
  series: ['series'] as const,
  styles: ['styles'] as const,
  sessions: ['sessions'] as const,
};

export interface TracksParams {
  page: number;
  limit: number;
  q?: string;
  status?: TrackStatus | '';
  series_id?: string;
  genre?: string;
  style?: string;
  sort?: (typeof TRACK_SORTS)[number];
}

/** GET /api/tracks for one page of the library (the path useTracks and server prefetch both use). */
export function tracksPath(p: TracksParams): string {
  const qs = new URLSearchParams({ page: String(p.page), limit: String(p.limit) });
  if (p.q?.trim()) qs.set('q', p.q.trim());
  if (p.status) qs.set('status', p.status);
  if (p.series_id) qs.set('series_id', p.series_id);
  if (p.genre) qs.set('genre', p.genre);
  if (p.style) qs.set('style', p.style);
  if (p.sort && p.sort !== 'newest') qs.set('sort', p.sort);
  return `/api/tracks?${qs}`;
}

/** The create page's "Recent" list (prefetched by the page on the server). */
export const RECENT_TRACKS: TracksParams = { page: 1, limit: 6 };
