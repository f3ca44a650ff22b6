import { z } from 'zod';
import { charLength, GENRES, KEYS } from './constants.ts';

export { charLength, GENRES, KEYS, TONICS } from './constants.ts';
export const Genre = z.enum(GENRES);
export type Genre = z.infer<typeof Genre>;

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

/**
 * A UUID in its canonical lower-case form: the database compares uuids without case,
 * but storage keys, caches and logs are strings, so `ABC…` and `abc…` must be one id
 * before anything is built from it. (`overwrite` keeps the JSON Schema a plain uuid.)
 */
export const Uuid = z.uuid().overwrite((s) => s.toLowerCase());
// C0 and C1 control characters and DEL. NUL cannot be stored by PostgreSQL at all;
// the others are invisible, break logs and terminals, and are never meant in a title.
// Lone surrogates (\p{Cs} in u-mode) are not text either: they cannot be encoded as UTF-8.
// Bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069) count as control characters:
// "\u202Egnp.exe" shows as "exe.png". The marks U+200E/U+200F, which right-to-left text uses, stay.
const CONTROL_SINGLE_LINE = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;
// Lyrics and prompts may span lines: tab, LF and CR are allowed there.
const CONTROL_MULTI_LINE = /[^\P{Cc}\t\n\r]|[\p{Cs}\u202A-\u202E\u2066-\u2069]/u;

/** Whether `s` is safe text: well-formed Unicode, no control characters (bar line breaks if multiline). */
export function isCleanText(s: string, multiline = false): boolean {
  return !(multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(s);
}

/**
 * Every free-text field of the API goes through this one rule: Unicode NFC (one
 * spelling of "é"), trimmed, control characters and lone surrogates refused with a
 * 400 (never a 500 from the database), lengths counted in characters.
 */
export function Text(opts: { min?: number; max: number; multiline?: boolean; trim?: boolean }) {
  const min = opts.min ?? 0;
  let s = z.string().normalize('NFC');
  if (opts.trim !== false) s = s.trim();
  return s
    .refine((v) => isCleanText(v, opts.multiline), {
      message: opts.multiline
        ? 'must not contain control characters (other than tab and line breaks)'
        : 'must not contain control characters',
      abort: true,
    })
    .refine((v) => charLength(v) >= min, {
      message: `must be at least ${min} character${min === 1 ? '' : 's'}`,
      abort: true,
    })
    .refine((v) => charLength(v) <= opts.max, { message: `must be at most ${opts.max} characters` })
    .meta({ minLength: min, maxLength: opts.max });
}

export const IsoDate = z.string().describe('ISO 8601 timestamp');

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const IdParams = z.object({ id: Uuid });
