/** Why a storage operation failed; callers map these to API errors (NOT_FOUND → 404, the rest → 5xx/400). */
export type StorageErrorCode =
  | 'NOT_FOUND' // the object does not exist
  | 'INVALID_KEY' // a key or prefix that is not one of ours (never reaches the disk or the bucket)
  | 'UNAVAILABLE' // the backend cannot be used (directory not writable, bucket missing, endpoint down)
  | 'BACKEND_ERROR'; // the backend answered with an error we do not classify further

export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export const isStorageError = (err: unknown, code?: StorageErrorCode): err is StorageError =>
  err instanceof StorageError && (code === undefined || err.code === code);
