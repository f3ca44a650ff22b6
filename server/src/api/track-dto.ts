import type { Track } from '@soundfoundry/contract';
import type { ObjectStorage } from '../services/storage/index.ts';
import type { TrackRow } from '../services/tracks.ts';

/** A track as the API shows it, with fresh signed URLs for its stored files. */
export async function toTrackDto(
  row: TrackRow,
  jobId: string | null,
  storage: ObjectStorage,
  ttlSec: number,
  opts: {
    /** The plan (tens of KB) and the peaks (a few KB): single-track views carry them, lists do not. */
    withPlan?: boolean;
    /**
     * Whether the viewer owns the track. Anyone else (explore, share pages, a public
     * track's page) sees no owner id and no ids of the owner's private rows (series,
     * reference upload, job): they would link a public track to its account.
     */
    forOwner?: boolean;
    /** The quality refund (qualityRefundOf), given for the owner's single-track view only. */
    qualityRefund?: { credits: number; refunded_at: string } | null;
    /** Likes: the count (explore, single-track views), and the signed-in viewer's own like. */
    likes?: { count: number; liked?: boolean };
  } = {},
): Promise<Track> {
  const withPlan = opts.withPlan ?? true;
  const owner = opts.forOwner ?? false;
  const sign = (key: string | null) =>
    key ? storage.signedUrl(key, { expiresInSec: ttlSec, public: row.public }) : Promise.resolve(null);
  const [mp3, wav, preview, stems, midi, cover, cover256, cover512] = await Promise.all([
    sign(row.audioKey),
    sign(row.wavKey),
    sign(row.previewKey),
    sign(row.stemsKey),
    sign(row.midiKey),
    sign(row.coverKey),
    sign(row.cover256Key),
    sign(row.cover512Key),
  ]);
  return {
    id: row.id,
    user_id: owner ? row.userId : null,
    title: row.title,
    prompt: row.prompt,
    lyrics: row.lyrics,
    has_vocals: row.hasVocals,
    duration_s: row.durationS,
    genre: row.genre,
    style: row.style,
    resolved_style: row.resolvedStyle,
    bpm: row.bpm,
    key: row.key,
    style_strength: row.styleStrength,
    seed: row.seed,
    status: row.status,
    provider: row.provider,
    public: row.public,
    error_message: row.errorMessage,
    credits_required: row.creditsRequired,
    series_id: owner ? row.seriesId : null,
    reference_file_id: owner ? row.referenceFileId : null,
    visual_version: row.visualVersion,
    job_id: owner ? jobId : null,
    file_url: mp3,
    preview_url: preview,
    stems_zip_url: stems,
    cover_url: cover,
    cover_thumbs:
      cover256 && cover512
        ? [
            { width: 256, url: cover256 },
            { width: 512, url: cover512 },
          ]
        : [],
    files: { mp3, wav, preview, stems, midi },
    lyrics_unsung_lines: unsungLinesOf(row.plan),
    ...(withPlan
      ? {
          plan: row.plan ?? null,
          peaks: row.peaks ? { duration_s: row.peaks.durationSec, levels: row.peaks.levels } : null,
        }
      : {}),
    ...(owner && opts.qualityRefund !== undefined ? { quality_refund: opts.qualityRefund } : {}),
    ...(opts.likes ? { like_count: opts.likes.count } : {}),
    ...(opts.likes?.liked !== undefined ? { liked: opts.likes.liked } : {}),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/**
 * The engine's count of typed lyric lines it could not fit (plan.lyricsUnsungLines). Read from the
 * stored plan rather than a column of its own: the plan is the engine's record of what it sang (its
 * timed lyrics are beside it), every row the engine made has one, lists load it too, and no
 * migration is needed; tracks made before the count, and hosted models' tracks, say null.
 */
export function unsungLinesOf(plan: unknown): number | null {
  const n = (plan as { lyricsUnsungLines?: unknown } | null)?.lyricsUnsungLines;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
}
