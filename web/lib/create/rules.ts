import type { CreateTrackBody, Plan } from '@soundfoundry/contract';
import { charLength, GENRES, KEYS, LIMITS } from '@soundfoundry/contract/constants';

export { EXAMPLE_PROMPTS, exampleChipLabel } from './examples';

// The create form's rules, pure: what the form may send and what it says when it may not.
// The API checks the same limits (contract LIMITS); these catch mistakes before a request.

/** FREE plans render at most 60 s (the server's FREE_MAX_DURATION_S default); paid plans 240 s. */
export const FREE_MAX_DURATION_S = 60;

export function maxDurationFor(plan: Plan | undefined): number {
  return plan === undefined || plan === 'FREE' ? FREE_MAX_DURATION_S : LIMITS.durationMax;
}

/** 1 credit buys 30 s (DESIGN §4); the live figure comes from /api/credits/cost-preview. */
export function estimateCredits(durationS: number): number {
  return Math.ceil(durationS / 30);
}

export interface CreateValues {
  prompt: string;
  /** The person's own title; empty: the API names the track from the prompt. */
  title: string;
  duration: number;
  genre: string;
  /** A style id from GET /api/styles (set by a preset); empty when the prompt decides. */
  style: string;
  key: string;
  bpm: string;
  styleStrength: number;
  seed: string;
  hasVocals: boolean;
  lyrics: string;
  referenceFileId: string | null;
  seriesId: string;
}

export const DEFAULT_VALUES: CreateValues = {
  prompt: '',
  title: '',
  duration: 30,
  genre: '',
  style: '',
  key: '',
  bpm: '',
  styleStrength: 0.5,
  seed: '',
  hasVocals: false,
  lyrics: '',
  referenceFileId: null,
  seriesId: '',
};

export type FieldErrors = Partial<
  Record<'prompt' | 'title' | 'duration' | 'bpm' | 'seed' | 'lyrics' | 'key' | 'genre', string>
>;

export const MESSAGES = {
  promptEmpty: 'Please enter a prompt',
  promptShort: `Your prompt needs at least ${LIMITS.promptMin} characters — describe a mood, a style or an instrument.`,
  promptLong: `Keep your prompt under ${LIMITS.promptMax} characters.`,
  titleLong: `A title can be up to ${LIMITS.titleMax} characters.`,
  durationOver: (max: number) =>
    `Your plan renders up to ${max} seconds per track. Buy a credit pack to unlock up to ${LIMITS.durationMax} seconds.`,
  durationRange: `Pick a length from ${LIMITS.durationMin} seconds.`,
  bpm: `Tempo must be a whole number from ${LIMITS.bpmMin} to ${LIMITS.bpmMax} BPM, or empty to let the prompt decide.`,
  seed: `A seed is a whole number from 0 to ${LIMITS.seedMax}, or empty for a random one.`,
  lyricsLong: `Lyrics can be up to ${LIMITS.lyricsMax} characters.`,
  lyricsEmpty: 'Write the words to sing (section tags alone are not sung), or turn Vocals off.',
  key: 'Pick one of the 24 keys.',
  genre: 'Pick a genre from the list.',
} as const;

/**
 * A text's length against its limit, as the form shows it under the field: "120/3500", and past
 * the limit "3900/3500 · 400 too many", an error (the words say it too, not only the colour).
 */
export function lengthCount(length: number, max: number): { text: string; over: boolean } {
  const over = length > max;
  return { text: `${length}/${max}${over ? ` · ${length - max} too many` : ''}`, over };
}

const isWhole = (s: string) => /^\d+$/.test(s.trim());

/** Lyrics hold a word to sing outside their section tags ("[Verse]", "[Chorus]"…). */
export const hasSungWords = (lyrics: string) => /[\p{L}\p{N}]/u.test(lyrics.replace(/\[[^\]]*\]/g, ''));

