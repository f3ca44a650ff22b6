import type { CreateSeriesBody, PatchSeriesBody, Series } from '@soundfoundry/contract';
import { LIMITS } from '@soundfoundry/contract/constants';
import { and, asc, count, eq, max, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { series, tracks, users } from '../db/schema/index.ts';
import { AppError, notFound } from './errors.ts';
import { seriesStyle } from './style-seed.ts';
import { isUniqueViolation, NotOnboardedError } from './tracks.ts';

// A user's series (DESIGN.md §4 "Style"): always private; another user's id answers 404, as if
// it did not exist. Palette and geometry not given are derived from (style seed, series number).

export type SeriesRow = typeof series.$inferSelect;

export function toSeriesDto(row: SeriesRow, trackCount: number): Series {
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    is_default: row.isDefault,
    number: row.number,
    palette: row.palette,
    geometry: row.geometry,
    track_count: trackCount,
    created_at: row.createdAt.toISOString(),
  };
}

/** "Late Night Tapes!" → "late-night-tapes" (ASCII letters and digits; "series" when nothing is left). */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return slug || 'series';
}

const slugTaken = () => new AppError(409, 'CONFLICT', 'You already have a series with this slug.');

/**
 * Two series of one person never share a title (case and surrounding spaces aside): pickers,
 * the bulk bar and the create form list series by title, and two "Night drives" cannot be told
 * apart there. Checked inside the caller's transaction, under the user's row lock.
 */
async function assertTitleFree(tx: DbOrTx, userId: string, title: string, exceptId?: string) {
  const same = await tx
    .select({ id: series.id })
    .from(series)
    .where(
      and(
        eq(series.userId, userId),
        sql`lower(btrim(${series.title})) = lower(btrim(${title}))`,
        exceptId ? sql`${series.id} <> ${exceptId}` : sql`true`,
      ),
    )
    .limit(1);
  if (same[0]) {
    throw new AppError(
      409,
      'CONFLICT',
      `You already have a series called “${title.trim()}”. Pick another title.`,
      {
        reason: 'title_taken',
      },
    );
  }
}

export async function listSeries({ db, userId }: { db: DbOrTx; userId: string }): Promise<Series[]> {
  const rows = await db
    .select({ s: series, n: count(tracks.id) })
    .from(series)
    .leftJoin(tracks, eq(tracks.seriesId, series.id))
    .where(eq(series.userId, userId))
    .groupBy(series.id)
    .orderBy(asc(series.number));
  return rows.map((r) => toSeriesDto(r.s, r.n));
}

export async function getSeries({ db, userId, seriesId }: { db: DbOrTx; userId: string; seriesId: string }) {
  const rows = await db
    .select({ s: series, n: count(tracks.id) })
    .from(series)
    .leftJoin(tracks, eq(tracks.seriesId, series.id))
    .where(and(eq(series.id, seriesId), eq(series.userId, userId)))
    .groupBy(series.id);
  if (!rows[0]) throw notFound('series');
  return { row: rows[0].s, dto: toSeriesDto(rows[0].s, rows[0].n) };
}

async function lockUserSeed(tx: DbOrTx, userId: string): Promise<bigint> {
  const u = (
    await tx.select({ seed: users.userStyleSeed }).from(users).where(eq(users.id, userId)).for('update')
  )[0];
  if (!u?.seed) throw new NotOnboardedError();
  return u.seed;
}

/**
 * Creates the user's next series under the user-row lock (numbers and derived slugs are then
 * free of races). A given slug that is taken is a 409; a slug derived from the title gets "-2", "-3"….
 */
export async function createSeries({
  db,
  userId,
  input,
}: {
  db: Db;
  userId: string;
  input: CreateSeriesBody;
}): Promise<Series> {
  try {
    return await db.transaction(async (tx) => {
      const seed = await lockUserSeed(tx, userId);
      await assertTitleFree(tx, userId, input.title);
      // Counted under the user's row lock (lockUserSeed): two requests cannot both take the last place.
      const [{ n: kept } = { n: 0 }] = await tx
        .select({ n: count() })
        .from(series)
        .where(eq(series.userId, userId));
      if (kept >= LIMITS.seriesMax) {
        throw new AppError(
          409,
          'CONFLICT',
          `You have ${LIMITS.seriesMax} series, the most one account keeps. Delete one you no longer use to start another.`,
          { limit: LIMITS.seriesMax },
        );
      }
      const last = await tx
        .select({ n: max(series.number) })
        .from(series)
        .where(eq(series.userId, userId));
      const number = (last[0]?.n ?? 0) + 1;
      const derived = seriesStyle(seed, number);
      let slug = input.slug;
      if (!slug) {
        const base = slugify(input.title);
        const taken = new Set(
          (
            await tx
              .select({ slug: series.slug })
              .from(series)
              .where(and(eq(series.userId, userId), sql`${series.slug} like ${`${base}%`}`))
          ).map((r) => r.slug),
        );
        slug = base;
        for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
      }
      const [row] = await tx
        .insert(series)
        .values({
          userId,
          number,
          title: input.title,
          slug,
          isDefault: false,
          palette: { ...derived.palette, ...input.palette },
          geometry: { ...derived.geometry, ...input.geometry },
        })
        .returning();
      return toSeriesDto(row!, 0);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken();
    throw err;
  }
}

export async function patchSeries({
  db,
  userId,
  seriesId,
  input,
}: {
  db: Db;
  userId: string;
  seriesId: string;
  input: PatchSeriesBody;
}): Promise<Series> {
  try {
    return await db.transaction(async (tx) => {
      // The user's row first, as createSeries takes it: two renames (or a rename and a create)
      // cannot both find a title free.
      if (input.title !== undefined) await lockUserSeed(tx, userId);
      const current = (
        await tx
          .select()
          .from(series)
          .where(and(eq(series.id, seriesId), eq(series.userId, userId)))
          .for('update')
      )[0];
      if (!current) throw notFound('series');
      if (input.title !== undefined) await assertTitleFree(tx, userId, input.title, seriesId);
      await tx
        .update(series)
        .set({
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.slug !== undefined ? { slug: input.slug } : {}),
          palette: { ...current.palette, ...input.palette },
          geometry: { ...current.geometry, ...input.geometry },
        })
        .where(eq(series.id, seriesId));
      return (await getSeries({ db: tx, userId, seriesId })).dto;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken();
    throw err;
  }
}

/** Deletes a series; its tracks move to the default series, which itself cannot be deleted. */
export async function deleteSeries({ db, userId, seriesId }: { db: Db; userId: string; seriesId: string }) {
  await db.transaction(async (tx) => {
    const target = (
      await tx
        .select()
        .from(series)
        .where(and(eq(series.id, seriesId), eq(series.userId, userId)))
        .for('update')
    )[0];
    if (!target) throw notFound('series');
    if (target.isDefault) throw new AppError(409, 'CONFLICT', 'The default series cannot be deleted.');
    const fallback = (
      await tx
        .select({ id: series.id })
        .from(series)
        .where(and(eq(series.userId, userId), eq(series.isDefault, true)))
    )[0];
    await tx
      .update(tracks)
      .set({ seriesId: fallback?.id ?? null, updatedAt: new Date() })
      .where(and(eq(tracks.seriesId, seriesId), eq(tracks.userId, userId)));
    await tx.delete(series).where(eq(series.id, seriesId));
  });
}
