// The render chain of the songbook and the hymnal (songbook-render.ts, hymnal-render.ts): our SMF →
// Debian's FluidSynth with a GM SoundFont (TimGM6mb, FluidR3, MuseScore General Lite or the csound GM
// bank, each used only as an external file handed to fluidsynth; optional fluidsynth settings per
// clip) → the first clipSec seconds with a 1.5 s fade, peak-normalised to -1 dBFS → 192 kbps MP3 by
// ffmpeg's libmp3lame at 44.1 kHz. Each caller keeps its own cache directory (written to a temporary name,
// then renamed, so parallel processes never read half a file) and its own item → MIDI function.
// Tests and benches only.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { requireTool } from '../../dsp/test-support.ts';
import type { RenderedItem } from './corpus-render.ts';

const run = promisify(execFile);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** node_modules/.cache/<name>/<version> at the repository root: a renderer's cache of clips. */
export function clipCacheDir(name: string, version: string): string {
  return join(repoRoot, 'node_modules', '.cache', name, version);
}

export type GmFont = 'timgm6mb' | 'fluidr3' | 'musescore' | 'csound';

/** A SoundFont file and the Debian package that installs it. */
export interface FontFile {
  path: string;
  debianPackage: string;
  /**
   * FluidSynth loads only the samples a file plays (synth.dynamic-sample-loading). For a compressed
   * sf3 font this is the same output at well under half the CPU (it decodes no Vorbis sample the
   * file does not use: 5.7 → 2.3 s for a short file with MuseScore General Lite); for an sf2 font it
   * changes the output, so those load whole.
   */
  dynamicLoading?: boolean;
}

export const GM_SOUNDFONTS: Record<GmFont, FontFile> = {
  timgm6mb: { path: '/usr/share/sounds/sf2/TimGM6mb.sf2', debianPackage: 'timgm6mb-soundfont' },
  fluidr3: { path: '/usr/share/sounds/sf2/FluidR3_GM.sf2', debianPackage: 'fluid-soundfont-gm' },
  // The file itself: /usr/share/sounds/sf3/default-GM.sf3 is an alternatives link that Debian points
  // at FluidR3 whenever fluid-soundfont-gm is installed.
  musescore: {
    path: '/usr/share/sounds/sf3/MuseScore_General_Lite.sf3',
    debianPackage: 'musescore-general-soundfont-small',
    dynamicLoading: true,
  },
  // The csound GM bank (4 MB, all 128 GM programs and the GS drum kits): the MIDI archive's font.
  csound: { path: '/usr/share/sounds/sf2/sf_GMbank.sf2', debianPackage: 'csound-soundfont' },
};

/**
 * Fails loudly with the Debian package to install when a SoundFont file is missing: each of `fonts`
 * looked up in `table`, the GM fonts unless a renderer with fonts of its own (concert-render.ts) passes its
 * table, so every renderer's missing-font error reads the same.
 */
export function requireGmFonts(fonts: readonly GmFont[]): void;
export function requireGmFonts<F extends string>(
  fonts: readonly F[],
  table: Readonly<Record<F, FontFile>>,
): void;
export function requireGmFonts(
  fonts: readonly string[],
  table: Readonly<Record<string, FontFile>> = GM_SOUNDFONTS,
): void {
  for (const f of fonts) {
    const { path, debianPackage } = table[f]!;
    if (!existsSync(path)) {
      throw new Error(
        `${path} not found: install the Debian package '${debianPackage}' (apt-get install -y ${debianPackage})`,
      );
    }
  }
}

/** Fails loudly with the Debian package to install when a tool or SoundFont is missing. */
export function requireFluidSynthMp3Tools(fonts: readonly GmFont[]): void {
  requireTool('fluidsynth', 'fluidsynth');
  requireTool('ffmpeg', 'ffmpeg');
  requireGmFonts(fonts);
}

/** A labelled item of the songbook or the hymnal, as far as its render is concerned. */
export interface ClipItem {
  id: string;
  soundfont: GmFont;
  bpm: number;
  tonicPc: number;
  mode: 'major' | 'minor';
}

/** The rendered clip and its labels: the same shape as a corpus item's render. */
export type ClipRender = RenderedItem;

/** How a clip is mastered: the peak (dBFS) its gain aims at, the most gain given, the limiter (linear). */
export interface ClipMaster {
  peakDb: number;
  maxGainDb: number;
  limit: number;
}

/** Peak-normalised to −1 dBFS over the clip (at most +30 dB), limited at 0.95 (linear): as a mastered MP3 would be. */
export const PEAK_NORMALISED: ClipMaster = { peakDb: -1, maxGainDb: 30, limit: 0.95 };

