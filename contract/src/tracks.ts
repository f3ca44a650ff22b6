import { z } from 'zod';
import { Genre, IsoDate, MusicalKey, PageQuery, Text, Uuid } from './common.ts';
import { DOWNLOAD_FORMATS, EXPLORE_SORTS, LIMITS, TRACK_SORTS, TRACK_STATUSES } from './constants.ts';
import { StyleId } from './styles.ts';

export {
  cancelledMessage,
  DOWNLOAD_FORMATS,
  FINAL_STATUSES,
  type FinalStatus,
  isFinalStatus,
  LIMITS,
  TRACK_SORTS,
  TRACK_STATUSES,
  trackDownloadPath,
} from './constants.ts';
export const TrackStatus = z.enum(TRACK_STATUSES);
export type TrackStatus = z.infer<typeof TrackStatus>;

/** POST /api/tracks. Unknown fields are refused, so a typo never silently does nothing. */
export const CreateTrackBody = z
  .strictObject({
    prompt: Text({ min: LIMITS.promptMin, max: LIMITS.promptMax, multiline: true }),
    duration_s: z.number().int().min(LIMITS.durationMin).max(LIMITS.durationMax),
    title: Text({ min: 1, max: LIMITS.titleMax }).optional(),
    genre: Genre.optional(),
    style: StyleId.optional().describe(
      'a style id of GET /api/styles; wins over the style the prompt names (its genre is the track genre)',
    ),
    key: MusicalKey.optional(),
    bpm: z.number().int().min(LIMITS.bpmMin).max(LIMITS.bpmMax).optional(),
    style_strength: z.number().min(0).max(1).default(0.5),
    seed: z.number().int().min(0).max(LIMITS.seedMax).optional(),
    has_vocals: z.boolean().default(false),
    lyrics: Text({ max: LIMITS.lyricsMax, multiline: true, trim: false }).optional(),
    reference_file_id: Uuid.optional(),
    series_id: Uuid.optional(),
  })
  .refine((b) => !b.lyrics || b.has_vocals, {
    message: 'lyrics need has_vocals: true',
    path: ['lyrics'],
  });
export type CreateTrackBody = z.input<typeof CreateTrackBody>;
export type CreateTrackInput = z.output<typeof CreateTrackBody>;

export const CreateTrackResponse = z.object({
  track_id: Uuid,
  job_id: Uuid,
  credits_required: z.number().int(),
});

export const TrackFiles = z.object({
  mp3: z.string().nullable(),
  wav: z.string().nullable(),
  preview: z.string().nullable(),
  stems: z.string().nullable(),
  midi: z.string().nullable(),
});

