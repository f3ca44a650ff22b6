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
 * Engine thread → helper thread: one job, keyed by `id` (see generate.ts MixdownHandle). The audio
 * is in the job arena and the stems ZIP, SharedArrayBuffers both threads see: messages carry no
 * samples. `open` makes the helper synthesise `stems` into lane 1 (each into its ZIP entry, then
 * summed into the mix on its turn); `stem` says a lane-0 stem is in the mix; `share` that lane 0's
 * slot holds the split stem's second share (mixdown.ts laneSplit).
 */
export type HelperRequest =
  | {
      type: 'open';
      id: number;
      plan: MusicPlan;
      arena: SharedArrayBuffer;
      frames: number;
      zip: SharedArrayBuffer;
      stems: StemName[];
    }
  | { type: 'stem'; id: number; name: StemName }
  | { type: 'share'; id: number }
  | { type: 'master'; id: number }
  | { type: 'finish'; id: number; mp3TailFrom: number | undefined }
  | { type: 'dispose'; id: number }
  /** Decode these samples while no job runs here: the helper's part of the preload (preload-samples.ts). */
  | { type: 'preload'; id: 0; samples: number[] };

/** Helper → engine thread. `mixed`: a lane-1 stem is in the mix. */
export type HelperResponse =
  | { type: 'mixed'; id: number; name: StemName }
  | { type: 'mastered'; id: number; stats: MasterStats }
  | { type: 'outputs'; id: number; outputs: MixdownOutputs }
  | { type: 'error'; id: number; message: string }
  | { type: 'preloaded'; id: 0 };
