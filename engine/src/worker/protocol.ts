// Messages between the engine runner (parent) and its worker thread.
import type { GeneratedTrack, GenerateParams, GenerateProgress } from '../types.ts';

export type ToThread =
  | { type: 'generate'; id: number; params: GenerateParams }
  | { type: 'cancel'; id: number }
  | { type: 'warm' };

export type FromThread =
  | { type: 'warmed' }
  | { type: 'progress'; id: number; progress: GenerateProgress }
  | { type: 'result'; id: number; track: GeneratedTrack }
  | { type: 'error'; id: number; name: string; message: string; field?: string; cancelled: boolean };

import type { MusicPlan, StemName } from '../compose/plan-types.ts';
import type { MasterStats } from '../generate.ts';
import type { MixdownOutputs } from '../mixdown.ts';

/**
 * Engine thread → helper thread: one job's mix bus, keyed by `id` (see generate.ts MixdownHandle).
 * The audio itself is in the job arena (a SharedArrayBuffer both threads see): messages carry
 * slot numbers, never samples.
 */
export type HelperRequest =
  | { type: 'open'; id: number; plan: MusicPlan; arena: SharedArrayBuffer; frames: number }
  | { type: 'stem'; id: number; name: StemName; slot: number }
  | { type: 'master'; id: number }
  | { type: 'finish'; id: number }
  | { type: 'dispose'; id: number };

/** Helper → engine thread. `released`: the stem in `slot` is processed; the slot may be reused. */
export type HelperResponse =
  | { type: 'released'; id: number; slot: number }
  | { type: 'mastered'; id: number; stats: MasterStats }
  | { type: 'outputs'; id: number; outputs: MixdownOutputs }
  | { type: 'error'; id: number; message: string };
