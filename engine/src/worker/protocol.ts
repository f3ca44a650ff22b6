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

export type HelperRequest =
  | { type: 'render'; id: number; plan: MusicPlan; stems: StemName[] }
  | { type: 'mp3'; id: number; left: Float32Array; right: Float32Array };

export type HelperResponse =
  | { type: 'stems'; id: number; stems: [StemName, [Float32Array, Float32Array]][] }
  | { type: 'mp3'; id: number; mp3: Uint8Array }
  | { type: 'error'; id: number; message: string };
