import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { attachmentDisposition } from './content-disposition.ts';
import { isStorageError } from './errors.ts';
import type { FsObjectStorage, FsOpenObject } from './fs-driver.ts';
import { isSafeKey } from './keys.ts';
import { parseRange } from './range.ts';
import { QUERY } from './url-signing.ts';

export interface FsStorageRoutesOptions {
  storage: FsObjectStorage;
}

type ErrorCode = 'FORBIDDEN' | 'NOT_FOUND' | 'VALIDATION_ERROR';

/**
 * Serves the filesystem driver's signed URLs: `GET|HEAD ${storage.routePath}/<key>?exp=…&sig=…`.
 * Register it where `publicBaseUrl + routePath` points (normally at the root, no prefix).
 * Single HTTP ranges, conditional GET (ETag / Last-Modified) and HEAD are handled here by hand: a few
 * lines we can test, instead of a static-file plugin whose root/dotfile rules we would have to disarm.
 */
export const fsStorageRoutes: FastifyPluginAsync<FsStorageRoutesOptions> = async (app, { storage }) => {
  app.route({
    method: ['GET', 'HEAD'],
    url: `${storage.routePath}/*`,
    handler: (request, reply) => serveSignedObject(storage, request, reply),
  });
};

async function serveSignedObject(
  storage: FsObjectStorage,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const key = (request.params as Record<string, string | undefined>)['*'] ?? '';
  const query = request.query as Record<string, unknown>;
  const expires = single(query[QUERY.expires]);
  const signature = single(query[QUERY.signature]);
  const downloadName = single(query[QUERY.downloadName]);
  const isPublic = single(query[QUERY.public]) === '1';

  if (expires === undefined || signature === undefined || !/^\d{1,12}$/.test(expires)) {
    return sendError(reply, 403, 'FORBIDDEN', 'This link is not valid.', { reason: 'invalid_signature' });
  }
  const expiresAt = Number(expires);
  const verdict = storage.verify({ key, expiresAt, downloadName, public: isPublic }, signature);
  if (!verdict.ok) {
    const message = verdict.reason === 'expired' ? 'This link has expired.' : 'This link is not valid.';
    return sendError(reply, 403, 'FORBIDDEN', message, { reason: verdict.reason });
  }
  // A validly signed key is one we issued, but never trust that alone with the filesystem.
  if (!isSafeKey(key)) return sendError(reply, 404, 'NOT_FOUND', 'File not found.');

  let object: FsOpenObject;
  try {
    object = await storage.open(key);
  } catch (err) {
    if (isStorageError(err, 'NOT_FOUND') || isStorageError(err, 'INVALID_KEY')) {
      return sendError(reply, 404, 'NOT_FOUND', 'File not found.');
    }
    throw err;
  }

  let handed = false; // once the stream owns the handle, it closes it
  try {
    const etag = `"${object.size.toString(16)}-${Math.floor(object.mtimeMs).toString(16)}"`;
    const lastModified = new Date(object.mtimeMs).toUTCString();
    // Never let a cache keep the response longer than the link itself is valid.
    const maxAge = Math.max(0, expiresAt - Math.floor(Date.now() / 1000));
    reply.headers({
      'accept-ranges': 'bytes',
      etag,
      'last-modified': lastModified,
      'cache-control': `${isPublic ? 'public' : 'private'}, max-age=${maxAge}`,
      'x-content-type-options': 'nosniff',
      // Objects (SVG covers especially) are data, never active content on our origin.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    });
    if (downloadName !== undefined) reply.header('content-disposition', attachmentDisposition(downloadName));

    if (notModified(request, etag, object.mtimeMs)) return reply.code(304).send();

    const ifRange = request.headers['if-range'];
    const rangeAllowed = ifRange === undefined || ifRange === etag || ifRange === lastModified;
    const range = rangeAllowed ? parseRange(request.headers.range, object.size) : { kind: 'none' as const };

    if (range.kind === 'unsatisfiable') {
      reply.header('content-range', `bytes */${object.size}`);
      return sendError(reply, 416, 'VALIDATION_ERROR', 'The requested range is not satisfiable.', {
        reason: 'range_not_satisfiable',
        size: object.size,
      });
    }

    const start = range.kind === 'range' ? range.start : 0;
    const end = range.kind === 'range' ? range.end : object.size - 1;
    reply.header('content-type', object.contentType);
    reply.header('content-length', String(end - start + 1));
    if (range.kind === 'range') {
      reply.code(206).header('content-range', `bytes ${start}-${end}/${object.size}`);
    }
    if (request.method === 'HEAD' || object.size === 0) return reply.send();

    handed = true;
    return reply.send(object.handle.createReadStream({ start, end, autoClose: true }));
  } finally {
    if (!handed) await object.handle.close();
  }
}

function single(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function notModified(request: FastifyRequest, etag: string, mtimeMs: number): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    // Weak comparison (RFC 9110 §13.1.2): W/ prefixes do not matter for GET/HEAD.
    return ifNoneMatch
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .some((tag) => tag === etag || tag === '*');
  }
  const ifModifiedSince = request.headers['if-modified-since'];
  if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && Math.floor(mtimeMs / 1000) * 1000 <= since;
  }
  return false;
}

function sendError(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): FastifyReply {
  // Error responses must not inherit the object's caching or download headers.
  reply.removeHeader('content-disposition');
  reply.header('cache-control', 'no-store');
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message, details: details ?? null } });
}
