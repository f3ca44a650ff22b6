import { createHash } from 'node:crypto';

// Style seeds and series palettes (DESIGN.md §4 "Style"). Pure: tested on their own.

const MASK_63 = (1n << 63n) - 1n;

/** First 8 bytes of a SHA-256 digest, big-endian, masked to 63 bits. */
function seed63(text: string): bigint {
  const digest = createHash('sha256').update(text, 'utf8').digest();
  return digest.readBigUInt64BE(0) & MASK_63;
}

/** First 8 bytes of SHA-256(user id), big-endian, masked to 63 bits. */
export function userStyleSeed(userId: string): bigint {
  return seed63(userId);
}

/**
 * The seed a series' palette and geometry derive from. Series 0 (the default) uses the user's
 * style seed itself; series n ≥ 1 uses SHA-256 of the text "<seed>:<n>" (decimal), read like the
 * user seed, so every further series of one user has its own, stable look.
 */
export function seriesSeed(userSeed: bigint, seriesNumber: number): bigint {
  if (!Number.isSafeInteger(seriesNumber) || seriesNumber < 0) {
    throw new RangeError(`series number must be a non-negative integer, got ${seriesNumber}`);
  }
  return seriesNumber === 0 ? userSeed : seed63(`${userSeed}:${seriesNumber}`);
}

export interface Palette {
  primary_hue: number;
  secondary_hue: number;
  luminance_base: number;
  saturation: number;
}
export interface Geometry {
  stroke_width_base: number;
  rotation_base: number;
  gradient_angle: number;
  shape_count: number;
}
export interface SeriesStyle {
  palette: Palette;
  geometry: Geometry;
}

/** DESIGN.md's formulas: seed → palette and geometry. */
export function styleFromSeed(seed: bigint): SeriesStyle {
  const primary = Number(seed % 360n);
  const secondary = (primary + 60 + Number((seed >> 8n) % 60n)) % 360;
  return {
    palette: { primary_hue: primary, secondary_hue: secondary, luminance_base: 0.45, saturation: 0.8 },
    geometry: {
      stroke_width_base: 8 + Number(seed % 16n),
      rotation_base: Number((seed >> 16n) % 360n),
      gradient_angle: Number((seed >> 8n) % 90n),
      shape_count: 6,
    },
  };
}

/** The derived style of a user's series number n (what a series gets when the user sets nothing). */
export function seriesStyle(userSeed: bigint, seriesNumber: number): SeriesStyle {
  return styleFromSeed(seriesSeed(userSeed, seriesNumber));
}
