// Renders jam tracks (jamtracks.ts, the fifth composer) with a synthesizer no other labelled set uses
// for its SMF: spessasynth_core (Apache-2.0, already the engine's synth) played in this process from
// the item's SMF through its own sequencer, with the item's GM SoundFont from disk (FluidR3, TimGM6mb
// or MuseScore General Lite, dealt pair by pair) and its own effects (none, a room, a hall, a
// slapback delay) — other sample playback, envelopes, filters and reverb than FluidSynth's. Then,
// by ffmpeg: the first 30 s with a 1.5 s fade, mastered to the item's loudness (peak -6 dBFS, peak
// -1 dBFS, or 6 dB into a limiter) → 192 kbps MP3 at 44.1 kHz. Cached under
// node_modules/.cache/soundfoundry-jamtracks/v1/ (written to a temporary name, then renamed, so
// parallel processes never read half a file). Tests and benches only.
import { readFileSync, writeFileSync } from 'node:fs';
import {
  BasicMIDI,
  type BasicSoundBank,
  SoundBankLoader,
  SpessaSynthProcessor,
  SpessaSynthSequencer,
} from 'spessasynth_core';
import { requireTool } from '../../dsp/test-support.ts';
import {
  type ClipRender,
  cachedClipMp3,
  clipCacheDir,
  GM_SOUNDFONTS,
  requireGmFonts,
} from './fluidsynth-mp3.ts';
import { JAMTRACKS_CLIP_SEC, type JamFont, type JamItem, jamtracksMidi } from './jamtracks.ts';

/** Bump the version when the composer or the render chain changes (old renders are then stale). */
export const JAMTRACKS_CACHE_DIR = clipCacheDir('soundfoundry-jamtracks', 'v1');

const SAMPLE_RATE = 44100;
const BLOCK = 128;

/** Fails loudly with the Debian package to install when ffmpeg or a SoundFont file is missing. */
export function requireJamtracksTools(
  fonts: readonly JamFont[] = ['fluidr3', 'timgm6mb', 'musescore'],
): void {
  requireTool('ffmpeg', 'ffmpeg');
  requireGmFonts(fonts);
}

const banks = new Map<JamFont, BasicSoundBank>();
function bank(font: JamFont): BasicSoundBank {
  let b = banks.get(font);
  if (!b) {
    const bytes = readFileSync(GM_SOUNDFONTS[font].path);
    b = SoundBankLoader.fromArrayBuffer(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    banks.set(font, b);
  }
  return b;
}

/** The item's space on spessasynth's own effects (GS-style reverb characters 0-7). */
function applyMix(synth: SpessaSynthProcessor, item: JamItem): void {
  const rev = synth.reverbProcessor;
  if (item.mix === 'room') {
    rev.character = 1; // room 2
    rev.time = 50;
    rev.level = 80;
    rev.preDelayTime = 4;
  } else if (item.mix === 'hall') {
    rev.character = 4; // hall 2
    rev.time = 100;
    rev.level = 110;
    rev.preDelayTime = 30;
  } else if (item.mix === 'slapback') {
    rev.character = 6; // delay: one short echo
    rev.time = 20;
    rev.delayFeedback = 12;
    rev.level = 70;
  }
}

/** The SMF played by spessasynth's sequencer into 44.1 kHz stereo float PCM, `seconds` long. */
export async function synthesiseJamtrack(
  item: JamItem,
  seconds: number,
): Promise<[Float32Array, Float32Array]> {
  const synth = new SpessaSynthProcessor(SAMPLE_RATE, {
    effectsEnabled: item.mix !== 'dry',
    eventsEnabled: false,
    maxBufferSize: BLOCK,
  });
  synth.soundBankManager.addSoundBank(bank(item.soundfont), 'jam');
  await synth.processorInitialized;
  applyMix(synth, item);
  const seq = new SpessaSynthSequencer(synth);
  seq.skipToFirstNoteOn = false;
  seq.loopCount = 0;
  const midi = jamtracksMidi(item);
  seq.loadNewSongList([
    BasicMIDI.fromArrayBuffer(
      midi.buffer.slice(midi.byteOffset, midi.byteOffset + midi.byteLength) as ArrayBuffer,
    ),
  ]);
  seq.play();
  const frames = Math.ceil((seconds * SAMPLE_RATE) / BLOCK) * BLOCK;
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (let at = 0; at < frames; at += BLOCK) {
    seq.processTick();
    synth.process(left, right, at, BLOCK);
  }
  return [left, right];
}

/** 32-bit float stereo WAV bytes. */
function floatWav([l, r]: [Float32Array, Float32Array]): Buffer {
  const n = l.length;
  const buf = Buffer.alloc(44 + n * 8);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + n * 8, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(3, 20); // IEEE float
  buf.writeUInt16LE(2, 22);
  buf.writeUInt32LE(SAMPLE_RATE, 24);
  buf.writeUInt32LE(SAMPLE_RATE * 8, 28);
  buf.writeUInt16LE(8, 32);
  buf.writeUInt16LE(32, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(n * 8, 40);
  for (let i = 0; i < n; i++) {
    buf.writeFloatLE(l[i]!, 44 + i * 8);
    buf.writeFloatLE(r[i]!, 48 + i * 8);
  }
  return buf;
}

/** The item's 30 s MP3 (rendered once into `dir`, the cache by default, then read from there). */
export async function renderJamtracksItem(
  item: JamItem,
  { dir = JAMTRACKS_CACHE_DIR }: { dir?: string } = {},
): Promise<ClipRender> {
  const clipSec = JAMTRACKS_CLIP_SEC;
  return cachedClipMp3(item, {
    dir,
    clipSec,
    // quiet: peak at -6 dBFS; normal: -1 dBFS; hot: 6 dB over, into the limiter (a loud master)
    master: {
      peakDb: item.loudness === 'quiet' ? -6 : item.loudness === 'hot' ? 5 : -1,
      maxGainDb: 40,
      limit: 0.89,
    },
    midi: () => jamtracksMidi(item),
    requireTools: () => requireJamtracksTools([item.soundfont]),
    writeWav: async (wav) => writeFileSync(wav, floatWav(await synthesiseJamtrack(item, clipSec + 0.5))),
  });
}
