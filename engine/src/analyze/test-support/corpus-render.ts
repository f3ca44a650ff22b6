// Renders corpus items (corpus.ts) to WAV with their labels, cached under
// node_modules/.cache/soundfoundry-corpus/v<CORPUS_VERSION>/ (not committed; delete it to re-render):
// - fluidsynth-fluidr3:    FluidSynth + Debian's FluidR3_GM.sf2 (fluid-soundfont-gm)
// - fluidsynth-musescore:  FluidSynth + MuseScore General Lite SF3 (another sample set, the one
//                          the engine ships, played by another synthesizer)
// - sox:                   drum and tone samples synthesised by sox (sine-sweep kick, noise snare
//                          and hats, Karplus–Strong plucks, additive pads), placed by us
// - engine:                the engine's generateTrack (its own composer and synth), labelled by
//                          the plan's tempo and key
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeWav, requireTool } from '../../dsp/test-support.ts';
import { generateTrack } from '../../generate.ts';
import { soundfontPath } from '../../render/soundfont.ts';
import { type KeyName, TONICS } from '../../types.ts';
import { writeAtomically } from './atomic-file.ts';
import { CORPUS_VERSION, type CorpusItem, mulberry32, pick } from './corpus.ts';
import {
  BASS_CHANNEL,
  CHORD_CHANNEL,
  type CorpusNote,
  composeItem,
  DRUM_CHANNEL,
  MELODY_CHANNEL,
  PPQ,
} from './corpus-compose.ts';
import { SOUNDFONT_PATH } from './midi-fixtures.ts';
import { writeSmf } from './smf.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const CORPUS_CACHE_DIR = join(
  ROOT,
  'node_modules',
  '.cache',
  'soundfoundry-corpus',
  `v${CORPUS_VERSION}`,
);
const RATE = 44_100;

export interface RenderedItem {
  path: string;
  /** The label: the item's bpm, or for engine items the plan's. */
  bpm: number;
  tonicPc: number;
  mode: 'major' | 'minor';
}

/** Fails with the Debian package names when a renderer's tool is missing. */
export function requireCorpusTools(): void {
  requireTool('fluidsynth', 'fluidsynth');
  requireTool('sox', 'sox');
  if (!existsSync(SOUNDFONT_PATH)) {
    throw new Error(`${SOUNDFONT_PATH} not found: install the Debian package 'fluid-soundfont-gm'`);
  }
}

