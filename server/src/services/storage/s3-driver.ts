import { pipeline, Readable, Transform } from 'node:stream';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { attachmentDisposition } from './content-disposition.ts';
import { StorageError } from './errors.ts';
import { assertSafeKey, assertSafePrefix } from './keys.ts';
import { applyBucketPathFix } from './s3-bucket-path-fix.ts';
import { signingWindow } from './signing-window.ts';
import type { ObjectStorage, PutOptions, SignedUrlOptions } from './types.ts';
import { DEFAULT_SIGNED_URL_TTL_SEC, MAX_SIGNED_URL_TTL_SEC } from './types.ts';

export interface S3StorageOptions {
  /** e.g. `http://minio:9000`; omit for AWS S3 itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key` (MinIO and most self-hosted servers). */
  forcePathStyle?: boolean;
  /**
   * Endpoint browsers use when it differs from `endpoint` (docker: the API reaches `http://minio:9000`,
   * the browser `http://localhost:9000`). Presigned URLs are signed for this host: the host is part of
   * the signature, so rewriting a URL afterwards would break it.
   */
  publicUrlBase?: string;
  /** Multipart part size; S3's minimum (5 MiB) unless told otherwise. */
  partSizeBytes?: number;
  /** Keys listed and deleted per round trip in deletePrefix (1–1000; S3's maximum by default). */
  deleteBatchSize?: number;
}

const MIN_PART_SIZE = 5 * 1024 * 1024;
const DELETE_BATCH = 1000; // DeleteObjects' per-request maximum

