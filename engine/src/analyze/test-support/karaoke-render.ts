// Renders the karaoke book's items (karaoke.ts, the seventh composer): its SMF → Debian's FluidSynth
// with one of two GM fonts no other labelled set uses, dealt pair by pair — the OPL3 FM-chip GM font
// (OPL-3_FM_128M.sf2, package opl3-soundfont: the sound of a 1990s sound card's FM synth) or the full
// MuseScore General (MuseScore_General_Full.sf3, package musescore-general-soundfont, not the Lite
// font the other sets use) — with the item's synth settings (reverb on or off, chorus on or off, one
// of three gains) → the first 30 s with a 1.5 s fade, peak-normalised to -1 dBFS → 192 kbps MP3 at
// 44.1 kHz (the shared clip cache and encoder of fluidsynth-mp3.ts). Cached under
// node_modules/.cache/soundfoundry-karaoke/v1/. Tests and benches only.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { requireTool } from '../../dsp/test-support.ts';
import {
  type ClipRender,
  cachedClipMp3,
  clipCacheDir,
  PEAK_NORMALISED,
  requireGmFonts,
} from './fluidsynth-mp3.ts';
import {
  KARAOKE_CLIP_SEC,
  type KaraokeItem,
  type KkFont,
  karaokeMidi,
  karaokeSynthSettings,
} from './karaoke.ts';

const run = promisify(execFile);

/** Bump the version when the composer or the render chain changes (old renders are then stale). */
export const KARAOKE_CACHE_DIR = clipCacheDir('soundfoundry-karaoke', 'v1');

export const KARAOKE_FONTS: Record<KkFont, { name: string; path: string; debianPackage: string }> = {
  opl3: {
    name: 'OPL3 FM GM',
    path: '/usr/share/sounds/sf2/OPL-3_FM_128M.sf2',
    debianPackage: 'opl3-soundfont',
  },
  // The file itself: /usr/share/sounds/sf3/MuseScore_General.sf3 is an alternatives link.
  'musescore-hq': {
    name: 'MuseScore General (full)',
    path: '/usr/share/sounds/sf3/MuseScore_General_Full.sf3',
    debianPackage: 'musescore-general-soundfont',
  },
};

/** Fails loudly with the Debian package to install when fluidsynth, ffmpeg or a font is missing. */
export function requireKaraokeTools(fonts: readonly KkFont[] = ['opl3', 'musescore-hq']): void {
  requireTool('fluidsynth', 'fluidsynth');
  requireTool('ffmpeg', 'ffmpeg');
  requireGmFonts(fonts, KARAOKE_FONTS);
}

/** The item's 30 s MP3 (rendered once into `dir`, the cache by default, then read from there). */
export function renderKaraokeItem(
  item: KaraokeItem,
  { dir = KARAOKE_CACHE_DIR }: { dir?: string } = {},
): Promise<ClipRender> {
  return cachedClipMp3(item, {
    dir,
    clipSec: KARAOKE_CLIP_SEC,
    master: PEAK_NORMALISED,
    midi: () => karaokeMidi(item),
    requireTools: () => requireKaraokeTools([item.soundfont]),
    writeWav: async (wav, mid) => {
      await run(
        'fluidsynth',
        [
          '-ni',
          '-q',
          '-r',
          '44100',
          '-T',
          'wav',
          '-F',
          wav,
          // only the samples the file plays are loaded (the same output, half the CPU for the 86 MB font)
          '-o',
          'synth.dynamic-sample-loading=1',
          ...karaokeSynthSettings(item).flatMap((o) => ['-o', o]),
          KARAOKE_FONTS[item.soundfont].path,
          mid,
        ],
        { maxBuffer: 1 << 26 },
      );
    },
  });
}
