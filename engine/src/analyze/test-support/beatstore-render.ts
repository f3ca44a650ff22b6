// Renders beat-store items (beatstore.ts, the fourth composer): its SMF → Debian's FluidSynth with
// the item's GM SoundFont (MuseScore General Lite or FluidR3, alternating pair by pair) and its
// production touch (fluidsynth's reverb and chorus off, at their defaults, or a big hall) → the
// first 30 s with a 1.5 s fade, peak-normalised to -1 dBFS → 192 kbps MP3 (the chain is
// fluidsynth-mp3.ts, shared with the songbook and the hymnal). Cached under
// node_modules/.cache/soundfoundry-beatstore/v1/. Tests and benches only.
import {
  BEATSTORE_CLIP_SEC,
  type BeatstoreFont,
  type BeatstoreItem,
  beatstoreMidi,
  beatstoreSynthSettings,
} from './beatstore.ts';
import { type ClipRender, clipCacheDir, renderClipMp3, requireFluidSynthMp3Tools } from './fluidsynth-mp3.ts';

/** Bump the version when the composer or the render chain changes (old renders are then stale). */
export const BEATSTORE_CACHE_DIR = clipCacheDir('soundfoundry-beatstore', 'v1');

/** Fails loudly with the Debian package to install when a tool or SoundFont is missing. */
export function requireBeatstoreTools(fonts: BeatstoreFont[] = ['musescore', 'fluidr3']): void {
  requireFluidSynthMp3Tools(fonts);
}

export type BeatstoreRender = ClipRender;

/** The item's 30 s MP3 (rendered once into `dir`, the cache by default, then read from there). */
export function renderBeatstoreItem(
  item: BeatstoreItem,
  { dir = BEATSTORE_CACHE_DIR }: { dir?: string } = {},
): Promise<BeatstoreRender> {
  return renderClipMp3(item, () => beatstoreMidi(item), {
    dir,
    clipSec: BEATSTORE_CLIP_SEC,
    synthSettings: beatstoreSynthSettings(item),
  });
}
