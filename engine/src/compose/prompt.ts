// Reads the free-text prompt: genre, mood, energy, tempo, key, instruments and texture words.
// Everything here is a hint; explicit GenerateParams fields always win (see resolve-params.ts).
import { GENRES, type Genre, type Mode, TONICS, type Tonic } from '../types.ts';

export interface PromptHints {
  genre?: Genre;
  bpm?: number;
  tonic?: Tonic;
  mode?: Mode;
  /** −1 (calm) .. +1 (energetic); 0 when the prompt says nothing. */
  energyBias: number;
  /** −1 slow .. +1 fast. */
  tempoBias: number;
  /** Explicit instrument choices by role. */
  instruments: { bass?: number; comp?: number; pad?: number; lead?: number; drumKit?: number };
  /** −1 darker/warmer .. +1 brighter. */
  brightness: number;
  /** The prompt asks for a vinyl/tape texture. */
  vinyl: boolean;
  tags: string[];
}

const GENRE_WORDS: [RegExp, Genre][] = [
  [/\b(drum\s*(?:and|&|n)\s*bass|dnb|d&b|jungle|liquid funk)\b/, 'drum-and-bass'],
  [/\b(lo-?fi|chillhop|lofi hip hop|study beats?)\b/, 'lo-fi'],
  [/\b(hip-?hop|boom[- ]?bap|rap beat|rap)\b/, 'hip-hop'],
  [/\b(trap|drill)\b/, 'trap'],
  [/\b(deep house|house|disco house|garage)\b/, 'house'],
  [/\b(techno|minimal|industrial)\b/, 'techno'],
  [/\b(cinematic|film score|orchestral|epic|soundtrack|trailer)\b/, 'cinematic'],
  [/\b(edm|electronic|synthwave|electro|trance|synth-?pop|chiptune)\b/, 'electronic'],
  [/\b(jazz|bebop|swing|bossa|smooth jazz)\b/, 'jazz'],
  [/\b(funk|funky|groove|disco)\b/, 'funk'],
  [/\b(ambient|drone|atmospheric|meditation|new age)\b/, 'ambient'],
  [/\b(classical|baroque|sonata|piano piece|chamber|symphon\w*|romantic era)\b/, 'classical'],
  [/\b(folk|acoustic|country|bluegrass|americana|singer-songwriter)\b/, 'folk'],
  [/\b(world|afro\w*|latin|reggae|salsa|cumbia|celtic|african|caribbean|flamenco)\b/, 'world'],
  [/\b(rock|punk|grunge|metal|indie rock|guitar band)\b/, 'rock'],
  [/\b(pop|radio|catchy|dance-?pop)\b/, 'pop'],
];

