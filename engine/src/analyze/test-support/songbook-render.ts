// Renders songbook items (songbook.ts): our SMF → Debian's FluidSynth with the item's GM SoundFont
// (TimGM6mb or FluidR3) → the first 30 s with a 1.5 s fade, peak-normalised to -1 dBFS → 192 kbps
// MP3 (the chain is fluidsynth-mp3.ts, shared with the hymnal). Cached under
// node_modules/.cache/soundfoundry-songbook/v1/. Tests and benches only.
import { type ClipRender, clipCacheDir, renderClipMp3, requireFluidSynthMp3Tools } from './fluidsynth-mp3.ts';
import { SONGBOOK_CLIP_SEC, type SongbookFont, type SongbookItem, songbookMidi } from './songbook.ts';

/** Bump the version when the composer or the render chain changes (old renders are then stale). */
export const SONGBOOK_CACHE_DIR = clipCacheDir('soundfoundry-songbook', 'v1');

/** Fails loudly with the Debian package to install when a tool or SoundFont is missing. */
export function requireSongbookTools(fonts: SongbookFont[] = ['timgm6mb', 'fluidr3']): void {
  requireFluidSynthMp3Tools(fonts);
}

export type SongbookRender = ClipRender;

/** The item's 30 s MP3 (rendered once into `dir`, the cache by default, then read from there). */
export function renderSongbookItem(
  item: SongbookItem,
  { dir = SONGBOOK_CACHE_DIR }: { dir?: string } = {},
): Promise<SongbookRender> {
  return renderClipMp3(item, () => songbookMidi(item), { dir, clipSec: SONGBOOK_CLIP_SEC });
}
