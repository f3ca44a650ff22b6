import type { CoverInput } from './types.ts';

/** Tests only: one cover's inputs, which each test varies a field of. */
export const BASE_COVER: CoverInput = {
  palette: { primary_hue: 212, secondary_hue: 301, luminance_base: 0.45, saturation: 0.8 },
  geometry: { stroke_width_base: 12, rotation_base: 40, gradient_angle: 30, shape_count: 6 },
  unlocks: [],
  seed: 424242,
  genre: 'house',
  mood: 'warm',
  bpm: 124,
  energy: 0.6,
  key: 'A minor',
  visualVersion: 1,
  title: 'Paper Moons',
  seriesId: '0b9e4f3a-7c51-4d2e-9a61-2f8f1d6c0e42',
};
