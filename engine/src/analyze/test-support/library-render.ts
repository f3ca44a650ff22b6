// Renders the production-music library's items (library.ts, the eighth composer): its SMF → Debian's
// TiMidity++ with the freepats GUS patch set (packages timidity and freepats; no other labelled set
// uses either), with the item's synth settings (TiMidity's freeverb on or off, its chorus on or off,
// one of three resamplers, one of three amplifications) → a 44.1 kHz WAV → the first 30 s with a 1.5 s
// fade, peak-normalised to -1 dBFS → 192 kbps MP3 at 44.1 kHz (the shared clip cache and encoder of
// fluidsynth-mp3.ts). Cached under node_modules/.cache/soundfoundry-library/v1/. Tests and benches only.
//
// TiMidity always reads /etc/timidity/timidity.cfg (Debian points it at FluidR3) and `-c` only adds a
// file to it; a later definition of a program or drum note replaces an earlier one, and instruments
// are loaded only when a file plays them. So the render reads a config that sources freepats.cfg
// after the default, the composer uses only programs and drum notes freepats defines
// (library.test.ts checks), and every render checks TiMidity's verbose report: each instrument it
// loaded is a freepats patch, no SoundFont was opened.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { requireTool } from '../../dsp/test-support.ts';
import { type ClipRender, cachedClipMp3, clipCacheDir, PEAK_NORMALISED } from './fluidsynth-mp3.ts';
import { LIBRARY_CLIP_SEC, type LibraryItem, libraryMidi } from './library.ts';
import { timidityCfg } from './timidity-cfg.ts';

const run = promisify(execFile);

/** Bump the version when the composer or the render chain changes (old renders are then stale). */
export const LIBRARY_CACHE_DIR = clipCacheDir('soundfoundry-library', 'v1');

/** freepats' TiMidity config (package freepats). */
export const FREEPATS_CFG = '/etc/timidity/freepats.cfg';

/** Fails loudly with the Debian package to install when timidity, freepats or ffmpeg is missing. */
export function requireLibraryTools(): void {
  requireTool('timidity', 'timidity');
  requireTool('ffmpeg', 'ffmpeg');
  if (!existsSync(FREEPATS_CFG) || !existsSync('/usr/share/midi/freepats')) {
    throw new Error(
      `${FREEPATS_CFG} not found: install the Debian package 'freepats' (apt-get install -y freepats)`,
    );
  }
}

/** A config of our own that reads freepats (its definitions override the default config's). */
const freepatsOnlyCfg = () =>
  timidityCfg('freepats-only', () => `# freepats only (library-render.ts)\nsource ${FREEPATS_CFG}\n`);

/** TiMidity's options for the item's synth settings: reverb, chorus, resampler, amplification. */
export function libraryTimidityArgs(item: LibraryItem): string[] {
  return [
    item.reverb ? '--reverb=f,80' : '--reverb=d',
    item.chorus ? '--chorus=n,60' : '--chorus=d',
    `--resample=${{ linear: 'l', cspline: 'c', gauss: 'g' }[item.resample]}`,
    `--volume=${item.amp}`,
  ];
}

/**
 * The instruments TiMidity's verbose report (-idv) says it loaded, and whether it opened a SoundFont:
 * `Tonebank 0 48: Tone_000/048_String_Ensemble_1_Marcato.pat`, `Drumset 0 36(C): Drum_000/036_Kick_2.pat`.
 */
export function timidityLoads(report: string): { patches: string[]; soundfont: boolean } {
  const patches = [...report.matchAll(/^(?:Tonebank|Drumset) \d+ \d+[^:]*: (.+)$/gm)].map((m) =>
    m[1]!.trim(),
  );
  return { patches, soundfont: /Init soundfonts|\.sf[23]\b/i.test(report) };
}

/** The item's 30 s MP3 (rendered once into `dir`, the cache by default, then read from there). */
export function renderLibraryItem(
  item: LibraryItem,
  { dir = LIBRARY_CACHE_DIR }: { dir?: string } = {},
): Promise<ClipRender> {
  return cachedClipMp3(item, {
    dir,
    clipSec: LIBRARY_CLIP_SEC,
    master: PEAK_NORMALISED,
    midi: () => libraryMidi(item),
    requireTools: requireLibraryTools,
    writeWav: async (wav, mid) => {
      const { stdout, stderr } = await run(
        'timidity',
        [
          '-c',
          freepatsOnlyCfg(),
          '-idv',
          '-Ow',
          '-s',
          '44100',
          '--preserve-silence',
          ...libraryTimidityArgs(item),
          '-o',
          wav,
          mid,
        ],
        { maxBuffer: 1 << 26 },
      );
      const loads = timidityLoads(`${stdout}\n${stderr}`);
      const stray = loads.patches.filter((p) => !/^(Tone|Drum)_000\/\d{3}_[^/]+\.pat$/.test(p));
      if (loads.soundfont || loads.patches.length === 0 || stray.length > 0) {
        throw new Error(
          `${item.id}: TiMidity did not play freepats only (loaded ${loads.patches.join(', ') || 'nothing'}${loads.soundfont ? ', a SoundFont' : ''})`,
        );
      }
    },
  });
}
