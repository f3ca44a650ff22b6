import { randomUUID } from 'node:crypto';
import { createWriteStream, type Dirent } from 'node:fs';
import {
  type FileHandle,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StorageError } from './errors.ts';
import { assertSafeKey, assertSafePrefix } from './keys.ts';
import { signingWindow } from './signing-window.ts';
import type { ObjectStorage, PutOptions, SignedUrlOptions } from './types.ts';
import { DEFAULT_SIGNED_URL_TTL_SEC, MAX_SIGNED_URL_TTL_SEC } from './types.ts';
import { QUERY, type SignedParams, signParams, type VerifyResult, verifyParams } from './url-signing.ts';

export interface FsStorageOptions {
  /** `${DATA_DIR}/objects`. Created on first write / check(). */
  rootDir: string;
  /** HMAC key for signed URLs (≥ 32 bytes of entropy; from config). */
  secret: string;
  /** Origin (and optional path) the browser uses to reach the API, e.g. `http://localhost:3000`. */
  publicBaseUrl: string;
  /** Path of the file route under `publicBaseUrl`; must match where `fsStorageRoutes` is mounted. */
  routePath?: string;
  /** Clock in ms (tests never need it; it exists so expiry has one source of truth). */
  now?: () => number;
}

/** What the file route needs to serve an object. */
export interface FsOpenObject {
  handle: FileHandle;
  size: number;
  mtimeMs: number;
  contentType: string;
  cacheControl?: string;
}

interface Sidecar {
  contentType: string;
  cacheControl?: string;
}

export const DEFAULT_FS_ROUTE_PATH = '/files';
const MIN_SECRET_LENGTH = 16;

/**
 * Objects as plain files under `rootDir/<key>`. Each object has a sidecar `.<name>.meta.json` beside it
 * holding its content type; key segments cannot start with `.`, so sidecars and temp files can never
 * collide with (or be served as) objects. Writes go to a temp file that is fsynced and renamed into
 * place, so a crash never leaves a half-written object visible.
 */
export class FsObjectStorage implements ObjectStorage {
  readonly driver = 'fs' as const;
  readonly rootDir: string;
  readonly routePath: string;
  readonly #secret: string;
  readonly #publicBaseUrl: string;
  readonly #now: () => number;

  constructor(options: FsStorageOptions) {
    if (typeof options.secret !== 'string' || options.secret.length < MIN_SECRET_LENGTH) {
      throw new StorageError(
        'UNAVAILABLE',
        `The file URL signing secret must be at least ${MIN_SECRET_LENGTH} characters`,
      );
    }
    this.rootDir = path.resolve(options.rootDir);
    this.routePath = normaliseRoutePath(options.routePath ?? DEFAULT_FS_ROUTE_PATH);
    this.#secret = options.secret;
    this.#publicBaseUrl = options.publicBaseUrl.replace(/\/+$/, '');
    this.#now = options.now ?? Date.now;
  }

  async put(
    key: string,
    body: Uint8Array | NodeJS.ReadableStream,
    opts: PutOptions,
  ): Promise<{ key: string; size: number }> {
    const target = this.#pathFor(key);
    const dir = path.dirname(target);
    await mkdir(dir, { recursive: true });
    const tmpObject = path.join(dir, `.tmp-${randomUUID()}`);
    const tmpMeta = path.join(dir, `.tmp-${randomUUID()}`);
    try {
      const size = await writeDurably(tmpObject, body);
      const sidecar: Sidecar = { contentType: opts.contentType, cacheControl: opts.cacheControl };
      await writeDurably(tmpMeta, Buffer.from(JSON.stringify(sidecar)));
      // Sidecar first: a crash between the renames leaves a newer sidecar beside the old object (same
      // or harmless metadata), never a new object described by stale metadata.
      await rename(tmpMeta, sidecarPath(target));
      await rename(tmpObject, target);
      return { key, size };
    } catch (err) {
      await Promise.all([rm(tmpObject, { force: true }), rm(tmpMeta, { force: true })]);
      throw new StorageError('BACKEND_ERROR', `Could not write object ${key}: ${messageOf(err)}`, {
        cause: err,
      });
    }
  }

  async delete(key: string): Promise<void> {
    const target = this.#pathFor(key);
    await rm(target, { force: true });
    await rm(sidecarPath(target), { force: true });
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertSafePrefix(prefix);
    const dir = this.#resolveInsideRoot(prefix.slice(0, -1));
    const count = await countObjects(dir);
    // A put racing the delete (a job still writing into a deleted track) makes rmdir meet ENOTEMPTY:
    // retry rather than fail and leave the objects removed so far plus the new one behind.
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    return count;
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.#pathFor(key))).isFile();
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  async getBytes(key: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.#pathFor(key)));
    } catch (err) {
      if (isMissing(err)) throw notFound(key, err);
      throw err;
    }
  }

