// Renders hymnal items (hymnal.ts, the third composer): its SMF → Debian's FluidSynth with the
// item's GM SoundFont (FluidR3 or TimGM6mb, alternating pair by pair. Debian's
// /usr/share/sounds/sf3/default-GM.sf3 is an alternatives link to FluidR3_GM.sf2 itself, so
// TimGM6mb is the second font) → the first 30 s with a 1.5 s fade, peak-normalised to -1 dBFS →
// 192 kbps MP3 (the chain is fluidsynth-mp3.ts, shared with the songbook). Cached under
// node_modules/.cache/soundfoundry-hymnal/v1/. Tests and benches only.
import { type ClipRender, clipCacheDir, renderClipMp3, requireFluidSynthMp3Tools } from './fluidsynth-mp3.ts';
import { HYMNAL_CLIP_SEC, type HymnalFont, type HymnalItem, hymnalMidi } from './hymnal.ts';

/** Bump the version when the composer or the render chain changes (old renders are then stale). */
export const HYMNAL_CACHE_DIR = clipCacheDir('soundfoundry-hymnal', 'v1');

/** Fails loudly with the Debian package to install when a tool or SoundFont is missing. */
export function requireHymnalTools(fonts: HymnalFont[] = ['fluidr3', 'timgm6mb']): void {
  requireFluidSynthMp3Tools(fonts);
}

export type HymnalRender = ClipRender;

/** The item's 30 s MP3 (rendered once into `dir`, the cache by default, then read from there). */
export function renderHymnalItem(
  item: HymnalItem,
  { dir = HYMNAL_CACHE_DIR }: { dir?: string } = {},
): Promise<HymnalRender> {
  return renderClipMp3(item, () => hymnalMidi(item), { dir, clipSec: HYMNAL_CLIP_SEC });
}
