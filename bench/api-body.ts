// The POST /api/tracks body of bench:api and bench:api-alloc: prompt and lyrics long enough that
// the content policy has real work to do.
export const TRACK_BODY = JSON.stringify({
  prompt:
    'benchmark: warm analog synthwave at night, gated reverb drums, arpeggiated bass, neon city, slow build, ' +
    'soaring lead in the last chorus, cassette saturation, 1986 movie soundtrack feel',
  duration_s: 30,
  has_vocals: true,
  lyrics: 'Driving through the neon rain, counting every light again\n'.repeat(8),
});