  async signedUrl(key: string, opts: SignedUrlOptions = {}): Promise<string> {
    assertSafeKey(key);
    const ttl = opts.expiresInSec ?? DEFAULT_SIGNED_URL_TTL_SEC;
    if (!Number.isSafeInteger(ttl) || ttl < 1 || ttl > MAX_SIGNED_URL_TTL_SEC) {
      throw new RangeError(`expiresInSec must be an integer in 1..${MAX_SIGNED_URL_TTL_SEC}`);
    }
    const { startSec, expiresInSec } = signingWindow(Math.floor(this.#now() / 1000), ttl);
    const params: SignedParams = {
      key,
      expiresAt: startSec + expiresInSec,
      downloadName: opts.downloadName,
      public: opts.public === true,
    };
    const query = new URLSearchParams({
      [QUERY.expires]: String(params.expiresAt),
      [QUERY.signature]: signParams(this.#secret, params),
    });
    if (params.downloadName !== undefined) query.set(QUERY.downloadName, params.downloadName);
    if (params.public) query.set(QUERY.public, '1');
    return `${this.#publicBaseUrl}${this.routePath}/${key}?${query.toString()}`;
  }

  async check(): Promise<void> {
    const probe = path.join(this.rootDir, `.probe-${randomUUID()}`);
    try {
      await mkdir(this.rootDir, { recursive: true });
      await writeFile(probe, 'ok');
      await rm(probe, { force: true });
    } catch (err) {
      throw new StorageError(
        'UNAVAILABLE',
        `Object storage directory ${this.rootDir} is not writable: ${messageOf(err)}`,
        { cause: err },
      );
    }
  }

  /** Verifies a signed URL's parameters (the file route's gatekeeper). */
  verify(params: SignedParams, signature: string): VerifyResult {
    return verifyParams(this.#secret, params, signature, Math.floor(this.#now() / 1000));
  }

  /**
   * Opens an object for serving. Size and mtime come from the open handle, so an object replaced by a
   * concurrent put() is served whole (old or new), never a mix. The caller owns and must close `handle`.
   * NOT_FOUND when absent; INVALID_KEY for keys that are not ours.
   */
  async open(key: string): Promise<FsOpenObject> {
    const filePath = this.#pathFor(key);
    let handle: FileHandle;
    try {
      handle = await open(filePath, 'r');
    } catch (err) {
      if (isMissing(err) || (err as NodeJS.ErrnoException).code === 'EISDIR') throw notFound(key, err);
      throw err;
    }
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) throw notFound(key);
      const sidecar = await readSidecar(filePath);
      return {
        handle,
        size: stats.size,
        mtimeMs: stats.mtimeMs,
        contentType: sidecar?.contentType ?? 'application/octet-stream',
        cacheControl: sidecar?.cacheControl,
      };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  #pathFor(key: string): string {
    return this.#resolveInsideRoot(assertSafeKey(key));
  }

  /** Defence in depth: even a key that passed validation must land strictly inside the root. */
  #resolveInsideRoot(relative: string): string {
    const resolved = path.resolve(this.rootDir, relative);
    const rel = path.relative(this.rootDir, resolved);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
      throw new StorageError('INVALID_KEY', `Key resolves outside the storage root: ${relative}`);
    }
    return resolved;
  }
}

function normaliseRoutePath(routePath: string): string {
  const trimmed = `/${routePath.replace(/^\/+|\/+$/g, '')}`;
  if (!/^(\/[A-Za-z0-9._-]+)+$/.test(trimmed)) throw new Error(`Invalid routePath: ${routePath}`);
  return trimmed;
}

function sidecarPath(objectPath: string): string {
  return path.join(path.dirname(objectPath), `.${path.basename(objectPath)}.meta.json`);
}

async function readSidecar(objectPath: string): Promise<Sidecar | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(sidecarPath(objectPath), 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'contentType' in parsed) {
      const { contentType, cacheControl } = parsed as Record<string, unknown>;
      if (typeof contentType === 'string') {
        return { contentType, cacheControl: typeof cacheControl === 'string' ? cacheControl : undefined };
      }
    }
    return undefined;
  } catch (err) {
    if (isMissing(err) || err instanceof SyntaxError) return undefined;
    throw err;
  }
}

/** Writes a new file and fsyncs it before returning its size, so a later rename publishes whole data. */
async function writeDurably(filePath: string, body: Uint8Array | NodeJS.ReadableStream): Promise<number> {
  if (body instanceof Uint8Array) {
    const handle = await open(filePath, 'wx');
    try {
      await handle.writeFile(body);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return body.byteLength;
  }
  await pipeline(body, createWriteStream(filePath, { flags: 'wx' }));
  const handle = await open(filePath, 'r+');
  try {
    await handle.sync();
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}

/** Objects under a directory: regular files whose names do not start with `.` (sidecars, temp files). */
async function countObjects(dir: string): Promise<number> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (err) {
    if (isMissing(err)) return 0;
    throw err;
  }
  return entries.filter((entry) => entry.isFile() && !entry.name.startsWith('.')).length;
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function notFound(key: string, cause?: unknown): StorageError {
  return new StorageError('NOT_FOUND', `No object at ${key}`, { cause });
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
