// The style vocabulary: the 16 published genres plus named styles (reggae, metal, bossa nova,
// waltz, string quartet…). A style is data: the genre profile it starts from, the overrides that
// make it itself (groove, meter, tempo range, harmony idiom, instruments, mix), the words that name
// it and example prompts for presets. The composer has one code path; styles only change its inputs.
import type { Genre } from '../types.ts';
import type { BassStyle, CompStyle, DrumStyle, GenreProfile } from './genres.ts';
import { GENRE_PROFILES } from './genres.ts';
import type { MeterName } from './meter.ts';
import { IDIOMS, type Idiom, type IdiomName } from './style-idioms.ts';
import { NAMED_STYLES } from './styles-data.ts';

/** Instruments by role (General MIDI programs); null: the role is silent in this style. */
export interface StylePrograms {
  bass: number | null;
  comp: number | null;
  pad: number | null;
  lead: number | null;
  vocal: number;
}

export interface StyleDef {
  id: string;
  name: string;
  /** The published genre this style maps to (the API's `genre` field). */
  genre: Genre;
  /** Words that name the style, as a regular-expression alternation on whole words. */
  words: string;
  /** Matched only when no other style is named ("folk ballad" is folk, "ballad" alone is ballad). */
  weak?: boolean;
  examples: string[];
  meter: MeterName;
  bpmRange: [number, number];
  /** The backbeat falls on beat 3: the plan's BPM is the pulse the hats and bass keep. */
  halfTime?: boolean;
  minorProbability?: number;
  swing?: number;
  swingUnit?: 8 | 16;
  drumKit?: number;
  drums: DrumStyle;
  bass?: BassStyle;
  comp?: CompStyle;
  programs?: Partial<StylePrograms>;
  idiom?: IdiomName;
  barsPerChord?: number;
  sevenths?: number;
  leadDensity?: number;
  leadRange?: [number, number];
  /** Exactly these players: prompt instruments join only when they belong, nothing else is added. */
  exclusive?: boolean;
  mix?: Partial<GenreProfile['mix']>;
  reverbSizeSec?: number;
}

/** A style resolved to everything the composer reads. */
export interface ResolvedStyle {
  def: StyleDef;
  profile: GenreProfile;
  programs: StylePrograms;
}

const GENRE_WORDS: Record<Genre, string> = {
  'drum-and-bass': 'dnb|d&b|liquid funk|liquid dnb',
  'lo-fi': 'lo[- ]?fi|chillhop|study beats?|jazz[- ]?hop',
  // "cloud rap" is trap's (hip-hop comes first in table order).
  'hip-hop': 'hip[- ]?hop|boom[- ]?bap|(?<!cloud )rap(?: beat)?|g-funk',
  trap: 'trap|cloud rap|cloud trap',
  house: 'house|garage house',
  techno: 'techno|minimal|industrial',
  cinematic: 'cinematic|film score|orchestral|epic|soundtrack|trailer',
  electronic: 'edm|electronic|electro|electronica|big room|festival edm',
  jazz: 'jazz|swing',
  funk: 'funk|funky',
  ambient: 'ambient|drone|atmospheric|meditation|new age',
  classical: 'classical|sonata|piano piece|chamber|symphon\\w*|romantic era|opera|operatic|aria',
  folk: 'folk|acoustic|americana|singer-songwriter',
  world: 'world|latin|caribbean|african',
  rock: 'rock|guitar band|psychedelic|post-punk',
  pop: 'pop|radio|catchy|dance-?pop|musical theat(?:re|er)|broadway|show ?tunes?',
};

/** The 16 genres as styles, with their profiles unchanged. */
const GENRE_ORDER: Genre[] = [
  'drum-and-bass',
  'lo-fi',
  'hip-hop',
  'trap',
  'house',
  'techno',
  'cinematic',
  'electronic',
  'jazz',
  'funk',
  'ambient',
  'classical',
  'folk',
  'world',
  'rock',
  'pop',
];
const GENRE_STYLES: StyleDef[] = GENRE_ORDER.map((g) => ({
  id: g,
  name: g === 'lo-fi' ? 'Lo-fi' : g === 'drum-and-bass' ? 'Drum & bass' : g[0]!.toUpperCase() + g.slice(1),
  genre: g,
  words: GENRE_WORDS[g],
  examples: [`a ${g.replace(/-/g, ' ')} track`],
  meter: '4/4',
  bpmRange: GENRE_PROFILES[g].bpmRange,
  drums: GENRE_PROFILES[g].drumStyle,
  halfTime: g === 'trap',
}));

