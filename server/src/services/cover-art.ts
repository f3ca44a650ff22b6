import { LIMITS } from '@soundfoundry/contract/constants';
import {
  type CoverInput,
  type CoverUnlock,
  coverStyleFor,
  moodFromMusic,
  renderCover,
} from '@soundfoundry/engine/cover';
import { and, desc, eq, lte, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { series, tracks, trackVisuals, users } from '../db/schema/index.ts';
import { AppError, notFound } from './errors.ts';
import {
  contentTypeForKind,
  type ObjectStorage,
  type TrackObjectKind,
  trackObjectKey,
} from './storage/index.ts';
import { seriesStyle } from './style-seed.ts';
import { recomputeUnlocks } from './style-unlocks.ts';
import type { TrackRow } from './tracks.ts';

// Cover art of tracks (DESIGN.md §4 "Cover art"): version 1 after a track completes, version n+1 on
// request. The audio is never touched; every version's files stay under cover-*-v{n} keys.

type Log = { warn(o: object, m?: string): void; info?(o: object, m?: string): void };

export interface CoverDeps {
  db: Db;
  storage: ObjectStorage;
  log?: Log;
  /** Tells library views that a cover changed. */
  events?: { touchLibrary(userId: string): void };
}

/** A pending version older than this is taken as abandoned (its process died) and may be redrawn. */
export const STALE_PENDING_MS = 5 * 60_000;

/** What the generator gets for one track: its series' look, the user's unlocks and the music. */
export async function coverInputFor(db: Db, track: TrackRow, version: number): Promise<CoverInput> {
  const [owner] = await db
    .select({ seed: users.userStyleSeed, unlocks: users.styleUnlocks })
    .from(users)
    .where(eq(users.id, track.userId));
  const own = track.seriesId
    ? await db
        .select()
        .from(series)
        .where(and(eq(series.id, track.seriesId), eq(series.userId, track.userId)))
    : await db
        .select()
        .from(series)
        .where(and(eq(series.userId, track.userId), eq(series.isDefault, true)));
  const look = own[0] ?? seriesStyle(owner?.seed ?? 0n, 0);
  const plan = (track.plan ?? {}) as { mode?: unknown; energy?: unknown };
  const energy = typeof plan.energy === 'number' ? plan.energy : null;
  const mode = plan.mode === 'major' || plan.mode === 'minor' ? plan.mode : null;
  return {
    palette: look.palette,
    geometry: look.geometry,
    unlocks: (owner?.unlocks ?? []) as CoverUnlock[],
    seed: track.seed,
    genre: track.genre,
    mood: moodFromMusic({ prompt: track.prompt, mode, energy }),
    bpm: track.bpm,
    energy,
    key: track.key,
    visualVersion: version,
    title: track.title,
    // The id, hashed into the catalogue mark: the slug is the owner's private name for the series.
    seriesId: own[0]?.id ?? null,
  };
}

const COVER_FILES: {
  kind: TrackObjectKind;
  pick: (r: Awaited<ReturnType<typeof renderCover>>) => Uint8Array;
}[] = [
  { kind: 'cover-svg', pick: (r) => new TextEncoder().encode(r.svg) },
  { kind: 'cover-png', pick: (r) => r.png1024 },
  { kind: 'cover-png-2048', pick: (r) => r.png2048 },
  { kind: 'cover-png-256', pick: (r) => r.png256 },
  { kind: 'cover-png-512', pick: (r) => r.png512 },
];

/**
 * Draws and stores cover `version` of a track whose visuals row is PENDING, marks the row COMPLETE
 * and points the track at it (never back at an older version). Throws on failure after marking
 * the row FAILED.
 */
export async function renderTrackCover(
  { db, storage }: CoverDeps,
  trackId: string,
  version: number,
): Promise<void> {
  try {
    const track = (await db.select().from(tracks).where(eq(tracks.id, trackId)))[0];
    if (!track) throw notFound('track');
    const input = await coverInputFor(db, track, version);
    const files = await renderCover(input);
    const keys: Record<string, string> = {};
    for (const f of COVER_FILES) {
      const key = trackObjectKey({ trackId, kind: f.kind, version });
      await storage.put(key, f.pick(files), { contentType: contentTypeForKind(f.kind) });
      keys[f.kind] = key;
    }
    const recorded = await db.transaction(async (tx) => {
      const done = await tx
        .update(trackVisuals)
        .set({
          status: 'COMPLETE',
          style: coverStyleFor(input.genre, input.seed, version),
          svgKey: keys['cover-svg']!,
          pngKey: keys['cover-png']!,
          png2048Key: keys['cover-png-2048']!,
          error: null,
          completedAt: new Date(),
        })
        .where(and(eq(trackVisuals.trackId, trackId), eq(trackVisuals.version, version)))
        .returning({ v: trackVisuals.version });
      if (!done[0]) return false; // the track was deleted meanwhile
      await tx
        .update(tracks)
        .set({
          visualVersion: version,
          coverKey: keys['cover-png']!,
          cover256Key: keys['cover-png-256']!,
          cover512Key: keys['cover-png-512']!,
          updatedAt: new Date(),
        })
        .where(
          and(
            eq(tracks.id, trackId),
            or(lte(tracks.visualVersion, version), sql`${tracks.coverKey} is null`),
          ),
        );
      return true;
    });
    // The track was deleted while we drew: its prefix delete may have run before our writes, so
    // nothing else would ever remove these objects.
    if (!recorded) await Promise.all(Object.values(keys).map((key) => storage.delete(key)));
  } catch (err) {
    await db
      .update(trackVisuals)
      .set({ status: 'FAILED', error: String((err as Error)?.message ?? err).slice(0, 500) })
      .where(
        and(
          eq(trackVisuals.trackId, trackId),
          eq(trackVisuals.version, version),
          eq(trackVisuals.status, 'PENDING'),
        ),
      )
      .catch(() => {});
    throw err;
  }
}

/**
 * What the cover-art job does: draws cover `version` of a track unless it is drawn already. For
 * version 1 (the track just completed) it first recomputes the owner's unlocks, so the first cover
 * wears them. 'gone' when the track was deleted.
 */
export async function drawCoverVersion(
  deps: CoverDeps,
  trackId: string,
  version: number,
): Promise<'drawn' | 'exists' | 'gone'> {
  const track = (await deps.db.select().from(tracks).where(eq(tracks.id, trackId)))[0];
  if (track?.status !== 'COMPLETE') return 'gone';
  if (version === 1) {
    await recomputeUnlocks({ db: deps.db, userId: track.userId }).catch((err) =>
      deps.log?.warn({ err, trackId }, 'unlock recompute failed'),
    );
  }
  const reserved = await deps.db
    .insert(trackVisuals)
    .values({ trackId, version, status: 'PENDING' })
    .onConflictDoUpdate({
      target: [trackVisuals.trackId, trackVisuals.version],
      set: { status: 'PENDING', error: null },
      where: sql`${trackVisuals.status} <> 'COMPLETE'`,
    })
    .returning({ v: trackVisuals.version });
  if (!reserved[0]) return 'exists';
  await renderTrackCover(deps, trackId, version);
  deps.events?.touchLibrary(track.userId);
  return 'drawn';
}

/**
 * Reserves visual version n+1 of the user's finished track (PENDING). One new version at a time:
 * a fresh PENDING one is a 409; a stale one (its process died) is marked FAILED and superseded.
 */
export async function requestNewVisual<J>({
  db,
  userId,
  trackId,
  queue,
}: {
  db: Db;
  userId: string;
  trackId: string;
  /** Records the job that draws it, in the same transaction (worker/jobs/cover-art.ts). */
  queue: (tx: Tx, version: number) => Promise<J>;
}): Promise<{ version: number; job: J }> {
  return db.transaction(async (tx) => {
    const track = (
      await tx
        .select()
        .from(tracks)
        .where(and(eq(tracks.id, trackId), eq(tracks.userId, userId)))
        .for('update')
    )[0];
    if (!track) throw notFound('track');
    if (track.status !== 'COMPLETE') throw new AppError(409, 'NOT_READY', 'The track is not finished yet.');
    const latest = (
      await tx
        .select()
        .from(trackVisuals)
        .where(eq(trackVisuals.trackId, trackId))
        .orderBy(desc(trackVisuals.version))
        .limit(1)
    )[0];
    if (latest?.status === 'PENDING') {
      if (Date.now() - latest.createdAt.getTime() < STALE_PENDING_MS) {
        throw new AppError(409, 'CONFLICT', 'A new cover for this track is already being made.');
      }
      await tx
        .update(trackVisuals)
        .set({ status: 'FAILED', error: 'abandoned' })
        .where(and(eq(trackVisuals.trackId, trackId), eq(trackVisuals.version, latest.version)));
    }
    const version = Math.max(latest?.version ?? 0, track.visualVersion) + 1;
    // Drawing is free and every version stays stored: without a cap a script fills the disk.
    if (version > LIMITS.coverVersionsMax) {
      throw new AppError(
        409,
        'CONFLICT',
        `This track has ${LIMITS.coverVersionsMax} covers, the most one track keeps. Every one of them stays downloadable.`,
        { limit: LIMITS.coverVersionsMax },
      );
    }
    await tx.insert(trackVisuals).values({ trackId, version, status: 'PENDING' });
    return { version, job: await queue(tx, version) };
  });
}

/** The stored cover file of `version` (default: the track's current one), or 404. */
export async function coverKeyFor(
  db: Db,
  track: TrackRow,
  format: 'cover-svg' | 'cover-png' | 'cover-png-2048',
  version?: number,
): Promise<string> {
  const v = version ?? track.visualVersion;
  const row = (
    await db
      .select()
      .from(trackVisuals)
      .where(
        and(
          eq(trackVisuals.trackId, track.id),
          eq(trackVisuals.version, v),
          eq(trackVisuals.status, 'COMPLETE'),
        ),
      )
  )[0];
  const key = format === 'cover-svg' ? row?.svgKey : format === 'cover-png' ? row?.pngKey : row?.png2048Key;
  if (!key) throw notFound(`${format} version ${v} of this track`);
  return key;
}