export const Track = z.object({
  id: Uuid,
  user_id: z.string().nullable().describe("The owner's id; null for anyone but the owner"),
  title: z.string(),
  prompt: z.string(),
  lyrics: z.string().nullable(),
  has_vocals: z.boolean(),
  duration_s: z.number().int(),
  genre: z.string().nullable(),
  style: z.string().nullable().describe('the style id asked for at creation (null: chosen from the prompt)'),
  resolved_style: z
    .string()
    .nullable()
    .describe(
      'the style id the track was made in: the asked style, else the one the local engine chose from the prompt; null while unfinished or when a hosted model chose (GET /api/tracks?style= finds tracks by it)',
    ),
  bpm: z.number().int().nullable(),
  key: z.string().nullable(),
  style_strength: z.number(),
  seed: z.number().int(),
  status: TrackStatus,
  provider: z.string().nullable(),
  public: z.boolean(),
  error_message: z.string().nullable(),
  credits_required: z.number().int(),
  series_id: Uuid.nullable(),
  reference_file_id: Uuid.nullable(),
  visual_version: z.number().int(),
  job_id: Uuid.nullable(),
  file_url: z.string().nullable().describe('Signed URL of the full MP3 (expires)'),
  preview_url: z.string().nullable(),
  stems_zip_url: z.string().nullable(),
  cover_url: z.string().nullable(),
  cover_thumbs: z
    .array(z.object({ width: z.number().int(), url: z.string() }))
    .describe(
      'The current cover at smaller widths (signed URLs, narrowest first) for an <img srcset>; cover_url stays the 1024 px file. Empty for covers drawn before them.',
    ),
  files: TrackFiles,
  plan: z
    .unknown()
    .nullable()
    .optional()
    .describe(
      'What the engine composed: sections, chords, lyric timings (GET /api/tracks/:id only; lists omit it)',
    ),
  lyrics_unsung_lines: z
    .number()
    .int()
    .min(0)
    .nullable()
    .describe(
      'How many of the typed lyric lines the song does not sing: the last ones, left out only when the duration is too short for all of them at one line a bar (choose a longer duration to hear them all). 0 when all are sung; null without sung lyrics or when the music service does not say (hosted models)',
    ),
  peaks: z
    .object({
      duration_s: z.number().describe("the audio's own length, which the levels span"),
      levels: z
        .array(z.number().int().min(0).max(255))
        .max(2000)
        .describe("each bucket's peak level, 0 (silence) to 255 (full scale), evenly spread in time"),
    })
    .nullable()
    .optional()
    .describe(
      'The mastered waveform, for drawing without the audio (GET /api/tracks/:id only; null for tracks stored before it)',
    ),
  quality_refund: z
    .object({
      credits: z.number().int().describe('how many credits came back'),
      refunded_at: IsoDate,
    })
    .nullable()
    .optional()
    .describe(
      "The track's quality refund (POST /api/tracks/:id/refund-quality), once made; null while none was. To its owner on GET /api/tracks/:id only (lists and other viewers omit it)",
    ),
  like_count: z
    .number()
    .int()
    .optional()
    .describe('How many people like the track (explore, and GET /api/tracks/:id); omitted from the library'),
  liked: z
    .boolean()
    .optional()
    .describe('Whether the signed-in viewer likes it (GET /api/tracks/:id only; omitted when signed out)'),
  created_at: IsoDate,
  updated_at: IsoDate,
});
export type Track = z.infer<typeof Track>;

/** PUT/DELETE /api/tracks/:id/like: the viewer's like and the count after it. */
export const TrackLike = z.object({ liked: z.boolean(), like_count: z.number().int() });
export type TrackLike = z.infer<typeof TrackLike>;

/** `?q=` of the library and explore: plain text, at most 200 characters. */
export const SearchText = Text({ max: 200 });

export const ListTracksQuery = PageQuery.extend({
  q: SearchText.optional(),
  status: TrackStatus.optional(),
  series_id: Uuid.optional(),
  /** The track's genre (its style's family, as the track page and the cards show it). */
  genre: Genre.optional(),
  /**
   * The style a finished track was made in (`resolved_style`: "bossa-nova", or a genre's own style
   * such as "jazz", which is narrower than genre=jazz), an id of GET /api/styles.
   */
  style: StyleId.optional(),
  /** newest (default), oldest, title (A–Z) or longest first; ties newest first. */
  sort: z.enum(TRACK_SORTS).optional(),
});

/** Explore's filters: the public tracks' text and style, newest first. */
export const ExploreQuery = PageQuery.extend({
  q: SearchText.optional(),
  /** newest (default) or popular: most liked first, ties newest first. */
  sort: z.enum(EXPLORE_SORTS).default('newest'),
  /** The track's genre, as on the library's style filter. */
  genre: Genre.optional(),
});

export const TrackList = z.object({
  items: z.array(Track),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
});

export const PatchTrackBody = z
  .strictObject({
    title: Text({ min: 1, max: LIMITS.titleMax }).optional(),
    public: z.boolean().optional(),
    /** Moves the track to another of the user's series. */
    series_id: Uuid.optional(),
  })
  .refine((b) => b.title !== undefined || b.public !== undefined || b.series_id !== undefined, {
    message: 'give title, public and/or series_id',
  });

export const DownloadQuery = z.strictObject({
  format: z.enum(DOWNLOAD_FORMATS).default('mp3'),
  /** Cover formats only: an earlier visual version (default: the current one). */
  version: z.coerce.number().int().min(1).max(100_000).optional(),
  /**
   * cover-png only: a smaller rendition (COVER_THUMB_WIDTHS, current version only) for small places,
   * or the 2048 px print size (any version).
   */
  size: z.enum(['256', '512', '2048']).optional(),
});
