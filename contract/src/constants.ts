// The contract's plain lists and limits, without zod: the web app's client code imports
// this module (`@soundfoundry/contract/constants`) so zod stays out of the browser
// bundle (zod is ~37 kB gzip there, and its eval probe trips the page's CSP).
// The schemas in common.ts and tracks.ts are built from these same values.

// The published lists. engine/src/types.ts holds the same lists as plain constants
// (the engine takes no zod); contract/src/common.test.ts keeps them identical.
export const GENRES = [
  'cinematic',
  'electronic',
  'house',
  'techno',
  'drum-and-bass',
  'pop',
  'rock',
  'hip-hop',
  'lo-fi',
  'trap',
  'jazz',
  'funk',
  'ambient',
  'classical',
  'folk',
  'world',
] as const;

export const TONICS = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;
export const KEYS = TONICS.flatMap((t) => [`${t} major`, `${t} minor`] as const);

export const TRACK_STATUSES = [
  'QUEUED',
  'RENDERING',
  'MASTERING',
  'COMPLETE',
  'FAILED',
  'CANCELLED',
] as const;
/**
 * A job or track in one of these has ended for good: no worker runs it again, its event stream
 * ends. CANCELLED is its owner's choice (POST /api/jobs/:id/cancel), FAILED the system's.
 */
export const FINAL_STATUSES = ['COMPLETE', 'FAILED', 'CANCELLED'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];
export const isFinalStatus = (s: string): s is FinalStatus =>
  (FINAL_STATUSES as readonly string[]).includes(s);

/**
 * What a cancelled track says (its job's final event and error, the track page): "Cancelled — 2
 * credits returned." The API writes it; the web app shows it at once after its own cancel.
 */
export const cancelledMessage = (refunded: number): string =>
  refunded > 0 ? `Cancelled — ${refunded} ${refunded === 1 ? 'credit' : 'credits'} returned.` : 'Cancelled.';

/** The library's orders (GET /api/tracks?sort=), over all of the user's tracks, not one page. */
/** A style id's shape ("bossa-nova"): lower-case words joined by "-", at most 40 characters. */
export const STYLE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const STYLE_ID_MAX = 40;

export const TRACK_SORTS = ['newest', 'oldest', 'title', 'longest'] as const;

/** Explore's orders (GET /api/explore?sort=): newest, or popular (most liked; ties newest). */
export const EXPLORE_SORTS = ['newest', 'popular'] as const;

export const LIMITS = {
  promptMin: 10,
  promptMax: 1000,
  lyricsMax: 3500,
  titleMax: 120,
  durationMin: 15,
  durationMax: 240,
  bpmMin: 40,
  bpmMax: 220,
  seedMax: 2 ** 31 - 1,
  /** Series one account keeps (each is a row, a palette and a list entry on every library load). */
  seriesMax: 100,
  /** Cover versions one track keeps, all downloadable (each ≈0.4 MB stored; drawing one is free). */
  coverVersionsMax: 20,
} as const;

/** What `GET /api/tracks/:id/download?format=` serves. */
export const DOWNLOAD_FORMATS = ['mp3', 'wav', 'preview', 'stems', 'midi', 'cover-svg', 'cover-png'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

/**
 * What a quality refund gives back for a finished track that was charged `charged` credits: half,
 * rounded up (the API's refundQuality applies it; the track page says it before asking).
 */
export const qualityRefundCredits = (charged: number): number => Math.ceil(charged / 2);

/** Widths (px) of the current cover's smaller renditions, narrowest first (cover_thumbs, download `size`). */
export const COVER_THUMB_WIDTHS = [256, 512] as const;

/**
 * Same-origin path of `GET /api/tracks/:id/download`, which redirects to the file: for pages that
 * link a file without holding its signed URL (a storage key names the owner).
 */
export function trackDownloadPath(
  trackId: string,
  format: DownloadFormat,
  opts: { version?: number; size?: number } = {},
): string {
  const query = new URLSearchParams({ format });
  if (opts.version !== undefined) query.set('version', String(opts.version));
  if (opts.size !== undefined) query.set('size', String(opts.size));
  return `/api/tracks/${trackId}/download?${query}`;
}

/**
 * A wait as people read it, rounded up to the minute: "14 h 03 min", "42 min", at least "1 min"
 * (the plan limit's reset in the API's message and on the credits page).
 */
export function untilText(ms: number): string {
  const min = Math.max(1, Math.ceil(ms / 60_000));
  const h = Math.floor(min / 60);
  const m = min % 60;
  return h === 0 ? `${m} min` : `${h} h ${String(m).padStart(2, '0')} min`;
}

/**
 * Length in characters (code points) as a person counts them, not UTF-16 units ("🎹" is 1): the
 * API's text limits count this way (common.ts `Text`), and so does every count the web app shows.
 */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
