import { createHash } from 'node:crypto';

// Style seeds and series palettes (DESIGN.md §4 "Style"). Pure: tested on their own.

const MASK_63 = (1n << 63n) - 1n;

/** First 8 bytes of SHA-256(user id), big-endian, masked to 63 bits. */
export function userStyleSeed(userId: string): bigint {
  const digest = createHash('sha256').update(userId, 'utf8').digest();
  return digest.readBigUInt64BE(0) & MASK_63;
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

export function styleFromSeed(seed: bigint): { palette: Palette; geometry: Geometry } {
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