/** Objects in one S3 (or S3-compatible) bucket. Clients stream from the bucket via presigned URLs. */
export class S3ObjectStorage implements ObjectStorage {
  readonly driver = 's3' as const;
  readonly bucket: string;
  readonly #client: S3Client;
  readonly #presignClient: S3Client;
  readonly #partSize: number;
  readonly #deleteBatch: number;
  readonly #endpointLabel: string;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.#partSize = Math.max(MIN_PART_SIZE, options.partSizeBytes ?? MIN_PART_SIZE);
    this.#deleteBatch = Math.min(
      DELETE_BATCH,
      Math.max(1, Math.floor(options.deleteBatchSize ?? DELETE_BATCH)),
    );
    this.#endpointLabel = options.endpoint ?? `AWS S3 (${options.region})`;
    this.#client = makeClient(options, options.endpoint);
    this.#presignClient =
      options.publicUrlBase && options.publicUrlBase !== options.endpoint
        ? makeClient(options, options.publicUrlBase)
        : this.#client;
  }

  async put(
    key: string,
    body: Uint8Array | NodeJS.ReadableStream,
    opts: PutOptions,
  ): Promise<{ key: string; size: number }> {
    assertSafeKey(key);
    let size = body instanceof Uint8Array ? body.byteLength : 0;
    let payload: Uint8Array | Readable = body instanceof Uint8Array ? body : toReadable(body);
    if (payload instanceof Readable) {
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          callback(null, chunk);
        },
      });
      // pipeline (not .pipe) so a failing source destroys the counter and the upload aborts
      // instead of waiting forever for the end of the body.
      pipeline(payload, counter, () => {});
      payload = counter;
    }
    // lib-storage sends one PutObject for bodies under a part, multipart (with abort on failure) above.
    const upload = new Upload({
      client: this.#client,
      params: {
        Bucket: this.bucket,
        Key: key,
        Body: payload,
        ContentType: opts.contentType,
        CacheControl: opts.cacheControl,
      },
      partSize: this.#partSize,
      queueSize: 4,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (err) {
      throw this.#wrap(err, `Could not upload ${key}`);
    }
    return { key, size };
  }

  async delete(key: string): Promise<void> {
    assertSafeKey(key);
    try {
      // S3 answers 204 for a missing key too.
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (err) {
      if (isNotFound(err)) return;
      throw this.#wrap(err, `Could not delete ${key}`);
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertSafePrefix(prefix);
    let deleted = 0;
    // Paging with StartAfter (the last key deleted) rather than continuation tokens: equally standard,
    // stateless, and independent of how a server encodes its tokens (s3rver's need legacy OpenSSL).
    let startAfter: string | undefined;
    let truncated = true;
    try {
      while (truncated) {
        const page = await this.#client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix,
            MaxKeys: this.#deleteBatch,
            StartAfter: startAfter,
          }),
        );
        const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
        if (keys.length > 0) {
          const result = await this.#client.send(
            new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } }),
          );
          const failures = result.Errors ?? [];
          if (failures.length > 0) {
            const first = failures[0];
            throw new StorageError(
              'BACKEND_ERROR',
              `Could not delete ${failures.length} object(s) under ${prefix}: ${first?.Key} ${first?.Code} ${first?.Message}`,
            );
          }
          deleted += keys.length;
          startAfter = keys[keys.length - 1]?.Key;
        }
        truncated = page.IsTruncated === true && keys.length > 0;
      }
    } catch (err) {
      throw this.#wrap(err, `Could not delete objects under ${prefix}`);
    }
    return deleted;
  }

  async exists(key: string): Promise<boolean> {
    assertSafeKey(key);
    try {
      await this.#client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw this.#wrap(err, `Could not look up ${key}`);
    }
  }

  async getBytes(key: string): Promise<Uint8Array> {
    assertSafeKey(key);
    try {
      const result = await this.#client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!result.Body) throw new StorageError('BACKEND_ERROR', `Empty response body for ${key}`);
      return await result.Body.transformToByteArray();
    } catch (err) {
      if (isNotFound(err)) throw new StorageError('NOT_FOUND', `No object at ${key}`, { cause: err });
      throw this.#wrap(err, `Could not read ${key}`);
    }
  }

  async signedUrl(key: string, opts: SignedUrlOptions = {}): Promise<string> {
    assertSafeKey(key);
    const ttl = opts.expiresInSec ?? DEFAULT_SIGNED_URL_TTL_SEC;
    if (!Number.isSafeInteger(ttl) || ttl < 1 || ttl > MAX_SIGNED_URL_TTL_SEC) {
      throw new RangeError(`expiresInSec must be an integer in 1..${MAX_SIGNED_URL_TTL_SEC}`);
    }
    // The response headers are signed into the URL (response-* parameters), as for the fs driver.
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseCacheControl: `${opts.public ? 'public' : 'private'}, max-age=${ttl}`,
      ResponseContentDisposition:
        opts.downloadName !== undefined ? attachmentDisposition(opts.downloadName) : undefined,
    });
    // Signed from the window's start: the same URL for every request within it (signing-window.ts).
    const { startSec, expiresInSec } = signingWindow(Math.floor(Date.now() / 1000), ttl);
    return getSignedUrl(this.#presignClient, command, {
      expiresIn: expiresInSec,
      signingDate: new Date(startSec * 1000),
    });
  }

  async check(): Promise<void> {
    try {
      await this.#client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      const status = statusOf(err);
      const where = `bucket "${this.bucket}" at ${this.#endpointLabel}`;
      const message =
        status === 404
          ? `S3 ${where} does not exist: create it or fix S3_BUCKET`
          : status === 403 || status === 401
            ? `S3 ${where} refused access: check the access key, secret and bucket policy`
            : status === undefined
              ? `S3 endpoint ${this.#endpointLabel} is unreachable: ${messageOf(err)}`
              : `S3 ${where} is not usable (HTTP ${status}): ${messageOf(err)}`;
      throw new StorageError('UNAVAILABLE', message, { cause: err });
    }
  }

  /** Releases sockets (tests and graceful shutdown). */
  destroy(): void {
    this.#client.destroy();
    if (this.#presignClient !== this.#client) this.#presignClient.destroy();
  }

  #wrap(err: unknown, context: string): StorageError {
    if (err instanceof StorageError) return err;
    return new StorageError('BACKEND_ERROR', `${context}: ${messageOf(err)}`, { cause: err });
  }
}

function makeClient(options: S3StorageOptions, endpoint: string | undefined): S3Client {
  const config: S3ClientConfig = {
    region: options.region,
    endpoint,
    forcePathStyle: options.forcePathStyle ?? false,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
  };
  if (endpoint !== undefined) {
    // S3-compatible servers lag behind AWS's default integrity checksums (CRC32 trailers on every
    // upload, 2025); send them only where the API requires them (e.g. DeleteObjects).
    config.requestChecksumCalculation = 'WHEN_REQUIRED';
    config.responseChecksumValidation = 'WHEN_REQUIRED';
  }
  const client = new S3Client(config);
  if (config.forcePathStyle) applyBucketPathFix(client);
  return client;
}

function toReadable(body: NodeJS.ReadableStream): Readable {
  return body instanceof Readable ? body : Readable.from(body as AsyncIterable<Uint8Array>);
}

function statusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

function isNotFound(err: unknown): boolean {
  const name = (err as { name?: string } | undefined)?.name;
  if (name === 'NoSuchBucket') return false; // a configuration problem, not a missing object
  return name === 'NotFound' || name === 'NoSuchKey' || statusOf(err) === 404;
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
