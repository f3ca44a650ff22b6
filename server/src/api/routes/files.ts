import multipart from '@fastify/multipart';
import {
  AnalyzeResponse,
  AudioAnalysis,
  ErrorBody,
  type ErrorCode,
  FileInfo,
  IdParams,
  isCleanText,
} from '@soundfoundry/contract';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError } from '../../services/errors.ts';
import { getOwnFile, storeReference } from '../../services/files.ts';
import { type AnalysisAdmission, createAnalysisAdmission } from '../analysis-admission.ts';
import { type ApiContext, requireUserId } from '../context.ts';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  404: ErrorBody,
  413: ErrorBody,
  415: ErrorBody,
  422: ErrorBody,
};

/** The analyser's refusals → HTTP. Nothing is stored for any of them. */
const STATUS_OF: Record<string, [number, ErrorCode]> = {
  EMPTY: [400, 'VALIDATION_ERROR'],
  UNSUPPORTED_FORMAT: [415, 'UNSUPPORTED_FORMAT'],
  CORRUPT: [422, 'UNSUPPORTED_FORMAT'],
  TOO_LONG: [413, 'PAYLOAD_TOO_LARGE'],
  TIMEOUT: [422, 'UNSUPPORTED_FORMAT'],
  // A decompression bomb (or just too much audio): refused from its headers or mid-decode.
  OVER_BUDGET: [422, 'AUDIO_LIMIT_EXCEEDED'],
};

/**
 * Wall time for one upload's analysis, counted from when it is queued (not from when the
 * analyser gets to it): waiting in line spends it too, so no upload waits past it behind others.
 */
const ANALYSIS_BUDGET_MS = 20_000;

export function filesRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  const { rt } = ctx;
  const db = rt.database.db;
  // One per app: the analyser thread its line guards is the runtime's (one per process); the
  // one-per-user rule is counted in the shared per-user slots.
  const admission = createAnalysisAdmission(ctx.userSlots);

  /** The analyser's result for an upload; its refusals become AppErrors (STATUS_OF). */
  async function analyseReference(bytes: Buffer, signal: AbortSignal) {
    const analyzer = await rt.analyzer();
    try {
      return await analyzer.analyze(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
        signal,
        timeoutMs: ANALYSIS_BUDGET_MS,
        // Budgets decided from the headers before decoding, enforced while decoding.
        maxDurationSec: 15 * 60,
        maxChannels: 8,
        maxSampleRate: 192_000,
        maxDecodedBytes: rt.config.limits.analysisDecodedBytes,
      });
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (!STATUS_OF[code]) throw err;
      throw analysisRefusal(code, (err as Error).message);
    }
  }

  return async (app) => {
    await app.register(multipart, {
      limits: { fileSize: rt.config.limits.uploadBytes, files: 1, fields: 4, parts: 6, fieldSize: 1024 },
      throwFileSizeLimit: true,
    });

    app.post(
      '/api/analyze',
      {
        // The body limit of this route is the upload limit (plus multipart overhead).
        bodyLimit: rt.config.limits.uploadBytes + 64 * 1024,
        // A refusal can come before the multipart body has been read (a part not named "file"):
        // the connection then still holds the rest of it, and a kept-alive client's next request
        // would wait behind it until the keep-alive timeout reset the socket. Refusals close it.
        onSend: async (_request, reply, payload) => {
          if (reply.statusCode >= 400) reply.header('connection', 'close');
          return payload;
        },
        schema: {
          tags: ['files'],
          summary: 'Upload reference audio (multipart field "file"); stores it with its analysis',
          consumes: ['multipart/form-data'],
          response: { 201: AnalyzeResponse, ...errors, 429: ErrorBody, 503: ErrorBody },
        },
      },
      async (request, reply) => {
        const userId = await requireUserId(ctx, request);
        if (!request.isMultipart()) {
          throw new AppError(
            415,
            'UNSUPPORTED_MEDIA_TYPE',
            'Send the audio as multipart/form-data with a "file" field.',
          );
        }
        const part = await request.file();
        if (part?.fieldname !== 'file') {
          part?.file.resume(); // let the parser finish with the part nobody reads
          throw new AppError(400, 'VALIDATION_ERROR', 'Missing the "file" field.');
        }
        let bytes: Buffer;
        try {
          bytes = await part.toBuffer();
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            throw tooLarge(rt.config.limits.uploadBytes);
          throw err;
        }
        if (part.file.truncated) throw tooLarge(rt.config.limits.uploadBytes);

        const release = await admitOrRefuse(admission, userId, reply);
        const clientLeft = abortWhenClientLeaves(reply);
        // Aborts when the client leaves or the budget is spent: a queued analysis is then dropped
        // before it runs, a running one is stopped (its thread ended).
        const signal = AbortSignal.any([clientLeft, AbortSignal.timeout(ANALYSIS_BUDGET_MS)]);
        const metadata = await analyseReference(bytes, signal).finally(release);
        // Analysed just as the client left: nobody would learn the file's id, so keep nothing.
        if (clientLeft.aborted) throw analysisRefusal('TIMEOUT', 'The upload was abandoned.');
        const checked = usableAnalysis(metadata);
        const row = await storeReference(db, rt.storage, {
          userId,
          bytes,
          format: checked.format,
          originalFilename: cleanFilename(part.filename),
          metadata: checked,
        });
        return reply.status(201).send({ file_id: row.id, metadata: checked });
      },
    );

    app.get(
      '/api/files/:id',
      { schema: { tags: ['files'], params: IdParams, response: { 200: FileInfo, ...errors } } },
      async (request) => {
        const userId = await requireUserId(ctx, request);
        const f = await getOwnFile(db, userId, request.params.id);
        return {
          id: f.id,
          kind: f.kind,
          original_filename: f.originalFilename,
          file_size: f.fileSize,
          content_type: f.contentType,
          metadata: f.metadata,
          url: await rt.storage.signedUrl(f.storageKey, { expiresInSec: rt.config.signedUrlTtlSec }),
          created_at: f.createdAt.toISOString(),
        };
      },
    );
  };
}

