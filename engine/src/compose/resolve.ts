// Merges explicit fields, the reference analysis, prompt hints and style defaults into the settings
// the composer uses. Priority: explicit field > number/key written in the prompt > reference >
// instrument and style words > mood words > style default (drawn from the seed).
import { GENRES, type GenerateParams, type KeyName, type Mode, TONICS, type Tonic } from '../types.ts';
import { chooseEnsemble, type Ensemble } from './ensemble.ts';
import type { GenreProfile } from './genres.ts';
import { METERS, type Meter } from './meter.ts';
import { createRng } from './prng.ts';
import { normaliseKeyName, type PromptHints, parsePrompt } from './prompt.ts';
import { genreStyle, type ResolvedStyle, resolveStyle, type StyleDef, styleById } from './styles.ts';

export interface ResolvedSettings {
  genre: ResolvedStyle['def']['genre'];
  style: StyleDef;
  profile: GenreProfile;
  meter: Meter;
  halfTime: boolean;
  ensemble: Ensemble;
  bpm: number;
  tonic: Tonic;
  mode: Mode;
  key: KeyName;
  energy: number; // 0..1
  styleStrength: number;
  hints: PromptHints;
  seed: number;
}

/** Folds a reference tempo into the style's range by octaves when that is possible. */
function foldTempo(bpm: number, [lo, hi]: [number, number]): number {
  for (const f of [1, 2, 0.5]) if (bpm * f >= lo - 5 && bpm * f <= hi + 5) return bpm * f;
  return bpm;
}

/** Where in a style's range a seed draws its tempo from (the middle half), before any words. */
export const SEED_TEMPO_POSITIONS = [0.25, 0.75] as const;

/**
 * The slowest tempo words alone lead to (an asked tempo goes lower), with drums and without. Below
 * ≈72 BPM essentia.js heard drumless styles at double time whatever they played ("slow" solo
 * piano, guitar, lullaby, classical and cinematic at 66–70: 131–140), and aubio drifted too; with
 * drums, 68–72 were heard right. "Slow" is not worth a tempo nobody hears.
 */
export const SLOWEST_WORDS_BPM = { drums: 70, drumless: 74 } as const;

/**
 * The fastest tempo words alone lead to. Above ≈176 BPM essentia.js read "fast" bebop, big band
 * and drum and bass at half time (184: 91.8, 92.0; big band at 176: 87.4) and aubio drifted; the
 * listening proxy's bpm-tools reads up to 180.
 */
export const FASTEST_WORDS_BPM = 172;

/**
 * Tempo from the style's range: the seed picks a position in the middle half, tempo and mood words
 * move it; words may take it past the range (slow: down to 20 % below, fast: up to 15 % above), but
 * slow words never take it under `slowest` nor fast ones over FASTEST_WORDS_BPM (the seed's own
 * tempo may already be past them: then it stays).
 */
export function tempoInRange(
  [lo, hi]: [number, number],
  seedPosition: number,
  bias: number,
  slowest: number = SLOWEST_WORDS_BPM.drums,
): number {
  const unbiased = lo + (hi - lo) * Math.min(1, Math.max(0, seedPosition));
  if (bias === 0) return unbiased;
  const p = seedPosition + 0.8 * bias;
  const moved =
    p < 0
      ? lo * (1 + 0.2 * Math.max(-1, p))
      : p > 1
        ? hi * (1 + 0.15 * Math.min(1, p - 1))
        : lo + (hi - lo) * p;
  return bias < 0
    ? Math.max(moved, Math.min(unbiased, slowest))
    : Math.min(moved, Math.max(unbiased, FASTEST_WORDS_BPM));
}

export function resolveSettings(params: GenerateParams): ResolvedSettings {
  const hints = parsePrompt(params.prompt);
  const rng = createRng(params.seed, 'resolve');
  // An explicit style wins over everything (it carries its genre); else an explicit genre wins,
  // and the prompt's style stays when it belongs to that genre.
  const explicitStyle = params.style === undefined ? undefined : styleById(params.style);
  const genre =
    explicitStyle?.genre ?? params.genre ?? hints.style?.genre ?? GENRES[rng.int(0, GENRES.length - 1)]!;
  const styleDef =
    explicitStyle ?? (hints.style && hints.style.genre === genre ? hints.style : genreStyle(genre));
  const style = resolveStyle(styleDef);
  const profile = { ...style.profile };
  const meter = METERS[hints.meter ?? styleDef.meter];
  const halfTime = (styleDef.halfTime ?? false) || (hints.halfTime && meter.name === '4/4');
  if (hints.halfTime && !styleDef.halfTime && meter.name === '4/4' && profile.drumStyle !== 'none')
    profile.drumStyle = 'half-time';
  if (hints.shuffle && !meter.compound) {
    profile.swing = Math.max(profile.swing, 0.33);
    profile.swingUnit = 8;
  }
  if (meter.compound) profile.swing = 0;
  // A second stream per style, so one seed does not give every style the same key and tempo position.
  const keyRng = createRng(params.seed, `resolve:${styleDef.id}`);

  const ensemble = chooseEnsemble({ ...style, profile }, hints);
  let bpm: number;
  if (params.bpm !== undefined) bpm = params.bpm;
  else if (hints.bpm !== undefined && hints.bpm >= 40 && hints.bpm <= 220) bpm = hints.bpm;
  else if (params.reference?.bpm) bpm = foldTempo(params.reference.bpm, profile.bpmRange);
  else {
    const position = keyRng.range(...SEED_TEMPO_POSITIONS);
    const bias = hints.tempoBias + hints.energyBias * 0.125;
    const slowest = ensemble.drumKit === null ? SLOWEST_WORDS_BPM.drumless : SLOWEST_WORDS_BPM.drums;
    bpm = Math.round(tempoInRange(profile.bpmRange, position, bias, slowest));
  }
  // Whole BPM keeps bars on round sample counts and makes the plan readable; fractional requests keep 2 decimals.
  bpm = Math.min(220, Math.max(40, Math.round(bpm * 100) / 100));

  let tonic: Tonic;
  let mode: Mode;
  const explicitKey = params.key ? normaliseKeyName(params.key) : undefined;
  if (explicitKey) {
    const [t, m] = explicitKey.split(' ') as [Tonic, Mode];
    tonic = t;
    mode = m;
  } else {
    tonic = hints.tonic ?? params.reference?.tonic ?? TONICS[keyRng.int(0, 11)]!;
    const drawn: Mode = keyRng.chance(profile.minorProbability) ? 'minor' : 'major';
    mode = hints.keyMode ?? params.reference?.mode ?? hints.mode ?? drawn;
  }
  const refEnergy = params.reference?.energy;
  const baseEnergy = refEnergy ?? 0.6;
  const energy = Math.min(1, Math.max(0.1, baseEnergy + hints.energyBias * 0.35));
  return {
    genre,
    style: styleDef,
    profile,
    meter,
    halfTime,
    ensemble,
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
