import { z } from 'zod';

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
export const Genre = z.enum(GENRES);
export type Genre = z.infer<typeof Genre>;

export const TONICS = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;
export const KEYS = TONICS.flatMap((t) => [`${t} major`, `${t} minor`] as const);
const FLAT_TO_SHARP: Record<string, string> = { Db: 'C#', Eb: 'D#', Gb: 'F#', Ab: 'G#', Bb: 'A#' };

/**
 * One of the 24 keys, canonically "F# minor". Accepts flats ("Bb major") and any
 * letter case and normalises them, so clients need not know our spelling.
 */
export const MusicalKey = z
  .string()
  .max(16)
  .transform((raw, ctx) => {
    const m = /^\s*([A-Ga-g])([#b♯♭]?)\s*(major|minor|maj|min)\s*$/i.exec(raw);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: 'key must look like "F# minor" or "C major"' });
      return z.NEVER;
    }
    const letter = m[1]!.toUpperCase();
    const accidental = m[2] === '♯' ? '#' : m[2] === '♭' ? 'b' : (m[2] ?? '');
    const mode = m[3]!.toLowerCase().startsWith('maj') ? 'major' : 'minor';
    let tonic = `${letter}${accidental}`;
    if (accidental === 'b') tonic = FLAT_TO_SHARP[tonic] ?? '';
    if (accidental === '#' && (letter === 'E' || letter === 'B')) tonic = '';
    const key = `${tonic} ${mode}`;
    if (!tonic || !(KEYS as readonly string[]).includes(key)) {
      ctx.addIssue({ code: 'custom', message: `unknown key "${raw}"` });
      return z.NEVER;
    }
    return key;
  });

export const Uuid = z.uuid();
export const IsoDate = z.string().describe('ISO 8601 timestamp');

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const IdParams = z.object({ id: Uuid });
