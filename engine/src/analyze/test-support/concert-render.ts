// Renders the concert programme's items (concert.ts, the twelfth composer): its SMF (with the tempo
// map where the tempo breathes) → Debian's FluidSynth playing the item's SoundFont — the full MuseScore
// General (package musescore-general-soundfont), or the pair's other: the csound GM bank
// (csound-soundfont) or FluidR3 (fluid-soundfont-gm) — each used only as an external file handed to
// fluidsynth, with FluidSynth's own reverb on (room size, damping, width and level per item) and its
// chorus off, at 44.1 kHz in float → a concert-hall master by ffmpeg: the hall's tail (a long aecho)
// or none and a gentle EQ tilt → the first 30 s with a 1.5 s fade, peak-normalised to the item's
// level → 192 kbps MP3 at 44.1 kHz (the shared clip cache and encoder of fluidsynth-mp3.ts, which
// keeps the SMF beside each clip, written under a temporary name and renamed). Cached under
// node_modules/.cache/soundfoundry-concert/v1/. Tests and benches only.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { requireTool } from '../../dsp/test-support.ts';
import { CONCERT_CLIP_SEC, type CoFont, type ConcertItem, concertMidi } from './concert.ts';
import {
  type ClipRender,
  cachedClipMp3,
  clipCacheDir,
  GM_SOUNDFONTS,
  requireGmFonts,
  wavPeakDb,
} from './fluidsynth-mp3.ts';

const run = promisify(execFile);

/** Bump the version when the composer or the render chain changes (old renders are then stale). */
export const CONCERT_CACHE_DIR = clipCacheDir('soundfoundry-concert', 'v1');

/** The SoundFonts the concert programme plays from: the file and the Debian package that installs it. */
export const CONCERT_FONTS: Record<CoFont, { path: string; debianPackage: string; name: string }> = {
  'musescore-full': {
    path: '/usr/share/sounds/sf3/MuseScore_General_Full.sf3',
    debianPackage: 'musescore-general-soundfont',
    name: 'MuseScore General (full)',
  },
  csound: { ...GM_SOUNDFONTS.csound, name: 'csound GM bank' },
  fluidr3: { ...GM_SOUNDFONTS.fluidr3, name: 'FluidR3' },
};

/** Fails loudly with the Debian package to install when fluidsynth, ffmpeg or a SoundFont is missing. */
export function requireConcertTools(
  fonts: readonly CoFont[] = ['musescore-full', 'csound', 'fluidr3'],
): void {
  requireTool('fluidsynth', 'fluidsynth');
  requireTool('ffmpeg', 'ffmpeg');
  requireGmFonts(fonts, CONCERT_FONTS);
}

/** FluidSynth's settings for the item: its reverb on with the item's room, chorus off, float output. */
export function concertSynthSettings(item: ConcertItem): string[] {
  return [
    'synth.reverb.active=1',
    `synth.reverb.room-size=${item.roomSize}`,
    `synth.reverb.damp=${(0.2 + item.roomSize * 0.3).toFixed(2)}`,
    'synth.reverb.width=0.9',
    `synth.reverb.level=${item.reverbLevel}`,
    'synth.chorus.active=0',
    // load only the samples the piece plays (the full MuseScore font is large)
    'synth.dynamic-sample-loading=1',
  ];
}

const HALL = {
  hall: 'aecho=0.8:0.7:47|83|131|197:0.28|0.2|0.14|0.09',
  cathedral: 'aecho=0.8:0.75:71|149|263|401|587:0.3|0.24|0.18|0.12|0.08',
} as const;

/** ffmpeg's filter of the item's hall master: brought to a 0 dBFS peak (`gainDb`), the hall's tail, the EQ tilt. */
export function concertMasterFilter(item: ConcertItem, gainDb: number): string {
  return [
    'aformat=sample_rates=44100:channel_layouts=stereo',
    `volume=${gainDb.toFixed(2)}dB`,
    ...(item.hall === 'none' ? [] : [HALL[item.hall]]),
    ...(item.tiltDb === 0 ? [] : [`bass=g=${-item.tiltDb}:f=200,treble=g=${item.tiltDb}:f=4000`]),
  ].join(',');
}

/** The item's 30 s MP3 (rendered once into `dir`, the cache by default, then read from there). */
export function renderConcertItem(
  item: ConcertItem,
  { dir = CONCERT_CACHE_DIR }: { dir?: string } = {},
): Promise<ClipRender> {
  return cachedClipMp3(item, {
    dir,
    clipSec: CONCERT_CLIP_SEC,
    master: { peakDb: item.peakDb, maxGainDb: 30, limit: 0.95 },
    midi: () => concertMidi(item),
    requireTools: () => requireConcertTools([item.soundfont]),
    writeWav: async (wav, mid) => {
      const raw = `${wav}.raw.wav`;
      try {
        await run('fluidsynth', [
          '-ni',
          '-q',
          '-g',
          '0.6',
          '-r',
          '44100',
          '-T',
          'wav',
          '-O',
          'float',
          '-F',
          raw,
          ...concertSynthSettings(item).flatMap((o) => ['-o', o]),
          CONCERT_FONTS[item.soundfont].path,
          mid,
        ]);
        const gainDb = -(await wavPeakDb(raw, CONCERT_CLIP_SEC));
        await run('ffmpeg', [
          '-y',
          '-loglevel',
          'error',
          '-i',
          raw,
          '-t',
          String(CONCERT_CLIP_SEC + 1),
          '-af',
          concertMasterFilter(item, gainDb),
          '-c:a',
          'pcm_f32le',
          wav,
        ]);
      } finally {
        rmSync(raw, { force: true });
      }
    },
  });
}