/** An analyser refusal (a STATUS_OF code) in the API's error shape. */
function analysisRefusal(code: string, message: string): AppError {
  const [status, errorCode] = STATUS_OF[code] ?? [422, 'UNSUPPORTED_FORMAT'];
  return new AppError(status, errorCode, message, { analysis_error: code });
}

/** Admits the user's analysis, or refuses it (429, or 503 with Retry-After); see analysis-admission.ts. */
async function admitOrRefuse(
  admission: AnalysisAdmission,
  userId: string,
  reply: FastifyReply,
): Promise<() => void> {
  try {
    return await admission.admit(userId);
  } catch (err) {
    const retryAfter = (err as AppError).details as { retry_after_s?: number } | undefined;
    if (retryAfter?.retry_after_s) reply.header('retry-after', String(retryAfter.retry_after_s));
    throw err;
  }
}

/**
 * A signal that aborts when the client goes away before its answer is sent. The response's
 * 'close' is the reliable event: it fires when the connection closes, and also once the answer is
 * sent (then writableFinished is true). The request's 'close' is no use here: Node emits it as
 * soon as the body has been read, while the client is still waiting for the answer.
 */
function abortWhenClientLeaves(reply: FastifyReply): AbortSignal {
  const res = reply.raw;
  const controller = new AbortController();
  const leave = () => controller.abort(new DOMException('The client closed the connection.', 'AbortError'));
  // Gone already while the body was read: 'close' has been and gone.
  if (res.destroyed && !res.writableFinished) leave();
  res.once('close', () => {
    if (!res.writableFinished) leave();
  });
  return controller.signal;
}

/**
 * Nothing is stored unless the analysis is valid: every number finite (the contract's
 * z.number() refuses NaN and Infinity) and a tempo found, since a reference without a
 * beat would be charged for and then fail in the engine.
 */
export function usableAnalysis(metadata: unknown): z.infer<typeof AudioAnalysis> {
  const parsed = AudioAnalysis.safeParse(metadata);
  if (!parsed.success) {
    throw new AppError(
      422,
      'REFERENCE_UNUSABLE',
      'The audio could not be measured (its analysis is not valid).',
      {
        reason: 'invalid_analysis',
      },
    );
  }
  if (!(typeof parsed.data.bpm === 'number' && parsed.data.bpm > 0)) {
    throw new AppError(
      422,
      'REFERENCE_UNUSABLE',
      'We found no beat in this audio (silent or beatless); a reference needs a steady beat to follow.',
      { reason: 'no_tempo' },
    );
  }
  return parsed.data;
}

/** The client's file name as text we can keep (no control characters, NFC, ≤ 255 characters). */
function cleanFilename(name: string | undefined): string | null {
  if (!name) return null;
  const s = [...name.normalize('NFC')]
    .filter((c) => isCleanText(c))
    .slice(0, 255)
    .join('');
  return s.trim() || null;
}

function tooLarge(limit: number) {
  return new AppError(
    413,
    'PAYLOAD_TOO_LARGE',
    `The file is larger than ${Math.round(limit / 1024 / 1024)} MB.`,
    {
      max_bytes: limit,
    },
  );
}
