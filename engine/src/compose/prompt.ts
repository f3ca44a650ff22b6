// Reads the free-text prompt: style, tempo and mood words, meter, key, named instruments,
// exclusions and restrictions. Everything here is a hint; explicit GenerateParams fields always win
// (resolve.ts applies the priority: explicit field > number/key in the prompt > instrument and
// style words > mood words > style default).
import { type Genre, type Mode, TONICS, type Tonic } from '../types.ts';
import { findInstruments, type InstrumentWord } from './instruments.ts';
import type { MeterName } from './meter.ts';
import { findStyle, normalisePromptText, type StyleDef } from './styles.ts';

export interface PromptHints {
  /** The named style's published genre (kept for callers that only know genres). */
  genre?: Genre;
  style?: StyleDef;
  bpm?: number;
  tonic?: Tonic;
  /** Mode from a key written in the prompt ("in D minor"). */
  keyMode?: Mode;
  /** Mode from a key, else from mood words. */
  mode?: Mode;
  /** −1 (calm) .. +1 (energetic); 0 when the prompt says nothing. */
  energyBias: number;
  /** Sum of tempo and mood words: −1.2 slow .. +1.2 fast. */
  tempoBias: number;
  /** −1 sparser .. +1 busier melody and comping. */
  density: number;
  /** Semitones the melody moves (dark/sad lower, happy higher). */
  register: number;
  /** Extra reverb send (dreamy). */
  reverb: number;
  /** Explicit instrument choices by role (the first named instrument of each role). */
  instruments: { bass?: number; comp?: number; pad?: number; lead?: number; drumKit?: number };
  /** Every named instrument, in prompt order. */
  named: InstrumentWord[];
  /** −1 darker/warmer .. +1 brighter. */
  brightness: number;
  /** The prompt asks for a vinyl/tape texture. */
  vinyl: boolean;
  meter?: MeterName;
  halfTime: boolean;
  shuffle: boolean;
  noDrums: boolean;
  /** Drums asked for by name ("with drums", "brushes"). */
  drumsNamed: boolean;
  noVocals: boolean;
  /** Only the named instruments play ("solo cello", "piano and cello duet", "piano only"). */
  exclusive: boolean;
  tags: string[];
}

interface Mood {
  name: string;
  words: string;
  mode?: Mode;
  tempo?: number;
  energy?: number;
  density?: number;
  register?: number;
  bright?: number;
  reverb?: number;
}

/** Mood words and what each moves. A mood counts once however many of its words appear. */
const MOODS: Mood[] = [
  {
    name: 'sad',
    words:
      'sad|sadness|melanchol\\w*|sorrow\\w*|lament\\w*|grief|heartbroken|mournful|tearful|somber|sombre|nostalgic|lonely|bittersweet',
    mode: 'minor',
    tempo: -0.5,
    energy: -0.3,
    density: -0.3,
    register: -2,
  },
  {
    name: 'dark',
    words: 'dark|darker|sinister|ominous|menacing|brooding|haunting|eerie|tense|moody|gloomy|noir|evil',
    mode: 'minor',
    tempo: -0.1,
    bright: -0.5,
    register: -4,
  },
  {
    name: 'happy',
    words:
      'happy|joyful|joyous|cheerful|sunny|uplifting|bright|hopeful|feel-?good|playful|fun|triumphant|euphoric|carefree',
    mode: 'major',
    tempo: 0.3,
    energy: 0.2,
    register: 2,
    bright: 0.3,
  },
  {
    name: 'dreamy',
    words: 'dreamy|dreamlike|ethereal|floating|hazy|wistful|spacey|spacious|lush',
    tempo: -0.4,
    energy: -0.3,
    density: -0.3,
    reverb: 0.2,
    bright: -0.2,
  },
  {
    name: 'aggressive',
    words: 'aggressive|angry|furious|brutal|fierce|heavy|hard-?hitting|intense|violent|raging|menacing',
    mode: 'minor',
    tempo: 0.4,
    energy: 0.5,
    density: 0.3,
    register: -2,
  },
  {
    name: 'calm',
    words:
      'calm|peaceful|serene|relaxed|relaxing|soothing|gentle|tranquil|quiet|soft|mellow|sleepy|meditative|smooth|smoky|tender',
    tempo: -0.5,
    energy: -0.4,
    density: -0.3,
  },
  {
    name: 'energetic',
    words: 'energetic|upbeat|driving|powerful|hype|banging|party|epic|bouncy|lively|loud',
    tempo: 0.4,
    energy: 0.5,
    density: 0.2,
  },
];

