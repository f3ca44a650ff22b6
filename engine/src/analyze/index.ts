// Public API of the audio analyser (package export `@soundfoundry/engine/analyze`).
export {
  type AnalyzeOptions,
  type AudioAnalysis,
  analyzeAudio,
  DEFAULT_MAX_DURATION_SEC,
  DEFAULT_TIMEOUT_MS,
} from './analyze-audio.ts';
export { type AnalyzerWorker, type AnalyzerWorkerOptions, createAnalyzerWorker } from './analyzer-worker.ts';
export { analyzeFileCommand, formatAnalysis } from './cli.ts';
export { AudioAnalysisError, type AudioAnalysisErrorCode, isAudioAnalysisError } from './errors.ts';
export { camelotCode } from './key.ts';
export type { SniffedFormat } from './sniff.ts';