/** Every style: named styles first (more specific words), then the genres. */
export const STYLES: readonly StyleDef[] = [...NAMED_STYLES, ...GENRE_STYLES];
const BY_ID = new Map(STYLES.map((s) => [s.id, s]));

export function styleById(id: string): StyleDef | undefined {
  return BY_ID.get(id);
}

export function genreStyle(genre: Genre): StyleDef {
  return BY_ID.get(genre)!;
}

const MATCHERS = STYLES.map((s) => ({ style: s, re: new RegExp(`(?:^|[^\\w-])(?:${s.words})(?![\\w-])`) }));

/** Lower-cases a prompt and spells "drum and bass" as one word, so "bass" is not read as an instrument. */
export function normalisePromptText(prompt: string): string {
  return prompt.toLowerCase().replace(/drum[\s-]*(?:and|&|n|'n')[\s-]*bass/g, 'dnb');
}

/** The style a prompt names: the first strong match in table order, else the first weak one. */
export function findStyle(prompt: string): StyleDef | undefined {
  const text = normalisePromptText(prompt);
  const hits = MATCHERS.filter((m) => m.re.test(text)).map((m) => m.style);
  return hits.find((s) => !s.weak) ?? hits[0];
}

/** The style's genre profile with the style's overrides applied. */
export function resolveStyle(def: StyleDef): ResolvedStyle {
  const base = GENRE_PROFILES[def.genre];
  const idiom: Idiom | undefined = def.idiom ? IDIOMS[def.idiom] : undefined;
  const programs: StylePrograms = {
    bass: base.programs.bass,
    comp: base.programs.comp,
    pad: base.programs.pad,
    lead: base.programs.lead,
    vocal: base.programs.vocal,
    ...def.programs,
  };
  const profile: GenreProfile = {
    ...base,
    bpmRange: def.bpmRange,
    minorProbability: def.minorProbability ?? base.minorProbability,
    swing: def.swing ?? base.swing,
    swingUnit: def.swingUnit ?? base.swingUnit,
    drumKit: def.drumKit ?? base.drumKit,
    drumStyle: def.drums,
    bassStyle: def.bass ?? base.bassStyle,
    compStyle: def.comp ?? base.compStyle,
    progressions: idiom?.progressions ?? base.progressions,
    harmonicDominant: idiom?.harmonicDominant ?? base.harmonicDominant,
    barsPerChord: def.barsPerChord ?? base.barsPerChord,
    sevenths: def.sevenths ?? idiom?.sevenths ?? base.sevenths,
    leadDensity: def.leadDensity ?? base.leadDensity,
    leadRange: def.leadRange ?? base.leadRange,
    mix: { ...base.mix, ...def.mix },
    reverbSizeSec: def.reverbSizeSec ?? base.reverbSizeSec,
  };
  return { def, profile, programs };
}

/**
 * The style's neutral prompt: its name without mood or tempo words ("celtic jig", "bossa nova"),
 * or with `words` before it ("slow bossa nova").
 */
export function stylePrompt(style: StyleDef, words?: string): string {
  const name = style.name
    .replace(/\s*\(.*\)\s*/g, ' ')
    .trim()
    .toLowerCase();
  return words ? `${words} ${name}` : name;
}

/** The vocabulary as published to clients (GET /api/styles): plain data, no regular expressions. */
export interface PublishedStyle {
  id: string;
  name: string;
  genre: Genre;
  meter: MeterName;
  bpmRange: [number, number];
  halfTime: boolean;
  drums: boolean;
  exclusive: boolean;
  examples: string[];
}

export function publishedStyles(): PublishedStyle[] {
  return STYLES.map((s) => ({
    id: s.id,
    name: s.name,
    genre: s.genre,
    meter: s.meter,
    bpmRange: [...s.bpmRange],
    halfTime: s.halfTime ?? false,
    drums: s.drums !== 'none',
    exclusive: s.exclusive ?? false,
    examples: [...s.examples],
  }));
}
