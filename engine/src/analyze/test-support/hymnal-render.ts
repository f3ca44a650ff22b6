// Renders hymnal items (hymnal.ts, the third composer): its own SMF writer → Debian's FluidSynth
// with the item's GM SoundFont (FluidR3 or TimGM6mb, alternating pair by pair; each used only as an
// external file handed to fluidsynth. Debian's /usr/share/sounds/sf3/default-GM.sf3 is an
// alternatives link to FluidR3_GM.sf2 itself, so TimGM6mb is the second font) → the first 30 s with a
// 1.5 s fade, peak-normalised to -1 dBFS → 192 kbps MP3 by ffmpeg's libmp3lame at 44.1 kHz, the same
// chain as songbook-render.ts. Cached under node_modules/.cache/soundfoundry-hymnal/v1/ (written to a
// temporary name, then renamed, so parallel processes never read half a file). Tests and benches only.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { requireTool } from '../../dsp/test-support.ts';
import { HYMNAL_CLIP_SEC, type HymnalFont, type HymnalItem, hymnalMidi } from './hymnal.ts';

const run = promisify(execFile);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
/** Bump the version when the composer or the render chain changes (old renders are then stale). */
export const HYMNAL_CACHE_DIR = join(repoRoot, 'node_modules', '.cache', 'soundfoundry-hymnal', 'v1');

export const HYMNAL_SOUNDFONTS: Record<HymnalFont, { path: string; debianPackage: string }> = {
  timgm6mb: { path: '/usr/share/sounds/sf2/TimGM6mb.sf2', debianPackage: 'timgm6mb-soundfont' },
  fluidr3: { path: '/usr/share/sounds/sf2/FluidR3_GM.sf2', debianPackage: 'fluid-soundfont-gm' },
};

/** Fails loudly with the Debian package to install when a tool or SoundFont is missing. */
export function requireHymnalTools(fonts: HymnalFont[] = ['fluidr3', 'timgm6mb']): void {
  requireTool('fluidsynth', 'fluidsynth');
  requireTool('ffmpeg', 'ffmpeg');
  for (const f of fonts) {
    const { path, debianPackage } = HYMNAL_SOUNDFONTS[f];
    if (!existsSync(path)) {
      throw new Error(
        `${path} not found: install the Debian package '${debianPackage}' (apt-get install -y ${debianPackage})`,
      );
    }
  }
}

export interface HymnalRender {
  path: string;
  bpm: number;
  tonicPc: number;
  mode: 'major' | 'minor';
}

/** The item's 30 s MP3 (rendered once into `dir`, the cache by default, then read from there). */
export async function renderHymnalItem(
  item: HymnalItem,
  { dir = HYMNAL_CACHE_DIR }: { dir?: string } = {},
): Promise<HymnalRender> {
  const mp3 = join(dir, `${item.id}.mp3`);
  const label = { path: mp3, bpm: item.bpm, tonicPc: item.tonicPc, mode: item.mode };
  if (existsSync(mp3) && statSync(mp3).size > 1000) return label;
  requireHymnalTools([item.soundfont]);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${item.id}.${process.pid}.${Date.now()}`);
  const mid = `${tmp}.mid`;
  const wav = `${tmp}.wav`;
  const out = `${tmp}.mp3`;
  try {
    writeFileSync(mid, hymnalMidi(item));
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
      HYMNAL_SOUNDFONTS[item.soundfont].path,
      mid,
    ]);
    // Peak-normalised to -1 dBFS over the clip (FluidSynth's level varies ~25 dB between a solo
    // piano and a full band), as a mastered MP3 would be.
    const probe = await run(
      'ffmpeg',
      [
        '-hide_banner',
        '-nostats',
        '-t',
        String(HYMNAL_CLIP_SEC),
        '-i',
        wav,
        '-af',
        'volumedetect',
        '-f',
        'null',
        '-',
      ],
      { encoding: 'utf8' },
    );
    const peakDb = Number(/max_volume: (-?[\d.]+) dB/.exec(probe.stderr)?.[1] ?? '0');
    const gainDb = Math.min(30, -1 - peakDb);
    const fadeStart = HYMNAL_CLIP_SEC - 1.5;
    await run('ffmpeg', [
      '-y',
      '-loglevel',
      'error',
      '-i',
      wav,
      '-t',
      String(HYMNAL_CLIP_SEC),
      '-af',
      `volume=${gainDb.toFixed(2)}dB,afade=t=out:st=${fadeStart}:d=1.5,alimiter=limit=0.95:level=false`,
      '-ar',
      '44100',
      '-c:a',
      'libmp3lame',
      '-b:a',
      '192k',
      out,
    ]);
    renameSync(out, mp3);
    renameSync(mid, join(dir, `${item.id}.mid`));
  } finally {
    rmSync(wav, { force: true });
    rmSync(mid, { force: true });
    rmSync(out, { force: true });
  }
  return label;
}
