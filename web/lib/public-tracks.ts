import 'server-only';
import type { Track, TrackList } from '@soundfoundry/contract';
import { type EXPLORE_SORTS, trackDownloadPath } from '@soundfoundry/contract/constants';
import type { z } from 'zod';
import type { CoverThumb } from '@/components/tracks/cover';
import { internalApi } from './site';

// Server-side reads of public data for server-rendered pages. Only the fields a page
// shows leave this module: never the owner's id.

export type ExploreSort = (typeof EXPLORE_SORTS)[number];

export interface PublicTrack {
  id: string;
  title: string;
  prompt: string;
  genre: string | null;
  key: string | null;
  bpm: number | null;
  durationS: number;
  seed: number;
  coverUrl: string | null;
  /** The cover at 256 and 512 px, when the track has them (covers drawn before them do not). */
  coverThumbs: CoverThumb[];
  audioUrl: string | null;
  hasVocals: boolean;
  /** How many people like it (0 when the API did not say). */
  likeCount: number;
  createdAt: string;
}

function toPublic(t: z.infer<typeof Track>): PublicTrack {
  return {
    id: t.id,
    title: t.title,
    prompt: t.prompt,
    genre: t.genre,
    key: t.key,
    bpm: t.bpm,
    durationS: t.duration_s,
    seed: t.seed,
    // Download routes, not signed URLs: a storage key names the owner (users/{id}/…).
    coverUrl: t.cover_url ? trackDownloadPath(t.id, 'cover-png') : null,
    coverThumbs: t.cover_url
      ? t.cover_thumbs.map((c) => ({
          width: c.width,
          url: trackDownloadPath(t.id, 'cover-png', { size: c.width }),
        }))
      : [],
    audioUrl: t.file_url ? trackDownloadPath(t.id, 'mp3') : null,
    hasVocals: t.has_vocals,
    likeCount: t.like_count ?? 0,
    createdAt: t.created_at,
  };
}

export async function getPublicTrack(id: string): Promise<PublicTrack | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const res = await fetch(`${internalApi()}/api/tracks/${id}`, { cache: 'no-store' });
  if (!res.ok) return null;
  const t = (await res.json()) as z.infer<typeof Track>;
  return t.public && t.status === 'COMPLETE' ? toPublic(t) : null;
}

/**
 * A page of explore: public tracks, newest first (or most liked first), narrowed by words (title or
 * prompt) and style.
 */
export async function listPublicTracks(
  f: { page: number; q?: string; genre?: string; sort?: ExploreSort },
  limit = 24,
): Promise<{ items: PublicTrack[]; total: number }> {
  const qs = new URLSearchParams({ page: String(f.page), limit: String(limit) });
  if (f.q) qs.set('q', f.q);
  if (f.genre) qs.set('genre', f.genre);
  if (f.sort && f.sort !== 'newest') qs.set('sort', f.sort);
  try {
    const res = await fetch(`${internalApi()}/api/explore?${qs}`, { cache: 'no-store' });
    if (!res.ok) return { items: [], total: 0 };
    const body = (await res.json()) as z.infer<typeof TrackList>;
    return { items: body.items.map(toPublic), total: body.total };
  } catch {
    return { items: [], total: 0 };
  }
}
