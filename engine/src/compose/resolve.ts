// Merges explicit fields, the reference analysis, prompt hints and genre defaults into the settings
// the composer uses. Priority: explicit field > number/key written in the prompt > reference > prompt
// mood words > genre default (drawn from the seed).
import {
  GENRES,
  type GenerateParams,
  type Genre,
  type KeyName,
  type Mode,
  TONICS,
  type Tonic,
} from '../types.ts';
import { GENRE_PROFILES, type GenreProfile } from './genres.ts';
import { createRng } from './prng.ts';
import { type PromptHints, parsePrompt } from './prompt.ts';

export interface ResolvedSettings {
  genre: Genre;
  profile: GenreProfile;
  bpm: number;
  tonic: Tonic;
  mode: Mode;
  key: KeyName;
  energy: number; // 0..1
  styleStrength: number;
  hints: PromptHints;
  seed: number;
}

/** Folds a reference tempo into the genre's range by octaves when that is possible. */
function foldTempo(bpm: number, [lo, hi]: [number, number]): number {
  for (const f of [1, 2, 0.5]) if (bpm * f >= lo - 5 && bpm * f <= hi + 5) return bpm * f;
  return bpm;
}

export function resolveSettings(params: GenerateParams): ResolvedSettings {
  const hints = parsePrompt(params.prompt);
  const rng = createRng(params.seed, 'resolve');
  const genre = params.genre ?? hints.genre ?? GENRES[rng.int(0, GENRES.length - 1)]!;
  const profile = GENRE_PROFILES[genre];
  // A second stream per genre, so one seed does not give every genre the same key and tempo position.
  const keyRng = createRng(params.seed, `resolve:${genre}`);
  const [lo, hi] = profile.bpmRange;

  let bpm: number;
  if (params.bpm !== undefined) bpm = params.bpm;
  else if (hints.bpm !== undefined && hints.bpm >= 40 && hints.bpm <= 220) bpm = hints.bpm;
  else if (params.reference?.bpm) bpm = foldTempo(params.reference.bpm, profile.bpmRange);
  else {
    const position = Math.min(
      1,
      Math.max(0, keyRng.range(0.25, 0.75) + hints.tempoBias * 0.35 + hints.energyBias * 0.1),
    );
    bpm = Math.round(lo + (hi - lo) * position);
  }
  // Whole BPM keeps bars on round sample counts and makes the plan readable; fractional requests keep 2 decimals.
  bpm = Math.min(220, Math.max(40, Math.round(bpm * 100) / 100));

  let tonic: Tonic;
  let mode: Mode;
  if (params.key) {
    const [t, m] = params.key.split(' ') as [Tonic, Mode];
    tonic = t;
    mode = m;
  } else {
    tonic = hints.tonic ?? params.reference?.tonic ?? TONICS[keyRng.int(0, 11)]!;
    mode =
      hints.mode ?? params.reference?.mode ?? (keyRng.chance(profile.minorProbability) ? 'minor' : 'major');
  }
  const refEnergy = params.reference?.energy;
  const baseEnergy = refEnergy ?? 0.6;
  const energy = Math.min(1, Math.max(0.1, baseEnergy + hints.energyBias * 0.35));
  return {
    genre,
    profile,
    bpm,
    tonic,
    mode,
    key: `${tonic} ${mode}`,
    energy,
    styleStrength: params.styleStrength ?? 0.5,
    hints,
    seed: params.seed,
  };
}