const INSTRUMENT_WORDS: [RegExp, keyof PromptHints['instruments'], number][] = [
  [/\brhodes|electric piano|wurli\w*\b/, 'comp', 4],
  [/\bnylon( string)? guitar|classical guitar|spanish guitar\b/, 'comp', 24],
  [/\bacoustic guitar|steel guitar\b/, 'comp', 25],
  [/\bdistorted guitar|heavy guitar|power chords?\b/, 'comp', 30],
  [/\bclean guitar|electric guitar\b/, 'comp', 27],
  [/\borgan\b/, 'pad', 16],
  [/\bstrings|string section|orchestra\b/, 'pad', 49],
  [/\bchoir\b/, 'pad', 52],
  [/\bpiano\b/, 'comp', 0],
  [/\b808s?\b/, 'bass', 38],
  [/\bupright bass|double bass|acoustic bass\b/, 'bass', 32],
  [/\bslap bass\b/, 'bass', 36],
  [/\bsynth bass|reese\b/, 'bass', 39],
  [/\bflute\b/, 'lead', 73],
  [/\bsax\w*\b/, 'lead', 65],
  [/\btrumpet\b/, 'lead', 56],
  [/\bbrass|horns?\b/, 'lead', 61],
  [/\bviolin|fiddle\b/, 'lead', 40],
  [/\bcello\b/, 'lead', 42],
  [/\bharp\b/, 'comp', 46],
  [/\bmarimba\b/, 'lead', 12],
  [/\bvibraphone|vibes\b/, 'lead', 11],
  [/\bbells?|glockenspiel|music box\b/, 'lead', 10],
  [/\bsitar\b/, 'lead', 104],
  [/\bkoto\b/, 'lead', 107],
  [/\bkalimba\b/, 'lead', 108],
  [/\bsteel drums?\b/, 'lead', 114],
  [/\baccordion\b/, 'pad', 21],
  [/\bharmonica\b/, 'lead', 22],
  [/\bbanjo\b/, 'comp', 105],
  [/\bpan ?flute\b/, 'lead', 75],
  [/\bsynth lead|lead synth|saw\b/, 'lead', 81],
  [/\bpads?\b/, 'pad', 89],
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

function parseTonic(letter: string, accidental: string): Tonic | undefined {
  const up = letter.toUpperCase();
  if (accidental === '#' || accidental === '♯' || accidental === 'sharp') {
    const idx = TONICS.indexOf(up as Tonic);
    return idx < 0 ? undefined : TONICS[(idx + 1) % 12];
  }
  if (accidental === 'b' || accidental === '♭' || accidental === 'flat') return FLAT_TO_SHARP[`${up}B`];
  return TONICS.includes(up as Tonic) ? (up as Tonic) : undefined;
}

export function parsePrompt(prompt: string): PromptHints {
  const text = prompt.toLowerCase();
  const hints: PromptHints = {
    energyBias: 0,
    tempoBias: 0,
    instruments: {},
    brightness: 0,
    vinyl: false,
    tags: [],
  };
  for (const [re, genre] of GENRE_WORDS) {
    if (re.test(text)) {
      hints.genre = genre;
      break;
    }
  }
  // Exact genre names win over synonyms ("pop" inside "synth-pop" aside).
  for (const g of GENRES) if (new RegExp(`\\b${g}\\b`).test(text) && !hints.genre) hints.genre = g;

  const bpmMatch = /(\d{2,3}(?:\.\d+)?)\s*(?:bpm|beats per minute)/.exec(text);
  if (bpmMatch) hints.bpm = Math.round(Number(bpmMatch[1]));

  // "in D minor", "F# major", "Bb minor", "key of A", "Am".
  const keyMatch = /\b([a-g])(#|♯|b|♭|\s(?:sharp|flat))?\s*(major|minor|maj|min|m)\b/i.exec(prompt);
  if (keyMatch) {
    const tonic = parseTonic(keyMatch[1]!, (keyMatch[2] ?? '').trim());
    if (tonic) {
      hints.tonic = tonic;
      hints.mode = /^maj/i.test(keyMatch[3]!) ? 'major' : 'minor';
      // A bare "m" must be attached to the letter (Am), not a stray word like "a m".
      if (keyMatch[3] === 'm' && /\s/.test(keyMatch[0])) hints.tonic = undefined;
    }
  }
  if (!hints.mode) {
    if (/\b(sad|dark|melanchol\w*|moody|haunting|tense|ominous|minor|brooding|somber|nostalgic)\b/.test(text))
      hints.mode = 'minor';
    else if (
      /\b(happy|bright|uplifting|joyful|cheerful|sunny|major|hopeful|triumphant|feel-?good)\b/.test(text)
    )
      hints.mode = 'major';
  }
  if (/\b(energetic|aggressive|intense|driving|hard|banging|powerful|upbeat|hype|epic|party)\b/.test(text))
    hints.energyBias += 0.5;
  if (/\b(chill|calm|relaxed|relaxing|soft|gentle|mellow|sleepy|peaceful|quiet|dreamy|lullaby)\b/.test(text))
    hints.energyBias -= 0.5;
  if (/\b(fast|quick|rapid|frantic|uptempo|up-tempo)\b/.test(text)) hints.tempoBias += 0.7;
  if (/\b(slow|downtempo|laid-?back|lazy|ballad)\b/.test(text)) hints.tempoBias -= 0.7;
  if (/\b(warm|dusty|vintage|vinyl|tape|muffled|dark)\b/.test(text)) hints.brightness -= 0.5;
  hints.vinyl = /\b(vinyl|dusty|tape|crackle|cassette)\b/.test(text);
  if (/\b(bright|crisp|shiny|sparkling|airy|modern)\b/.test(text)) hints.brightness += 0.5;
  for (const [re, role, program] of INSTRUMENT_WORDS) {
    if (hints.instruments[role] === undefined && re.test(text)) {
      hints.instruments[role] = program;
      hints.tags.push(re.source.replace(/\\b|\(|\)|\?|\\w\*|s\?/g, '').split('|')[0]!);
    }
  }
  if (/\b(80s|eighties|retro|synthwave)\b/.test(text)) {
    hints.instruments.pad ??= 90;
    hints.tags.push('80s');
  }
  if (/\b808s?\b/.test(text)) hints.instruments.drumKit = 25;
  if (/\bbrush(es)?\b/.test(text)) hints.instruments.drumKit = 40;
  if (hints.genre) hints.tags.unshift(hints.genre);
  return hints;
}