/**
 * The cache every labelled renderer shares: the item's clip as `dir`/<id>.mp3 with its SMF beside it
 * as <id>.mid, made once and then read from there. `writeWav` renders the item into a WAV (given
 * the SMF's path, already written); the first `clipSec` seconds are mastered by `master` and
 * encoded (encodeClipMp3). Everything is written under a temporary name and renamed, so parallel
 * processes never read half a file, and nothing is left behind when a step fails.
 */
export async function cachedClipMp3(
  item: Pick<ClipItem, 'id' | 'bpm' | 'tonicPc' | 'mode'>,
  {
    dir,
    clipSec,
    master,
    midi,
    requireTools,
    writeWav,
  }: {
    dir: string;
    clipSec: number;
    master: ClipMaster;
    midi: () => Uint8Array;
    requireTools: () => void;
    writeWav: (wav: string, mid: string) => Promise<void>;
  },
): Promise<ClipRender> {
  const mp3 = join(dir, `${item.id}.mp3`);
  const label = { path: mp3, bpm: item.bpm, tonicPc: item.tonicPc, mode: item.mode };
  if (existsSync(mp3) && statSync(mp3).size > 1000) return label;
  requireTools();
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${item.id}.${process.pid}.${Date.now()}`);
  const mid = `${tmp}.mid`;
  const wav = `${tmp}.wav`;
  const out = `${tmp}.mp3`;
  try {
    writeFileSync(mid, midi());
    await writeWav(wav, mid);
    const gainDb = Math.min(master.maxGainDb, master.peakDb - (await wavPeakDb(wav, clipSec)));
    await encodeClipMp3(wav, out, { clipSec, gainDb, limit: master.limit });
    renameSync(out, mp3);
    renameSync(mid, join(dir, `${item.id}.mid`));
  } finally {
    rmSync(wav, { force: true });
    rmSync(mid, { force: true });
    rmSync(out, { force: true });
  }
  return label;
}

/**
 * The item's clip by FluidSynth: `dir`/<id>.mp3 (its MIDI kept beside it as <id>.mid), rendered once
 * from `midi()`, then read from there. Peak-normalised to -1 dBFS over the clip (FluidSynth's level
 * varies ~25 dB between a solo piano and a full band), as a mastered MP3 would be.
 */
export async function renderClipMp3(
  item: ClipItem,
  midi: () => Uint8Array,
  {
    dir,
    clipSec,
    synthSettings = [],
  }: {
    dir: string;
    clipSec: number;
    /** fluidsynth `-o name=value` settings (e.g. 'synth.reverb.active=0'), none by default. */
    synthSettings?: readonly string[];
  },
): Promise<ClipRender> {
  return cachedClipMp3(item, {
    dir,
    clipSec,
    master: PEAK_NORMALISED,
    midi,
    requireTools: () => requireFluidSynthMp3Tools([item.soundfont]),
    writeWav: async (wav, mid) => {
      await run('fluidsynth', [
        '-ni',
        '-q',
        '-g',
        '0.7',
        '-r',
        '44100',
        '-T',
        'wav',
        '-F',
        wav,
        ...(GM_SOUNDFONTS[item.soundfont].dynamicLoading ? ['-o', 'synth.dynamic-sample-loading=1'] : []),
        ...synthSettings.flatMap((o) => ['-o', o]),
        GM_SOUNDFONTS[item.soundfont].path,
        mid,
      ]);
    },
  });
}

/** The peak level (dBFS, ffmpeg's volumedetect) of a WAV's first `clipSec` seconds. */
export async function wavPeakDb(wav: string, clipSec: number): Promise<number> {
  const probe = await run(
    'ffmpeg',
    ['-hide_banner', '-nostats', '-t', String(clipSec), '-i', wav, '-af', 'volumedetect', '-f', 'null', '-'],
    { encoding: 'utf8' },
  );
  return Number(/max_volume: (-?[\d.]+) dB/.exec(probe.stderr)?.[1] ?? '0');
}

/**
 * A WAV's first `clipSec` seconds as a 192 kbps 44.1 kHz MP3: `gainDb` of gain, a 1.5 s fade-out and
 * a limiter at `limit` (linear) for the peaks the gain pushes over.
 */
export async function encodeClipMp3(
  wav: string,
  out: string,
  { clipSec, gainDb, limit }: { clipSec: number; gainDb: number; limit: number },
): Promise<void> {
  await run('ffmpeg', [
    '-y',
    '-loglevel',
    'error',
    '-i',
    wav,
    '-t',
    String(clipSec),
    '-af',
    `volume=${gainDb.toFixed(2)}dB,afade=t=out:st=${clipSec - 1.5}:d=1.5,alimiter=limit=${limit}:level=false`,
    '-ar',
    '44100',
    '-c:a',
    'libmp3lame',
    '-b:a',
    '192k',
    out,
  ]);
}