const TEMPO_WORDS: [string, number][] = [
  ['slow|slowly|slower|downtempo|lazy|unhurried|adagio|largo|lento|crawling', -1],
  ['laid-?back|chilled|chill|late[- ]night|easy-?going', -0.6],
  ['fast|faster|quick|rapid|frantic|uptempo|up-tempo|speedy|presto|allegro|breakneck', 1],
  ['brisk|lively tempo|moderately fast', 0.5],
];

const METER_WORDS: [string, MeterName][] = [
  ['12/8|twelve[- ]eight', '12/8'],
  ['6/8|six[- ]eight|jig|barcarolle|siciliana|tarantella', '6/8'],
  ['3/4|three[- ]four|waltz(?:ing)?|minuet|mazurka|in three|triple meter|triple time', '3/4'],
  ['2/4|two[- ]four|cut time', '2/4'],
  ['4/4|four[- ]four|common time|four on the floor', '4/4'],
];

const FLAT_TO_SHARP: Record<string, Tonic> = {
  DB: 'C#',
  EB: 'D#',
  GB: 'F#',
  AB: 'G#',
  BB: 'A#',
  CB: 'B',
  FB: 'E',
};

const word = (alternation: string): RegExp => new RegExp(`(?:^|[^\\w-])(?:${alternation})(?![\\w-])`);

/** A note name with an optional accidental ("Bb", "F#", "E flat") as a sharp-spelled tonic. */
export function parseTonic(letter: string, accidental: string): Tonic | undefined {
  const up = letter.toUpperCase();
  const acc = accidental.trim().toLowerCase();
  if (acc === '#' || acc === '♯' || acc === 'sharp') {
    const idx = TONICS.indexOf(up as Tonic);
    return idx < 0 ? undefined : TONICS[(idx + 1) % 12];
  }
  if (acc === 'b' || acc === '♭' || acc === 'flat') return FLAT_TO_SHARP[`${up}B`] ?? undefined;
  return TONICS.includes(up as Tonic) ? (up as Tonic) : undefined;
}