/** Renders a FluidSynth item from its MIDI with the given SoundFont (bench/soundfont-swap.ts uses others). */
export function fluidsynthRender(item: CorpusItem, soundfont: string, wav: string): void {
  const c = composeItem(item);
  const mid = `${wav}.mid`;
  const smf = writeSmf(
    item.bpm,
    [
      { channel: BASS_CHANNEL, program: c.programs.bass },
      { channel: CHORD_CHANNEL, program: c.programs.chords },
      { channel: MELODY_CHANNEL, program: c.programs.melody },
    ],
    c.notes,
  );
  writeAtomically(mid, (tmp) => writeFileSync(tmp, smf));
  // Dynamic sample loading decodes only the presets the piece uses (the SF3's Ogg samples
  // otherwise cost ≈3 s of CPU per render); the output is byte-identical.
  writeAtomically(wav, (tmp) =>
    execFileSync(
      'fluidsynth',
      [
        '-ni',
        '-q',
        '-o',
        'synth.dynamic-sample-loading=1',
        '-g',
        '0.5',
        '-r',
        String(RATE),
        '-T',
        'wav',
        '-F',
        tmp,
        soundfont,
        mid,
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    ),
  );
}

// ------------------------------------------------------------------ sox samples

/** One sox-synthesised sample (mono float at RATE), cached by its effect chain. */
function soxSample(dir: string, name: string, args: string[]): Float32Array {
  const path = join(dir, `${name}.f32`);
  // the held-out files render in parallel and share these samples
  if (!existsSync(path))
    writeAtomically(path, (tmp) =>
      execFileSync('sox', [
        '-n',
        '-r',
        String(RATE),
        '-c',
        '1',
        '-b',
        '32',
        '-e',
        'floating-point',
        '-t',
        'raw',
        tmp,
        ...args,
      ]),
    );
  const bytes = readFileSync(path);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

const hz = (midi: number) => (440 * 2 ** ((midi - 69) / 12)).toFixed(3);

type ToneKind = 'pluck' | 'pad' | 'square' | 'organ';

function toneSample(dir: string, kind: ToneKind, midi: number): Float32Array {
  const f = hz(midi);
  switch (kind) {
    case 'pluck':
      return soxSample(dir, `pluck-${midi}`, [
        'synth',
        '1.6',
        'pluck',
        f,
        'fade',
        '0',
        '1.6',
        '1.2',
        'gain',
        '-6',
      ]);
    case 'pad':
      return soxSample(dir, `pad-${midi}`, [
        'synth',
        '2.5',
        'sine',
        f,
        'sine',
        String(Number(f) * 2),
        'triangle',
        String(Number(f) * 1.003),
        'remix',
        '-',
        'fade',
        '0.04',
        '2.5',
        '0.6',
        'gain',
        '-12',
      ]);
    case 'square':
      return soxSample(dir, `square-${midi}`, [
        'synth',
        '1.2',
        'square',
        f,
        'lowpass',
        '1800',
        'fade',
        '0.005',
        '1.2',
        '1.0',
        'gain',
        '-14',
      ]);
    case 'organ':
      return soxSample(dir, `organ-${midi}`, [
        'synth',
        '2',
        'sine',
        f,
        'sine',
        String(Number(f) * 2),
        'sine',
        String(Number(f) * 3),
        'remix',
        '-',
        'fade',
        '0.01',
        '2',
        '0.1',
        'gain',
        '-12',
      ]);
  }
}

function drumSample(dir: string, note: number): Float32Array | null {
  switch (note) {
    case 36:
      return soxSample(dir, 'kick', [
        'synth',
        '0.35',
        'sine',
        '150:45',
        'fade',
        '0',
        '0.35',
        '0.3',
        'gain',
        '-1',
      ]);
    case 38:
      return soxSample(dir, 'snare', [
        'synth',
        '0.22',
        'pinknoise',
        'band',
        '1800',
        '1500',
        'fade',
        '0',
        '0.22',
        '0.2',
        'gain',
        '4',
      ]);
    case 39:
      return soxSample(dir, 'clap', [
        'synth',
        '0.15',
        'whitenoise',
        'band',
        '1200',
        '800',
        'fade',
        '0',
        '0.15',
        '0.13',
        'gain',
        '2',
      ]);
    case 42:
      return soxSample(dir, 'hat', [
        'synth',
        '0.05',
        'whitenoise',
        'highpass',
        '7000',
        'fade',
        '0',
        '0.05',
        '0.045',
        'gain',
        '-4',
      ]);
    case 46:
      return soxSample(dir, 'open-hat', [
        'synth',
        '0.25',
        'whitenoise',
        'highpass',
        '6000',
        'fade',
        '0',
        '0.25',
        '0.22',
        'gain',
        '-8',
      ]);
    case 51:
      return soxSample(dir, 'ride', [
        'synth',
        '0.5',
        'square',
        '3100',
        'square',
        '4700',
        'remix',
        '-',
        'highpass',
        '3000',
        'fade',
        '0',
        '0.5',
        '0.48',
        'gain',
        '-22',
      ]);
    case 70:
      return soxSample(dir, 'shaker', [
        'synth',
        '0.07',
        'whitenoise',
        'band',
        '6000',
        '3000',
        'fade',
        '0.01',
        '0.07',
        '0.05',
        'gain',
        '-8',
      ]);
    default:
      return null;
  }
}

function soxRender(item: CorpusItem, wav: string): void {
  const c = composeItem(item);
  const dir = join(CORPUS_CACHE_DIR, 'sox-samples');
  mkdirSync(dir, { recursive: true });
  const rnd = mulberry32(item.seed + 7);
  const kinds: Record<number, ToneKind> = {
    [BASS_CHANNEL]: pick(rnd, ['pluck', 'square'] as const),
    [CHORD_CHANNEL]: pick(rnd, ['pluck', 'pad', 'organ'] as const),
    [MELODY_CHANNEL]: pick(rnd, ['square', 'pluck', 'organ'] as const),
  };
  const gains: Record<number, number> = {
    [BASS_CHANNEL]: 0.9,
    [CHORD_CHANNEL]: 0.35,
    [MELODY_CHANNEL]: 0.45,
    [DRUM_CHANNEL]: 0.8,
  };
  const secPerTick = 60 / item.bpm / PPQ;
  const out = new Float32Array(Math.ceil((c.durationSec + 1) * RATE));
  const place = (n: CorpusNote, sample: Float32Array, sustainFrames: number) => {
    const start = Math.round(n.tick * secPerTick * RATE);
    const release = Math.round(0.03 * RATE);
    const len = Math.min(sample.length, sustainFrames + release, out.length - start);
    const g = gains[n.channel]! * (n.velocity / 127);
    for (let i = 0; i < len; i++) {
      const fade = i < sustainFrames ? 1 : 1 - (i - sustainFrames) / release;
      out[start + i] = out[start + i]! + g * fade * sample[i]!;
    }
  };
  for (const n of c.notes) {
    if (n.channel === DRUM_CHANNEL) {
      const s = drumSample(dir, n.note);
      if (s) place(n, s, s.length);
    } else {
      place(n, toneSample(dir, kinds[n.channel]!, n.note), Math.round(n.durationTicks * secPerTick * RATE));
    }
  }
  let peak = 0;
  for (let i = 0; i < out.length; i++) peak = Math.max(peak, Math.abs(out[i]!));
  if (peak > 0) for (let i = 0; i < out.length; i++) out[i] = (out[i]! / peak) * 0.7;
  writeFileSync(wav, encodeWav([out, out], RATE, 16, false));
}

// ------------------------------------------------------------------ engine

/** The engine's render of an item and the labels its plan reports (it may move the tempo or key). */
async function engineRender(
  item: CorpusItem,
): Promise<{ wav: Uint8Array; labels: { bpm: number; tonicPc: number; mode: 'major' | 'minor' } }> {
  const key = `${TONICS[item.tonicPc]!} ${item.mode}` as KeyName;
  const track = await generateTrack({
    prompt: `a ${item.genre} track`,
    durationSec: 25,
    seed: item.seed,
    genre: item.genre,
    key,
  });
  const [tonic, mode] = track.plan.key.split(' ') as [string, 'major' | 'minor'];
  return {
    wav: track.wav,
    labels: { bpm: track.plan.bpm, tonicPc: TONICS.indexOf(tonic as (typeof TONICS)[number]), mode },
  };
}

/** Renders (or finds in the cache) one item; returns its WAV path and labels. */
export async function renderCorpusItem(item: CorpusItem): Promise<RenderedItem> {
  mkdirSync(CORPUS_CACHE_DIR, { recursive: true });
  const wav = join(CORPUS_CACHE_DIR, `${item.id}.wav`);
  const meta = join(CORPUS_CACHE_DIR, `${item.id}.json`);
  if (existsSync(wav) && existsSync(meta) && statSync(wav).size > 44) {
    return { path: wav, ...(JSON.parse(readFileSync(meta, 'utf8')) as Omit<RenderedItem, 'path'>) };
  }
  let labels: Omit<RenderedItem, 'path'> = { bpm: item.bpm, tonicPc: item.tonicPc, mode: item.mode };
  if (item.renderer === 'fluidsynth-fluidr3') fluidsynthRender(item, SOUNDFONT_PATH, wav);
  else if (item.renderer === 'fluidsynth-musescore') fluidsynthRender(item, soundfontPath(), wav);
  else if (item.renderer === 'sox') writeAtomically(wav, (tmp) => soxRender(item, tmp));
  else {
    const rendered = await engineRender(item);
    writeAtomically(wav, (tmp) => writeFileSync(tmp, rendered.wav));
    labels = rendered.labels;
  }
  writeAtomically(meta, (tmp) => writeFileSync(tmp, JSON.stringify(labels)));
  return { path: wav, ...labels };
}