export function validateCreate(
  v: CreateValues,
  plan: Plan | undefined,
): { errors: FieldErrors; body: CreateTrackBody | null } {
  const errors: FieldErrors = {};
  const prompt = v.prompt.trim();
  if (!prompt) errors.prompt = MESSAGES.promptEmpty;
  else if (charLength(prompt) < LIMITS.promptMin) errors.prompt = MESSAGES.promptShort;
  else if (charLength(prompt) > LIMITS.promptMax) errors.prompt = MESSAGES.promptLong;

  const title = v.title.trim();
  if (charLength(title) > LIMITS.titleMax) errors.title = MESSAGES.titleLong;

  const max = maxDurationFor(plan);
  if (!Number.isInteger(v.duration) || v.duration < LIMITS.durationMin)
    errors.duration = MESSAGES.durationRange;
  else if (v.duration > max) errors.duration = MESSAGES.durationOver(max);

  let bpm: number | undefined;
  if (v.bpm.trim()) {
    bpm = Number(v.bpm);
    if (!isWhole(v.bpm) || bpm < LIMITS.bpmMin || bpm > LIMITS.bpmMax) errors.bpm = MESSAGES.bpm;
  }
  let seed: number | undefined;
  if (v.seed.trim()) {
    seed = Number(v.seed);
    if (!isWhole(v.seed) || seed > LIMITS.seedMax) errors.seed = MESSAGES.seed;
  }
  if (v.hasVocals && charLength(v.lyrics) > LIMITS.lyricsMax) errors.lyrics = MESSAGES.lyricsLong;
  // The vocals sing the lyrics' words: with none, the track would be marked as sung and nothing sung.
  else if (v.hasVocals && !hasSungWords(v.lyrics)) errors.lyrics = MESSAGES.lyricsEmpty;
  if (v.key && !(KEYS as readonly string[]).includes(v.key)) errors.key = MESSAGES.key;
  if (v.genre && !(GENRES as readonly string[]).includes(v.genre)) errors.genre = MESSAGES.genre;

  if (Object.keys(errors).length > 0) return { errors, body: null };
  const body: CreateTrackBody = {
    prompt,
    duration_s: v.duration,
    style_strength: Math.round(v.styleStrength * 100) / 100,
    has_vocals: v.hasVocals,
  };
  if (title) body.title = title;
  if (v.genre) body.genre = v.genre as CreateTrackBody['genre'];
  if (v.style) body.style = v.style;
  if (v.key) body.key = v.key;
  if (bpm !== undefined) body.bpm = bpm;
  if (seed !== undefined) body.seed = seed;
  if (v.hasVocals && v.lyrics.trim()) body.lyrics = v.lyrics;
  if (v.referenceFileId) body.reference_file_id = v.referenceFileId;
  if (v.seriesId) body.series_id = v.seriesId;
  return { errors, body };
}

/** What a reference brings to the form: its file, and the tempo and key read from it (or picked). */
export interface ReferenceReading {
  fileId: string;
  bpm: number | null;
  key: string | null;
}

/**
 * The form once a reference is used: the request carries its file, and its tempo and key fill the
 * BPM and Key fields where they are ones the API takes (the person may change them after).
 * An analysed upload is used at once (a musician who uploads a reference expects it to guide the
 * track); "Don't use this reference" lets it go again (`referenceFileId: null`).
 */
export function withReference(v: CreateValues, r: ReferenceReading): CreateValues {
  return {
    ...v,
    referenceFileId: r.fileId,
    bpm: r.bpm && r.bpm >= LIMITS.bpmMin && r.bpm <= LIMITS.bpmMax ? String(r.bpm) : v.bpm,
    key: r.key && (KEYS as readonly string[]).includes(r.key) ? r.key : v.key,
  };
}

/**
 * "Make another like this": the same settings with a new seed (the engine picks one), and the
 * same reference track when the API named it (it does to the track's owner only).
 */
export function valuesFromTrack(t: {
  prompt: string;
  duration_s: number;
  genre: string | null;
  style: string | null;
  key: string | null;
  bpm: number | null;
  style_strength: number;
  has_vocals: boolean;
  lyrics: string | null;
  series_id: string | null;
  reference_file_id?: string | null;
}): CreateValues {
  return {
    ...DEFAULT_VALUES,
    prompt: t.prompt,
    duration: t.duration_s,
    genre: t.genre ?? '',
    style: t.style ?? '',
    key: t.key ?? '',
    bpm: t.bpm ? String(t.bpm) : '',
    styleStrength: t.style_strength,
    hasVocals: t.has_vocals,
    lyrics: t.lyrics ?? '',
    seriesId: t.series_id ?? '',
    referenceFileId: t.reference_file_id ?? null,
  };
}

export const SECTION_TAGS = [
  '[Intro]',
  '[Verse]',
  '[Pre-Chorus]',
  '[Chorus]',
  '[Bridge]',
  '[Outro]',
] as const;

/** Inserts a section tag on its own line at the caret; returns the new text and caret. */
export function insertTag(text: string, caret: number, tag: string): { text: string; caret: number } {
  const before = text.slice(0, caret);
  const after = text.slice(caret);
  const lead = before.length === 0 || before.endsWith('\n') ? '' : '\n';
  const insert = `${lead}${tag}\n`;
  return { text: before + insert + after, caret: caret + insert.length };
}
