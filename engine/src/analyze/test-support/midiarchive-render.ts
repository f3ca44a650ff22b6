// Renders MIDI-archive items (midiarchive.ts, the sixth composer): its SMF → Debian's FluidSynth with
// the csound GM bank (sf_GMbank.sf2, package csound-soundfont: a font no other labelled set uses) and
// the item's synth settings (reverb off, at fluidsynth's defaults or a large hall; chorus on or off;
// one of three gains) → the first 30 s with a 1.5 s fade, peak-normalised to -1 dBFS → 192 kbps MP3
// (the chain is fluidsynth-mp3.ts, shared with the songbook, the hymnal and the beat store). Cached
// under node_modules/.cache/soundfoundry-midiarchive/v1/. Tests and benches only.
import { type ClipRender, clipCacheDir, renderClipMp3, requireFluidSynthMp3Tools } from './fluidsynth-mp3.ts';
import {
  MIDIARCHIVE_CLIP_SEC,
  type MidiArchiveItem,
  midiarchiveMidi,
  midiarchiveSynthSettings,
} from './midiarchive.ts';

/** Bump the version when the composer or the render chain changes (old renders are then stale). */
export const MIDIARCHIVE_CACHE_DIR = clipCacheDir('soundfoundry-midiarchive', 'v1');

/** Fails loudly with the Debian package to install when a tool or the csound GM bank is missing. */
export function requireMidiarchiveTools(fonts: MidiArchiveItem['soundfont'][] = ['csound']): void {
  requireFluidSynthMp3Tools(fonts);
}

export type MidiarchiveRender = ClipRender;

/** The item's 30 s MP3 (rendered once into `dir`, the cache by default, then read from there). */
export function renderMidiarchiveItem(
  item: MidiArchiveItem,
  { dir = MIDIARCHIVE_CACHE_DIR }: { dir?: string } = {},
): Promise<MidiarchiveRender> {
  return renderClipMp3(item, () => midiarchiveMidi(item), {
    dir,
    clipSec: MIDIARCHIVE_CLIP_SEC,
    synthSettings: midiarchiveSynthSettings(item),
  });
}
