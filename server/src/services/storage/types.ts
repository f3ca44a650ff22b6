/** The one interface the rest of the server sees; adapters are chosen once in the composition root. */
export type StorageDriver = 'fs' | 's3';

export interface PutOptions {
  contentType: string;
  /** Stored with the object (S3 metadata / fs sidecar); signed URLs choose their own Cache-Control. */
  cacheControl?: string;
}

export interface SignedUrlOptions {
  /**
   * Default 3600 (DESIGN §4: signed URLs expire after 1 hour): the least a URL lives. URLs are
   * signed per window (signing-window.ts), so one may live up to one window longer.
   */
  expiresInSec?: number;
  /** When set, the response carries `Content-Disposition: attachment; filename="…"`. */
  downloadName?: string;
  /** Public objects get `Cache-Control: public, max-age=…` (CDN-friendly); others `private, …`. */
  public?: boolean;
}

export interface ObjectStorage {
  readonly driver: StorageDriver;
  put(
    key: string,
    body: Uint8Array | NodeJS.ReadableStream,
    opts: PutOptions,
  ): Promise<{ key: string; size: number }>;
  /** A missing key is fine. */
  delete(key: string): Promise<void>;
  /** Deletes every object under `prefix` (which must end with `/`); returns how many were deleted. */
  deletePrefix(prefix: string): Promise<number>;
  exists(key: string): Promise<boolean>;
  /** Whole object in memory: for the worker, the CLI and tests, not for serving users. */
  getBytes(key: string): Promise<Uint8Array>;
  signedUrl(key: string, opts?: SignedUrlOptions): Promise<string>;
  /** Readiness probe: resolves when usable, throws a StorageError with a clear message otherwise. */
  check(): Promise<void>;
}

export const DEFAULT_SIGNED_URL_TTL_SEC = 3600;
/** S3 refuses presigned URLs valid for more than 7 days; we hold the fs driver to the same bound. */
export const MAX_SIGNED_URL_TTL_SEC = 7 * 24 * 3600;
