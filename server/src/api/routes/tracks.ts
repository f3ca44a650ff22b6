import {
  CreateTrackBody,
  CreateTrackResponse,
  DownloadQuery,
  ErrorBody,
  ExploreQuery,
  IdParams,
  ListTracksQuery,
  PatchTrackBody,
  QualityRefund,
  RegenerateVisualsResponse,
  Track,
  TrackLike,
  TrackList,
} from '@soundfoundry/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { coverKeyFor, requestNewVisual } from '../../services/cover-art.ts';
import { qualityRefundOf, refundQuality } from '../../services/credit-ops.ts';
import { AppError, notFound } from '../../services/errors.ts';
import { failJob } from '../../services/jobs.ts';
import { likeStateOf, setTrackLike } from '../../services/likes.ts';
import { onboardUser } from '../../services/onboarding.ts';
import {
  createTrack,
  deleteTrack,
  getTrackVisibleTo,
  isPlainLibraryPage,
  listPublicTracks,
  listTracks,
  NotOnboardedError,
  patchTrack,
} from '../../services/tracks.ts';
import { queueCoverArt } from '../../worker/jobs/cover-art.ts';
import { type ApiContext, optionalUserId, requireUserId } from '../context.ts';
import { sendSerialized } from '../send-serialized.ts';
import { toTrackDto } from '../track-dto.ts';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  402: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
  429: ErrorBody,
};
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }).loose();

