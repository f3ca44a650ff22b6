export type AudioAnalysisErrorCode =
  | 'EMPTY'
  | 'UNSUPPORTED_FORMAT'
  | 'CORRUPT'
  | 'TOO_LONG'
  | 'TIMEOUT'
  /** Over a decoding budget (channels, sample rate, decoded bytes): refused before or while decoding. */
  | 'OVER_BUDGET';

/** A refusal the user can act on; `message` is written for them, `code` is for programs. */
export class AudioAnalysisError extends Error {
  readonly code: AudioAnalysisErrorCode;
  constructor(code: AudioAnalysisErrorCode, message: string) {
    super(message);
    this.name = 'AudioAnalysisError';
    this.code = code;
  }
}

export function isAudioAnalysisError(value: unknown): value is AudioAnalysisError {
  return value instanceof AudioAnalysisError;
}

/** Throws TIMEOUT if the wall-time budget is spent or the caller aborted. Called between stages. */
export function checkBudget(deadlineMs: number, signal?: AbortSignal): void {
  if (signal?.aborted) throw new AudioAnalysisError('TIMEOUT', 'The analysis was cancelled.');
  if (performance.now() > deadlineMs) {
    throw new AudioAnalysisError(
      'TIMEOUT',
      'The audio took too long to analyse; try a shorter or simpler file.',
    );
  }
}
