// Parameter validation at the engine's boundary: every bad input becomes an EngineParamError that
// names the field, before any work starts (so nothing can crash or render forever).
import {
  EngineParamError,
  GENRES,
  type GenerateParams,
  KEYS,
  type KeyName,
  MAX_BPM,
  MAX_DURATION_SEC,
  MAX_LYRICS_CHARS,
  MAX_SEED,
  MIN_BPM,
  MIN_DURATION_SEC,
  TONICS,
} from '../types.ts';
import { normaliseKeyName } from './prompt.ts';
import { styleById } from './styles.ts';

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Length in characters (code points), as the API's contract counts them: in UTF-16 units an
 * emoji counts twice, and lyrics the API accepted (and charged for) would fail here. The engine
 * takes no contract import (it stands alone, as the CLI uses it), so this is the contract's
 * `charLength` again; contract/src/common.test.ts keeps the two, and the limits, in agreement.
 */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function validateGenerateParams(params: GenerateParams): void {
  if (params === null || typeof params !== 'object')
    throw new EngineParamError('params', 'params must be an object');
  if (typeof params.prompt !== 'string') throw new EngineParamError('prompt', 'prompt must be a string');
  if (charLength(params.prompt) > 5000)
    throw new EngineParamError('prompt', 'prompt must be at most 5000 characters');
  const d = params.durationSec;
  if (!isFiniteNumber(d) || !Number.isInteger(d) || d < MIN_DURATION_SEC || d > MAX_DURATION_SEC) {
    throw new EngineParamError(
      'durationSec',
      `durationSec must be a whole number of seconds from ${MIN_DURATION_SEC} to ${MAX_DURATION_SEC}`,
    );
  }
  const s = params.seed;
  if (!isFiniteNumber(s) || !Number.isInteger(s) || s < 0 || s > MAX_SEED) {
    throw new EngineParamError('seed', `seed must be an integer from 0 to ${MAX_SEED}`);
  }
  if (params.genre !== undefined && !GENRES.includes(params.genre)) {
    throw new EngineParamError(
      'genre',
      `unknown genre "${String(params.genre)}"; use one of ${GENRES.join(', ')}`,
    );
  }
  if (params.style !== undefined && (typeof params.style !== 'string' || !styleById(params.style))) {
    throw new EngineParamError(
      'style',
      `unknown style "${String(params.style)}"; use an id of the style vocabulary (e.g. "reggae", "bossa-nova")`,
    );
  }
  // Flats and spelled accidentals are accepted ("Bb major", "E flat minor"); the plan spells sharps.
  if (
    params.key !== undefined &&
    (typeof params.key !== 'string' || !KEYS.includes(normaliseKeyName(params.key) as KeyName))
  ) {
    throw new EngineParamError(
      'key',
      `key "${String(params.key)}" is not one of the 24 keys (e.g. "F# minor" or "Bb major")`,
    );
  }
  if (
    params.bpm !== undefined &&
    (!isFiniteNumber(params.bpm) || params.bpm < MIN_BPM || params.bpm > MAX_BPM)
  ) {
    throw new EngineParamError('bpm', `bpm must be between ${MIN_BPM} and ${MAX_BPM}`);
  }
  const st = params.styleStrength;
  if (st !== undefined && (!isFiniteNumber(st) || st < 0 || st > 1)) {
    throw new EngineParamError('styleStrength', 'styleStrength must be between 0 and 1');
  }
  if (params.hasVocals !== undefined && typeof params.hasVocals !== 'boolean') {
    throw new EngineParamError('hasVocals', 'hasVocals must be a boolean');
  }
  if (params.lyrics !== undefined) {
    if (typeof params.lyrics !== 'string') throw new EngineParamError('lyrics', 'lyrics must be a string');
    if (charLength(params.lyrics) > MAX_LYRICS_CHARS) {
      throw new EngineParamError('lyrics', `lyrics must be at most ${MAX_LYRICS_CHARS} characters`);
    }
  }
  const ref = params.reference;
  if (ref !== undefined) {
    if (ref === null || typeof ref !== 'object')
      throw new EngineParamError('reference', 'reference must be an object');
    if (ref.bpm !== undefined && (!isFiniteNumber(ref.bpm) || ref.bpm <= 0 || ref.bpm > 400)) {
      throw new EngineParamError('reference.bpm', 'reference.bpm must be a positive number');
    }
    if (ref.tonic !== undefined && !TONICS.includes(ref.tonic)) {
      throw new EngineParamError('reference.tonic', 'reference.tonic must be a sharp-spelled note name');
    }
    if (ref.mode !== undefined && ref.mode !== 'major' && ref.mode !== 'minor') {
      throw new EngineParamError('reference.mode', 'reference.mode must be "major" or "minor"');
    }
    if (ref.energy !== undefined && (!isFiniteNumber(ref.energy) || ref.energy < 0 || ref.energy > 1)) {
      throw new EngineParamError('reference.energy', 'reference.energy must be between 0 and 1');
    }
  }
}