export function tracksRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  const { rt } = ctx;
  const db = rt.database.db;
  const ttl = rt.config.signedUrlTtlSec;

  return async (app) => {
    app.post(
      '/api/tracks',
      {
        schema: {
          tags: ['tracks'],
          summary: 'Ask for a track: checks limits and credits, charges, queues the job',
          body: CreateTrackBody,
          headers: IdempotencyHeaders,
          response: { 201: CreateTrackResponse, 200: CreateTrackResponse, ...errors },
        },
      },
      async (request, reply) => {
        const userId = await requireUserId(ctx, request);
        const create = () =>
          createTrack(db, userId, request.body, rt.config.credits, request.headers['idempotency-key']);
        const result = await create().catch(async (err) => {
          if (!(err instanceof NotOnboardedError)) throw err;
          await onboardUser(db, userId, rt.config.credits);
          return create();
        });
        if (result.created) {
          rt.events.publish(result.created.event, userId);
          // The job is committed, so the answer does not wait for the queue: the hand-off runs
          // beside the reply. If the queue is down or slow, it fails (bounded by
          // EXTERNAL_CALL_TIMEOUT_MS) and the sweeper enqueues the job once Redis is back, as it
          // does for a process that stopped before handing off (README, Decisions).
          void rt.queue
            .enqueue(result.created.jobId, result.created.priority)
            .catch((err: Error) =>
              request.log.warn(
                { jobId: result.created?.jobId, reason: err.message },
                'enqueue deferred; the job stays QUEUED for the sweeper',
              ),
            );
        }
        return reply.status(result.statusCode).send(result.body);
      },
    );

    app.get(
      '/api/tracks',
      {
        schema: {
          tags: ['tracks'],
          summary: "The signed-in user's tracks",
          querystring: ListTracksQuery,
          response: { 200: TrackList, ...errors },
        },
      },
      async (request, reply) => {
        const userId = await requireUserId(ctx, request);
        const q = request.query;
        const load = async () => {
          const { items, total } = await listTracks(db, userId, q);
          const page = {
            items: await Promise.all(
              items.map((i) =>
                toTrackDto(i.track, i.jobId, rt.storage, ttl, { withPlan: false, forOwner: true }),
              ),
            ),
            page: q.page,
            limit: q.limit,
            total,
          };
          return Buffer.from(JSON.stringify(TrackList.parse(page)));
        };
        // The unfiltered library is the view people reload: served from the read cache.
        const body = isPlainLibraryPage(q)
          ? await ctx.caches.library.get(userId, `${q.page}:${q.limit}`, load)
          : await load();
        return sendSerialized(reply, body);
      },
    );

    app.get(
      '/api/explore',
      {
        schema: {
          tags: ['tracks'],
          summary:
            'Public tracks, newest first (?sort=popular: most liked first); ?q= (title or prompt) and ?genre= narrow them',
          querystring: ExploreQuery,
          response: { 200: TrackList, ...errors },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const { items, total } = await listPublicTracks(db, q);
        reply.header('cache-control', 'public, max-age=30');
        return {
          items: await Promise.all(
            items.map((i) =>
              toTrackDto(i.track, null, rt.storage, ttl, {
                withPlan: false,
                likes: { count: i.likeCount ?? 0 },
              }),
            ),
          ),
          page: q.page,
          limit: q.limit,
          total,
        };
      },
    );

    app.get(
      '/api/tracks/:id',
      { schema: { tags: ['tracks'], params: IdParams, response: { 200: Track, ...errors } } },
      async (request) => {
        const viewer = await optionalUserId(ctx, request);
        const { track, jobId } = await getTrackVisibleTo(db, viewer, request.params.id);
        const forOwner = track.userId === viewer;
        // The owner's page shows a refund already made instead of offering it again.
        const [qualityRefund, likes] = await Promise.all([
          forOwner && track.status === 'COMPLETE' ? qualityRefundOf(db, track.id) : undefined,
          likeStateOf(db, track.id, viewer),
        ]);
        return toTrackDto(track, jobId, rt.storage, ttl, { forOwner, qualityRefund, likes });
      },
    );

    // The like button's state on pages rendered without the viewer (share): the count, and whether
    // the signed-in viewer likes it (false when signed out).
    app.get(
      '/api/tracks/:id/like',
      {
        schema: {
          tags: ['tracks'],
          summary: "A track's like count and the viewer's like",
          params: IdParams,
          response: { 200: TrackLike, ...errors },
        },
      },
      async (request) => {
        const viewer = await optionalUserId(ctx, request);
        const { track } = await getTrackVisibleTo(db, viewer, request.params.id);
        const { count, liked } = await likeStateOf(db, track.id, viewer);
        return { liked: liked ?? false, like_count: count };
      },
    );

    // Likes: PUT likes, DELETE takes the like back; both idempotent, both answer the count after.
    for (const [method, like] of [
      ['PUT', true],
      ['DELETE', false],
    ] as const) {
      app.route({
        method,
        url: '/api/tracks/:id/like',
        schema: {
          tags: ['tracks'],
          summary: like ? 'Like a shared track (idempotent)' : 'Take a like back (idempotent)',
          params: IdParams,
          response: { 200: TrackLike, ...errors },
        },
        handler: async (request) => {
          const userId = await requireUserId(ctx, request);
          return setTrackLike({ ctx: { db }, input: { userId, trackId: request.params.id, like } });
        },
      });
    }

    app.patch(
      '/api/tracks/:id',
      {
        schema: {
          tags: ['tracks'],
          summary: 'Rename, publish or unpublish, or move to another of your series',
          params: IdParams,
          body: PatchTrackBody,
          response: { 200: Track, ...errors },
        },
      },
      async (request) => {
        const userId = await requireUserId(ctx, request);
        const row = await patchTrack(db, userId, request.params.id, request.body);
        rt.events.touchLibrary(userId);
        return toTrackDto(row, null, rt.storage, ttl, { forOwner: true });
      },
    );

    app.delete(
      '/api/tracks/:id',
      {
        schema: {
          tags: ['tracks'],
          summary: 'Delete a track and its files',
          params: IdParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const userId = await requireUserId(ctx, request);
        await deleteTrack(
          db,
          {
            // The rows are gone by now: a storage failure leaves unreachable garbage
            // (logged), never a 500 for a delete that happened.
            deletePrefix: (p) =>
              rt.storage.deletePrefix(p).catch((err) => {
                request.log.warn({ err, prefix: p }, 'track objects not deleted');
                return 0;
              }),
            failJob: async (jobId, reason) => {
              const ev = await failJob(db, jobId, reason);
              if (ev) rt.events.publish(ev, userId);
            },
            cancelProviderRequest: (ref) => rt.cancelProviderRequest(ref),
          },
          userId,
          request.params.id,
        );
        rt.events.touchLibrary(userId);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/tracks/:id/refund-quality',
      {
        schema: {
          tags: ['tracks', 'credits'],
          summary: "Refund half (rounded up) of a finished track's charge, once, within the refund window",
          params: IdParams,
          response: { 200: QualityRefund, ...errors },
        },
      },
      async (request) => {
        const userId = await requireUserId(ctx, request);
        return refundQuality({
          ctx: { db, windowDays: rt.config.credits.qualityRefundDays },
          input: { userId, trackId: request.params.id, now: new Date() },
        });
      },
    );

    app.get(
      '/api/tracks/:id/download',
      {
        schema: {
          tags: ['tracks'],
          summary: 'Redirects to a signed URL of one of the track files',
          params: IdParams,
          querystring: DownloadQuery,
          response: { 302: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await optionalUserId(ctx, request);
        const { track } = await getTrackVisibleTo(db, viewer, request.params.id);
        if (track.status !== 'COMPLETE')
          throw new AppError(409, 'NOT_READY', 'The track is not finished yet.');
        const { format, version, size } = request.query;
        if (version !== undefined && format !== 'cover-svg' && format !== 'cover-png') {
          throw new AppError(400, 'VALIDATION_ERROR', 'version applies to cover-svg and cover-png only.');
        }
        if (size !== undefined && format !== 'cover-png') {
          throw new AppError(400, 'VALIDATION_ERROR', 'size applies to cover-png only.');
        }
        if ((size === '256' || size === '512') && (version ?? track.visualVersion) !== track.visualVersion) {
          throw new AppError(
            400,
            'VALIDATION_ERROR',
            'sizes 256 and 512 exist for the current cover version only.',
          );
        }
        const pick: Record<string, [string | null, string]> = {
          mp3: [track.audioKey, 'mp3'],
          wav: [track.wavKey, 'wav'],
          preview: [track.previewKey, 'preview.mp3'],
          stems: [track.stemsKey, 'stems.zip'],
          midi: [track.midiKey, 'mid'],
          'cover-svg': [null, 'svg'],
          'cover-png': [null, 'png'],
        };
        let [key, ext] = pick[format]!;
        if (size === '2048') {
          // The print size is kept with every version (track_visuals.png_2048_key).
          key = await coverKeyFor(db, track, 'cover-png-2048', version);
          ext = `cover-v${version ?? track.visualVersion}-2048.png`;
        } else if (size !== undefined) {
          // The renditions are kept for the current version only (tracks.cover_256_key/_512_key).
          key = size === '256' ? track.cover256Key : track.cover512Key;
          ext = `cover-v${track.visualVersion}-${size}.png`;
        } else if (format === 'cover-svg' || format === 'cover-png') {
          key = await coverKeyFor(db, track, format, version);
          ext = `cover-v${version ?? track.visualVersion}.${ext}`;
        }
        if (!key) throw notFound(`${format} file of this track`);
        const safeTitle =
          track.title
            .replace(/[^\w\- ]+/g, '')
            .trim()
            .slice(0, 80) || 'track';
        const url = await rt.storage.signedUrl(key, {
          expiresInSec: ttl,
          downloadName: `${safeTitle}.${ext}`,
          public: track.public,
        });
        return reply.redirect(url, 302);
      },
    );

    app.post(
      '/api/tracks/:id/visuals',
      {
        schema: {
          tags: ['tracks'],
          summary: 'Draw cover version n+1 (the audio and earlier versions are kept)',
          params: IdParams,
          response: { 202: RegenerateVisualsResponse, ...errors },
        },
      },
      async (request, reply) => {
        const userId = await requireUserId(ctx, request);
        const trackId = request.params.id;
        // Version n+1 is reserved and its cover-art job recorded in one transaction; then queued.
        const { version, job } = await requestNewVisual({
          db,
          userId,
          trackId,
          queue: (tx, v) => queueCoverArt(tx, { userId, trackId, version: v }),
        });
        if (job.created) {
          await rt.queue
            .enqueue(job.job.id, job.job.priority)
            .catch((err) => request.log.warn({ err }, 'enqueue failed; the poll/sweeper picks the job up'));
        }
        return reply
          .status(202)
          .send({ track_id: trackId, visual_version: version, status: 'PENDING', job_id: job.job.id });
      },
    );
  };
}
