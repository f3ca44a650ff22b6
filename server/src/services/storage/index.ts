import { FsObjectStorage, type FsStorageOptions } from './fs-driver.ts';
import { S3ObjectStorage, type S3StorageOptions } from './s3-driver.ts';

export type CreateStorageOptions =
  | ({ driver: 'fs' } & FsStorageOptions)
  | ({ driver: 's3' } & S3StorageOptions);

/**
 * The composition root's one call. Nothing connects here: the S3 client opens sockets on first use and
 * the fs driver creates its directory on first write; call `check()` for readiness.
 */
export function createStorage(options: { driver: 'fs' } & FsStorageOptions): FsObjectStorage;
export function createStorage(options: { driver: 's3' } & S3StorageOptions): S3ObjectStorage;
export function createStorage(options: CreateStorageOptions): FsObjectStorage | S3ObjectStorage;
export function createStorage(options: CreateStorageOptions): FsObjectStorage | S3ObjectStorage {
  if (options.driver === 'fs') {
    const { driver: _driver, ...fsOptions } = options;
    return new FsObjectStorage(fsOptions);
  }
  const { driver: _driver, ...s3Options } = options;
  return new S3ObjectStorage(s3Options);
}

export { attachmentDisposition } from './content-disposition.ts';
export { isStorageError, StorageError, type StorageErrorCode } from './errors.ts';
export { DEFAULT_FS_ROUTE_PATH, FsObjectStorage, type FsStorageOptions } from './fs-driver.ts';
export { type FsStorageRoutesOptions, fsStorageRoutes } from './fs-route.ts';
export {
  assertSafeKey,
  assertSafePrefix,
  assertUuid,
  contentTypeForKind,
  contentTypeForReference,
  isSafeKey,
  legacyTrackPrefix,
  REFERENCE_EXTENSIONS,
  type ReferenceExtension,
  referenceKey,
  TRACK_OBJECT_KINDS,
  type TrackObjectKind,
  trackObjectKey,
  trackPrefix,
  userPrefix,
} from './keys.ts';
export { S3ObjectStorage, type S3StorageOptions } from './s3-driver.ts';
export {
  DEFAULT_SIGNED_URL_TTL_SEC,
  type ObjectStorage,
  type PutOptions,
  type SignedUrlOptions,
  type StorageDriver,
} from './types.ts';
