/** Style unlocks (DESIGN.md §4), in the order they are drawn. */
export const COVER_UNLOCKS = [
  'soft_glow',
  'aurora',
  'midnight_bloom',
  'silk_lines',
  'geometric',
  'halftone',
] as const;
export type CoverUnlock = (typeof COVER_UNLOCKS)[number];

export const COVER_MOODS = ['bright', 'dark', 'calm', 'intense', 'dreamy', 'warm'] as const;
export type CoverMood = (typeof COVER_MOODS)[number];

/** The visual styles a cover can be drawn in (one per cover; the version walks through them). */
export const COVER_STYLES = ['ridges', 'sunset', 'bauhaus', 'orbits', 'arches'] as const;
export type CoverStyle = (typeof COVER_STYLES)[number];

export interface CoverPalette {
  primary_hue: number;
  secondary_hue: number;
  luminance_base: number;
  saturation: number;
}
export interface CoverGeometry {
  stroke_width_base: number;
  rotation_base: number;
  gradient_angle: number;
  shape_count: number;
}

export interface CoverInput {
  palette: CoverPalette;
  geometry: CoverGeometry;
  unlocks: readonly CoverUnlock[];
  /** The track's seed (0 … 2^31−1). */
  seed: number;
  genre: string | null;
  mood: CoverMood | null;
  bpm: number | null;
  /** 0..1, the music's energy. */
  energy: number | null;
  /** e.g. "A minor": printed small on the sleeve. */
  key?: string | null;
  visualVersion: number;
  /** Printed on the sleeve when given. */
  title?: string | null;
  /**
   * The series' id: never printed; a short hash of it marks the catalogue number ("SF-7K2Q — 424.1").
   * Never pass a name or slug here expecting it on the sleeve: covers are public with their track.
   */
  seriesId?: string | null;
}
