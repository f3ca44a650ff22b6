// Public entry points of the SoundFoundry engine.

export { AudioAnalysisError, isAudioAnalysisError } from './analyze/errors.ts';
export { composePlan } from './compose/compose-plan.ts';
export type { MusicPlan } from './compose/plan-types.ts';
export { type PublishedStyle, publishedStyles } from './compose/styles.ts';
export { validateGenerateParams } from './compose/validate.ts';
export { type FinishAudioOptions, type FinishedAudio, finishExternalAudio } from './finish-audio.ts';
export { generateTrack } from './generate.ts';
export { generateToDirectory } from './generate-to-directory.ts';
export * from './types.ts';
export { createEngineWorker, type EngineWorker, type EngineWorkerOptions } from './worker/engine-worker.ts';
export { createFinishWorker, type FinishWorker } from './worker/finish-worker.ts';