/** "Bb major", "F# minor", "Eb minor", "c sharp minor" → the canonical "A# major"; undefined if not a key. */
export function normaliseKeyName(raw: string): `${Tonic} ${Mode}` | undefined {
  const m = /^\s*([a-g])\s*(#|♯|b|♭|\s+sharp|\s+flat)?\s*(major|minor|maj|min|m)?\s*$/i.exec(raw);
  if (!m) return undefined;
  const tonic = parseTonic(m[1]!, m[2] ?? '');
  if (!tonic) return undefined;
  const mode: Mode = !m[3] || /^maj/i.test(m[3]) ? 'major' : 'minor';
  return `${tonic} ${mode}`;
}

export function parsePrompt(prompt: string): PromptHints {
  const text = normalisePromptText(prompt);
  const hints: PromptHints = {
    energyBias: 0,
    tempoBias: 0,
    density: 0,
    register: 0,
    reverb: 0,
    instruments: {},
    named: [],
    brightness: 0,
    vinyl: false,
    halfTime: false,
    shuffle: false,
    noDrums: false,
    drumsNamed: false,
    noVocals: false,
    exclusive: false,
    tags: [],
  };
  hints.style = findStyle(text);
  hints.genre = hints.style?.genre;

  const bpmMatch = /(\d{2,3}(?:\.\d+)?)\s*(?:bpm|beats per minute)/.exec(text);
  if (bpmMatch) hints.bpm = Math.round(Number(bpmMatch[1]));

  // "in D minor", "F# major", "Bb minor", "E flat major", "Am".
  const keyMatch = /\b([a-g])(#|♯|b|♭|\s(?:sharp|flat))?\s*(major|minor|maj|min|m)\b/i.exec(prompt);
  if (keyMatch) {
    const tonic = parseTonic(keyMatch[1]!, keyMatch[2] ?? '');
    // A bare "m" must be attached to the letter (Am), not a stray word like "a m".
    const stray = keyMatch[3] === 'm' && /\s/.test(keyMatch[0]);
    if (tonic && !stray) {
      hints.tonic = tonic;
      hints.keyMode = /^maj/i.test(keyMatch[3]!) ? 'major' : 'minor';
    }
  }

  let moodMode: Mode | undefined;
  for (const mood of MOODS) {
    if (!word(mood.words).test(text)) continue;
    hints.tags.push(mood.name);
    moodMode ??= mood.mode;
    hints.tempoBias += mood.tempo ?? 0;
    hints.energyBias += mood.energy ?? 0;
    hints.density += mood.density ?? 0;
    hints.register += mood.register ?? 0;
    hints.brightness += mood.bright ?? 0;
    hints.reverb += mood.reverb ?? 0;
  }
  if (/\bminor\b/.test(text) && !hints.keyMode) moodMode = 'minor';
  else if (/\bmajor\b/.test(text) && !hints.keyMode) moodMode = 'major';
  hints.mode = hints.keyMode ?? moodMode;
  for (const [words, bias] of TEMPO_WORDS) if (word(words).test(text)) hints.tempoBias += bias;
  const clamp = (v: number, lim: number): number => Math.max(-lim, Math.min(lim, v));
  hints.tempoBias = clamp(hints.tempoBias, 1.2);
  hints.energyBias = clamp(hints.energyBias, 1);
  hints.density = clamp(hints.density, 1);

  for (const [words, meter] of METER_WORDS) {
    if (word(words).test(text)) {
      hints.meter = meter;
      break;
    }
  }
  hints.halfTime = word('half[- ]?time|halftime').test(text);
  hints.shuffle = word('shuffle|shuffled|swung|triplet feel|swing feel').test(text);
  hints.noDrums =
    /\b(?:no|without|minus|zero)\s+(?:drums?|percussion|beats?|drum ?kit)\b|\bdrumless\b|\bbeatless\b/.test(
      text,
    );
  hints.drumsNamed =
    !hints.noDrums &&
    /\b(?:with|and|plus)\s+(?:\w+\s+)?(?:drums|percussion|drum ?kit)\b|\bbrush(?:es)?\b/.test(text);
  hints.noVocals = /\b(?:no|without)\s+(?:vocals?|voices?|singing|singers?|lyrics)\b|\binstrumental\b/.test(
    text,
  );

  if (/\b(warm|dusty|vintage|vinyl|tape|muffled)\b/.test(text)) hints.brightness -= 0.5;
  hints.vinyl = /\b(vinyl|dusty|tape|crackle|cassette)\b/.test(text);
  if (/\b(crisp|shiny|sparkling|airy|modern)\b/.test(text)) hints.brightness += 0.5;
  hints.brightness = clamp(hints.brightness, 1);

  // Named instruments, in order. "voices only" names the a cappella style, not a choir part.
  hints.named = findInstruments(text.replace(/\b(?:voices|vocals) only\b/g, ' '));
  for (const inst of hints.named) {
    if (inst.role === 'perc') continue;
    hints.instruments[inst.role] ??= inst.program;
    hints.tags.push(inst.words.split('|')[0]!.replace(/[^a-z0-9 -]/g, ''));
  }
  // Restrictions: "solo cello", "solo acoustic guitar", "piano only", "piano and cello duet".
  hints.exclusive =
    hints.named.length > 0 &&
    (/\b(?:duet|duo)\b/.test(text) ||
      hints.named.some((inst) => {
        const re = new RegExp(
          `\\bsolo\\s+(?:[a-z-]+\\s+)?(?:${inst.words})\\b|\\b(?:${inst.words})\\s+only\\b`,
        );
        return re.test(text);
      }));
  if (/\b(80s|eighties|retro)\b/.test(text)) {
    hints.instruments.pad ??= 90;
    hints.tags.push('80s');
  }
  if (/\b808s?\b/.test(text)) hints.instruments.drumKit = 25;
  if (/\bbrush(es)?\b/.test(text)) hints.instruments.drumKit = 40;
  if (hints.style) hints.tags.unshift(hints.style.id);
  return hints;
}
