import { StorageError } from './errors.ts';

/**
 * Storage keys (DESIGN §4). No user input ever becomes a path: builders accept only UUIDs, a fixed
 * set of kinds and extensions, and positive integer versions. `assertSafeKey` is the last line of
 * defence that both drivers apply to every key they receive.
 */

/** What each track object kind is stored as. Extensions and content types are fixed per kind. */
export const TRACK_OBJECT_KINDS = {
  audio: { ext: 'mp3', contentType: 'audio/mpeg' },
  'audio-wav': { ext: 'wav', contentType: 'audio/wav' },
  preview: { ext: 'mp3', contentType: 'audio/mpeg' },
  stems: { ext: 'zip', contentType: 'application/zip' },
  midi: { ext: 'mid', contentType: 'audio/midi' },
  plan: { ext: 'json', contentType: 'application/json' },
  'cover-svg': { ext: 'svg', contentType: 'image/svg+xml' },
  'cover-png': { ext: 'png', contentType: 'image/png' },
  // Smaller renditions of the same cover for pages (srcset): a 256 px slot never loads 1024 px.
  'cover-png-256': { ext: 'png', contentType: 'image/png' },
  'cover-png-512': { ext: 'png', contentType: 'image/png' },
  'cover-png-2048': { ext: 'png', contentType: 'image/png' },
} as const satisfies Record<string, { ext: string; contentType: string }>;
export type TrackObjectKind = keyof typeof TRACK_OBJECT_KINDS;

/** Reference uploads, by the format the upload sniffer recognised (never the client's file name). */
export const REFERENCE_EXTENSIONS = {
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  m4a: 'audio/mp4',
} as const;
export type ReferenceExtension = keyof typeof REFERENCE_EXTENSIONS;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * Only [a-z0-9.-] in `/`-separated segments. Segments start with [a-z0-9], so `.`/`..` segments, hidden
 * files and the fs driver's own dot-named sidecars and temp files can never be addressed as objects.
 */
const SAFE_KEY = /^[a-z0-9][a-z0-9.-]*(?:\/[a-z0-9][a-z0-9.-]*)*$/;
const MAX_KEY_LENGTH = 512;

const invalid = (message: string): StorageError => new StorageError('INVALID_KEY', message);

/** Returns the UUID lower-cased (UUIDs are case-insensitive; keys are lower-case). */
export function assertUuid(value: unknown, what: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw invalid(`${what} must be a UUID`);
  return value.toLowerCase();
}

export function isSafeKey(key: unknown): key is string {
  return typeof key === 'string' && key.length <= MAX_KEY_LENGTH && SAFE_KEY.test(key) && !key.includes('..');
}

export function assertSafeKey(key: unknown): string {
  if (!isSafeKey(key)) throw invalid(`Invalid storage key: ${JSON.stringify(String(key).slice(0, 80))}`);
  return key;
}

/**
 * A prefix must be a whole "directory" (end with `/`): `users/a` would otherwise also match `users/ab…`,
 * and an empty prefix would delete everything.
 */
export function assertSafePrefix(prefix: unknown): string {
  if (typeof prefix !== 'string' || !prefix.endsWith('/') || !isSafeKey(prefix.slice(0, -1))) {
    throw invalid(`Invalid storage prefix (must be a key path ending with "/"): ${JSON.stringify(prefix)}`);
  }
  return prefix;
}

/**
 * Everything stored for one user outside their tracks: reference uploads (never public; only the owner
 * and, during a job, the provider get a signed URL for them).
 */
export function userPrefix(userId: string): string {
  return `users/${assertUuid(userId, 'userId')}/`;
}

/**
 * A track's objects live under the track alone, not under its owner: a published track's signed URLs
 * (fs route and S3 presigned alike) name the key, and must not reveal who made it.
 */
export function trackPrefix(trackId: string): string {
  return `tracks/${assertUuid(trackId, 'trackId')}/`;
}

/**
 * Where tracks written before track-scoped keys keep their objects. Their rows still point there (keys
 * are read from rows, never rebuilt), so deleting such a track must clear this prefix too.
 */
export function legacyTrackPrefix(userId: string, trackId: string): string {
  return `${userPrefix(userId)}tracks/${assertUuid(trackId, 'trackId')}/`;
}

export function trackObjectKey(input: { trackId: string; kind: TrackObjectKind; version: number }): string {
  const spec = Object.hasOwn(TRACK_OBJECT_KINDS, input.kind) ? TRACK_OBJECT_KINDS[input.kind] : undefined;
  if (!spec) throw invalid(`Unknown track object kind: ${JSON.stringify(input.kind)}`);
  if (!Number.isSafeInteger(input.version) || input.version < 1) {
    throw invalid(`Version must be a positive integer, got ${JSON.stringify(input.version)}`);
  }
  return `${trackPrefix(input.trackId)}${input.kind}-v${input.version}.${spec.ext}`;
}

export function referenceKey(input: { userId: string; fileId: string; ext: ReferenceExtension }): string {
  if (!Object.hasOwn(REFERENCE_EXTENSIONS, input.ext)) {
    throw invalid(`Unsupported reference extension: ${JSON.stringify(input.ext)}`);
  }
  return `${userPrefix(input.userId)}references/${assertUuid(input.fileId, 'fileId')}.${input.ext}`;
}

export function contentTypeForKind(kind: TrackObjectKind): string {
  return TRACK_OBJECT_KINDS[kind].contentType;
}

export function contentTypeForReference(ext: ReferenceExtension): string {
  return REFERENCE_EXTENSIONS[ext];
}
