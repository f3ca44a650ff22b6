// Renders the live sets' items (liveset.ts, the tenth composer): its SMF (with the drifting tempo map)
// → Debian's TiMidity++ playing a GM SoundFont, FluidR3 or TimGM6mb as the item deals (packages
// timidity, fluid-soundfont-gm, timgm6mb-soundfont), TiMidity's own reverb and chorus off → a 44.1 kHz
// WAV → a live-room master by ffmpeg: the room's early reflections (aecho) or none, a bus compressor
// (acompressor) of one of two settings or none, a gentle EQ tilt, and a noise floor (tape hiss or the
// room's tone, anoisesrc) mixed under the band → the first 30 s with a 1.5 s fade, peak-normalised to
// the item's level → 192 kbps MP3 at 44.1 kHz (the shared clip cache and encoder of fluidsynth-mp3.ts,
// which keeps the SMF beside each clip). Cached under node_modules/.cache/soundfoundry-liveset/v1/.
// Tests and benches only.
//
// TiMidity always reads /etc/timidity/timidity.cfg (Debian maps every program and drum note to
// FluidR3 there, one `%font` line each) and `-c` only adds a file; a later definition replaces an
// earlier one. So the render's config loads the item's SoundFont with a `soundfont` line and maps
// every GM program and drum note to it again, and every render checks TiMidity's verbose report:
// it opened the item's SoundFont and no other.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { requireTool } from '../../dsp/test-support.ts';
import {
  type ClipRender,
  cachedClipMp3,
  clipCacheDir,
  GM_SOUNDFONTS,
  requireGmFonts,
  wavPeakDb,
} from './fluidsynth-mp3.ts';
import { LIVESET_CLIP_SEC, type LivesetItem, type LvFont, livesetMidi } from './liveset.ts';
import { timidityCfg } from './timidity-cfg.ts';

const run = promisify(execFile);

/** Bump the version when the composer or the render chain changes (old renders are then stale). */
const LIVESET_CACHE_DIR = clipCacheDir('soundfoundry-liveset', 'v1');

/** Fails loudly with the Debian package to install when timidity, ffmpeg or a SoundFont is missing. */
export function requireLivesetTools(fonts: readonly LvFont[] = ['fluidr3', 'timgm6mb']): void {
  requireTool('timidity', 'timidity');
  requireTool('ffmpeg', 'ffmpeg');
  requireGmFonts(fonts);
}

/** Our TiMidity config for one SoundFont: every GM program (bank 0) and standard-kit drum note played from it. */
function livesetTimidityCfg(font: LvFont): string {
  const path = GM_SOUNDFONTS[font].path;
  const file = basename(path);
  const programs = Array.from({ length: 128 }, (_, p) => `${p} %font "${file}" 0 ${p}`);
  const drums = Array.from({ length: 128 - 27 }, (_, i) => `${i + 27} %font "${file}" 128 0 ${i + 27}`);
  return [
    `# the live sets' ${font} only (liveset-render.ts)`,
    `dir /usr/share/sounds/sf2`,
    `soundfont ${path}`,
    'bank 0',
    ...programs,
    'drumset 0',
    ...drums,
    '',
  ].join('\n');
}

/** The config file for `font` (written once per machine). */
const cfgFile = (font: LvFont) => timidityCfg(`liveset-${font}`, () => livesetTimidityCfg(font));

/** The SoundFonts TiMidity's verbose report says it opened (`Init soundfonts `/usr/share/sounds/sf2/X.sf2'`). */
export function timidityFonts(report: string): string[] {
  return [...new Set([...report.matchAll(/Init soundfonts `([^']+)'/g)].map((m) => basename(m[1]!)))];
}

const COMPRESSOR = {
  gentle: 'acompressor=threshold=0.125:ratio=2:attack=20:release=250:makeup=1.5',
  glue: 'acompressor=threshold=0.0625:ratio=4:attack=5:release=120:makeup=2.5',
} as const;

/**
 * ffmpeg's filter graph of the item's room master: the band brought to a 0 dBFS peak (`gainDb`), the
 * room's early reflections, the compressor, the EQ tilt; the noise floor (pink hiss or the brown
 * rumble of a room, at noiseDb) mixed in unscaled.
 */
function livesetMasterGraph(item: LivesetItem, gainDb: number): string {
  const band = [
    `volume=${gainDb.toFixed(2)}dB`,
    ...(item.room ? ['aecho=0.85:0.6:17|29|43|61:0.32|0.24|0.17|0.11'] : []),
    ...(item.compressor === 'none' ? [] : [COMPRESSOR[item.compressor]]),
    ...(item.tiltDb === 0 ? [] : [`bass=g=${-item.tiltDb}:f=250,treble=g=${item.tiltDb}:f=3500`]),
  ].join(',');
  const colour = item.noise === 'hiss' ? 'pink' : 'brown';
  const amp = 10 ** (item.noiseDb / 20);
  return [
    `[0:a]aformat=sample_rates=44100:channel_layouts=stereo,${band}[band]`,
    `anoisesrc=r=44100:c=${colour}:a=${amp.toFixed(5)}:d=${LIVESET_CLIP_SEC + 2}:s=${item.seed % 100000},aformat=channel_layouts=stereo[noise]`,
    '[band][noise]amix=inputs=2:duration=first:normalize=0[out]',
  ].join(';');
}

/** The item's 30 s MP3 (rendered once into `dir`, the cache by default, then read from there). */
export function renderLivesetItem(
  item: LivesetItem,
  { dir = LIVESET_CACHE_DIR }: { dir?: string } = {},
): Promise<ClipRender> {
  return cachedClipMp3(item, {
    dir,
    clipSec: LIVESET_CLIP_SEC,
    master: { peakDb: item.peakDb, maxGainDb: 30, limit: 0.95 },
    midi: () => livesetMidi(item),
    requireTools: () => requireLivesetTools([item.soundfont]),
    writeWav: async (wav, mid) => {
      const raw = `${wav}.raw.wav`;
      try {
        const { stdout, stderr } = await run(
          'timidity',
          [
            '-c',
            cfgFile(item.soundfont),
            '-idvv',
            '-Ow',
            '-s',
            '44100',
            '--reverb=d',
            '--chorus=d',
            '-A',
            '60',
            '-o',
            raw,
            mid,
          ],
          { maxBuffer: 1 << 26 },
        );
        const fonts = timidityFonts(`${stdout}\n${stderr}`);
        const want = basename(GM_SOUNDFONTS[item.soundfont].path);
        if (fonts.length !== 1 || fonts[0] !== want)
          throw new Error(
            `${item.id}: TiMidity opened ${fonts.join(', ') || 'no SoundFont'}, not ${want} only`,
          );
        const gainDb = -(await wavPeakDb(raw, LIVESET_CLIP_SEC));
        await run('ffmpeg', [
          '-y',
          '-loglevel',
          'error',
          '-i',
          raw,
          '-filter_complex',
          livesetMasterGraph(item, gainDb),
          '-map',
          '[out]',
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
