// Renders the world-music atlas's items (atlas.ts, the ninth composer) with Debian's csound (package
// csound; no other labelled set uses it) playing an orchestra of our own: Karplus-Strong plucked
// strings, FM pianos, mallets and bells, an additive organ, pulse-wave reeds, filtered-saw brass,
// strings and pads, a breathy flute, a distorted guitar, a synth bass, and synthesised drums (swept
// sine kicks, toms and hand drums, noise-and-tone snares, claps, hats, shakers, tambourines, cymbals,
// cowbells, claves, wood blocks and a triangle). The item's score becomes csound i-statements (times in
// seconds at the item's tempo, humanised) with its master settings: reverbsc as a room, a hall or
// none, a stereo width, a clean, tape-saturated or lo-fi colour → a 44.1 kHz float WAV → the first
// 30 s with a 1.5 s fade, peak-normalised to the item's level → 192 kbps MP3 at 44.1 kHz (the shared
// clip cache and encoder of fluidsynth-mp3.ts, which keeps the composed SMF beside each clip as a
// record). Cached under node_modules/.cache/soundfoundry-atlas/v1/. Tests and benches only.
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { requireTool } from '../../dsp/test-support.ts';
import {
  ATLAS_CLIP_SEC,
  type AtlasItem,
  type AtNote,
  type AtPart,
  type AtScore,
  type AtVoice,
  atlasMidi,
  composeAtlas,
  styleOf,
} from './atlas.ts';
import { type ClipRender, cachedClipMp3, clipCacheDir } from './fluidsynth-mp3.ts';

const run = promisify(execFile);

/** Bump the version when the composer, the orchestra or the render chain changes (old renders are then stale). */
const ATLAS_CACHE_DIR = clipCacheDir('soundfoundry-atlas', 'v1');

/** Fails loudly with the Debian package to install when csound or ffmpeg is missing. */
export function requireAtlasTools(): void {
  requireTool('csound', 'csound');
  requireTool('ffmpeg', 'ffmpeg');
}

// ---------------------------------------------------------------- the orchestra

/**
 * Every instrument takes p4 amplitude, p5 frequency (Hz; a drum's tuning), p6 pan (0 left .. 1
 * right), p7 reverb send, then its own p8.. settings. Each adds into the global dry and reverb
 * buses; instr 99 (numbered last, so it runs after the others in each control period) masters them.
 */
const ATLAS_ORCHESTRA = `
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1
seed 4747

gaL init 0
gaR init 0
gaRvL init 0
gaRvR init 0
giSine ftgen 1, 0, 8192, 10, 1
giOrgan ftgen 2, 0, 8192, 10, 1, 0.6, 0.35, 0.2, 0.12, 0, 0.08, 0.05
giFlute ftgen 3, 0, 8192, 10, 1, 0.25, 0.08, 0.03

opcode AtOut, 0, aii
  aSig, iPan, iSend xin
  aL = aSig * sqrt(1 - iPan)
  aR = aSig * sqrt(iPan)
  gaL = gaL + aL
  gaR = gaR + aR
  gaRvL = gaRvL + aL * iSend
  gaRvR = gaRvR + aR * iSend
endop

; plucked string (Karplus-Strong): p8 low-pass Hz
instr 1
  aS pluck p4, p5, p5, 0, 1
  aS butterlp aS, p8
  aE linseg 0, 0.002, 1, p3 - 0.032, 1, 0.03, 0
  AtOut aS * aE * 1.5, p6, p7
endin

; FM piano / electric piano: p8 modulator ratio, p9 level at the end, p10 index at the attack
instr 2
  kI expseg p10, p3, 0.2
  aE expseg 0.001, 0.004, 1, p3 - 0.004, p9
  aR linseg 1, p3 - 0.03, 1, 0.03, 0
  aS foscili p4, p5, 1, p8, kI, 1
  AtOut aS * aE * aR, p6, p7
endin

; organ (additive drawbars, a slow vibrato)
instr 3
  kV oscili 0.004, 5.5, 1
  aS oscili p4, p5 * (1 + kV), 2
  aE linseg 0, 0.01, 1, p3 - 0.05, 1, 0.04, 0
  AtOut aS * aE * 0.8, p6, p7
endin

; reed (accordion, clarinet): two detuned pulse waves through a low-pass: p8 pulse width, p9 detune (cents), p10 cut-off (× pitch)
instr 4
  iD = 2 ^ (p9 / 1200)
  a1 vco2 p4, p5, 2, p8
  a2 vco2 p4, p5 * iD, 2, p8
  aS moogladder (a1 + a2) * 0.5, min(p5 * p10, 12000), 0.2
  aE linseg 0, 0.02, 1, p3 - 0.08, 0.9, 0.06, 0
  AtOut aS * aE, p6, p7
endin

; brass, sax, fiddle, synth lead, tuba: detuned saws, a filter envelope, delayed vibrato: p8 base cut-off (× pitch), p9 envelope cut-off (× pitch), p10 attack, p11 vibrato depth
instr 5
  kVd linseg 0, 0.25, 0, 0.3, p11
  kV oscili kVd * 0.01, 5.2, 1
  a1 vco2 p4, p5 * (1 + kV)
  a2 vco2 p4, p5 * (1.003 + kV)
  kF expseg 1, p10, 1, 0.25, 0.3, p3, 0.25
  aS moogladder (a1 + a2) * 0.5, min(p5 * (p8 + p9 * kF), 14000), 0.15
  aE linseg 0, p10, 1, p3 - p10 - 0.06, 0.85, 0.06, 0
  AtOut aS * aE, p6, p7
endin

; strings and pads: three detuned saws, a slow attack: p8 attack, p9 cut-off Hz
instr 6
  a1 vco2 p4, p5
  a2 vco2 p4, p5 * 1.005
  a3 vco2 p4, p5 * 0.995
  aS moogladder (a1 + a2 + a3) / 3, p9, 0.1
  aE linseg 0, p8, 1, p3 - p8 - 0.15, 1, 0.15, 0
  AtOut aS * aE, p6, p7
endin

; flute: a soft tone, breath noise at its pitch, vibrato
instr 7
  kV oscili 0.006, 5, 1
  aS oscili p4, p5 * (1 + kV), 3
  aN rand p4 * 0.3
  aN butterbp aN, p5 * 2, p5
  aE linseg 0, 0.05, 1, p3 - 0.1, 0.9, 0.05, 0
  AtOut (aS + aN) * aE, p6, p7
endin

; distorted guitar: saw and square through a drive and a cabinet low-pass
instr 8
  a1 vco2 p4, p5
  a2 vco2 p4 * 0.5, p5 * 2.002, 10
  aS = tanh((a1 + a2) * 4) * 0.4
  aS butterlp aS, 3200
  aE linseg 0, 0.005, 1, p3 - 0.04, 0.8, 0.035, 0
  AtOut aS * aE, p6, p7
endin

; mallets and bells (FM): p8 modulator ratio, p9 decay (s), p10 index
instr 9
  kI expseg p10, p9, 0.1
  aE expseg 0.001, 0.002, 1, p9, 0.01, 1, 0.001
  aR linseg 1, p3 - 0.03, 1, 0.03, 0
  aS foscili p4, p5, 1, p8, kI, 1
  AtOut aS * aE * aR, p6, p7
endin

; synth bass: saw plus a sine sub, a plucky filter
instr 10
  a1 vco2 p4, p5
  aSub oscili p4, p5, 1
  kF expseg 6, 0.12, 2, p3, 1.5
  aS moogladder a1, min(p5 * kF * 3, 8000), 0.3
  aE linseg 0, 0.004, 1, p3 - 0.03, 0.8, 0.026, 0
  AtOut (aS + aSub * 0.6) * aE, p6, p7
endin

; membrane (kick, toms, surdo, dhol, congas, bongos, timbales): a swept sine, p8 end Hz, p9 decay (s), p10 click level
instr 20
  kF expseg p5, 0.04, p8, 1, p8 * 0.95
  aE expseg 1, p9, 0.001, 1, 0.0001
  aS oscili p4, kF, 1
  aN rand p4 * p10
  aNe expseg 1, 0.012, 0.001, 1, 0.0001
  aN butterhp aN * aNe, 1800
  AtOut aS * aE + aN, p6, p7
endin

; snare: a tone and bright noise: p8 noise level, p9 decay (s)
instr 22
  kF expseg p5, 0.03, p5 * 0.85, 1, p5 * 0.8
  aT oscili p4, kF, 1
  aTe expseg 1, 0.07, 0.001, 1, 0.0001
  aN rand p4 * p8
  aN butterhp aN, 1500
  aNe expseg 1, p9, 0.001, 1, 0.0001
  AtOut aT * aTe + aN * aNe, p6, p7
endin

; hand clap: three quick noise bursts and a tail
instr 23
  aN rand p4
  aN butterbp aN, 1200, 900
  aE linseg 0, 0.001, 1, 0.008, 0.15, 0.001, 1, 0.008, 0.15, 0.001, 1, 0.12, 0, 1, 0
  AtOut aN * aE * 2, p6, p7
endin

; hats and shakers: high-passed noise: p5 cut-off Hz, p8 attack (s), p9 decay (s)
instr 24
  aN rand p4
  aN butterhp aN, p5
  aN butterhp aN, p5
  aE linseg 0, p8, 1, 0.001, 1
  aD expseg 1, p8 + 0.001, 1, p9, 0.001, 1, 0.0001
  AtOut aN * aE * aD, p6, p7
endin

; cymbals: six square oscillators (the analogue machines' metal) and noise: p9 decay (s)
instr 25
  iR = p5 / 205.3
  a1 vco2 p4, 205.3 * iR, 10
  a2 vco2 p4, 304.4 * iR, 10
  a3 vco2 p4, 369.6 * iR, 10
  a4 vco2 p4, 522.7 * iR, 10
  a5 vco2 p4, 540.0 * iR, 10
  a6 vco2 p4, 800.0 * iR, 10
  aN rand p4
  aS butterhp (a1 + a2 + a3 + a4 + a5 + a6) / 6 + aN * 0.5, 5000
  aE expseg 1, p9, 0.001, 1, 0.0001
  AtOut aS * aE * 0.7, p6, p7
endin

; wood (claves, wood block, rim): an impulse ringing a resonator: p8 Q
instr 26
  aI mpulse p4, 0
  aS mode aI, p5, p8
  aS = aS * 8 / p8
  AtOut aS, p6, p7
endin

; tambourine: jingles (band-passed noise) shaken twice
instr 27
  aN rand p4
  aS butterbp aN, 7500, 3000
  aE linseg 0, 0.003, 1, 0.03, 0.3, 0.01, 0.7, 0.12, 0, 1, 0
  AtOut aS * aE * 1.5, p6, p7
endin

; cowbell: two square waves through a band-pass
instr 28
  a1 vco2 p4, p5, 10
  a2 vco2 p4, p5 * 1.48, 10
  aS butterbp a1 + a2, p5 * 1.3, p5
  aE expseg 1, 0.02, 0.5, 0.25, 0.001, 1, 0.0001
  AtOut aS * aE, p6, p7
endin

; triangle: three high inharmonic partials
instr 29
  a1 oscili p4, p5, 1
  a2 oscili p4 * 0.6, p5 * 2.76, 1
  a3 oscili p4 * 0.4, p5 * 5.4, 1
  aE expseg 1, p9, 0.001, 1, 0.0001
  AtOut (a1 + a2 + a3) * aE * 0.5, p6, p7
endin

; the master: p4 reverbsc feedback (0: none), p5 stereo width, p6 colour (0 clean, 1 tape, 2 lo-fi)
instr 99
  aL = gaL
  aR = gaR
  if p4 > 0 then
    aVL, aVR reverbsc gaRvL, gaRvR, p4, 9000
    aL = aL + aVL * 0.6
    aR = aR + aVR * 0.6
  endif
  aM = (aL + aR) * 0.5
  aSd = (aL - aR) * 0.5 * p5
  aL = aM + aSd
  aR = aM - aSd
  if p6 == 1 then
    aL = tanh(aL * 0.9) / 0.9
    aR = tanh(aR * 0.9) / 0.9
    aL tone aL, 11000
    aR tone aR, 11000
  elseif p6 == 2 then
    aL butterlp aL, 3600
    aR butterlp aR, 3600
    aL butterhp aL, 140
    aR butterhp aR, 140
  endif
  outs aL * 0.5, aR * 0.5
  clear gaL, gaR, gaRvL, gaRvR
endin
`;

// ---------------------------------------------------------------- voices and drums

/** A voice's instrument: its number, gain, the ring after the note's end (s), and its p8.. settings. */
interface Patch {
  instr: number;
  gain: number;
  tail: number;
  extra: readonly number[];
}

export const VOICE_PATCHES: Record<AtVoice, Patch> = {
  nylon: { instr: 1, gain: 0.8, tail: 0.35, extra: [3200] },
  steel: { instr: 1, gain: 0.7, tail: 0.35, extra: [6500] },
  tres: { instr: 1, gain: 0.7, tail: 0.3, extra: [8500] },
  tumbi: { instr: 1, gain: 0.6, tail: 0.2, extra: [10000] },
  piano: { instr: 2, gain: 0.5, tail: 0.5, extra: [1, 0.08, 2.5] },
  epiano: { instr: 2, gain: 0.5, tail: 0.4, extra: [1, 0.2, 1.4] },
  mallet: { instr: 9, gain: 0.5, tail: 0.6, extra: [4, 0.5, 2.5] },
  bells: { instr: 9, gain: 0.4, tail: 1.2, extra: [2, 1.4, 3.5] },
  organ: { instr: 3, gain: 0.3, tail: 0.05, extra: [] },
  accordion: { instr: 4, gain: 0.35, tail: 0.06, extra: [0.4, 9, 7] },
  clarinet: { instr: 4, gain: 0.35, tail: 0.06, extra: [0.5, 0, 5] },
  sax: { instr: 5, gain: 0.35, tail: 0.06, extra: [2, 5, 0.03, 0.6] },
  brass: { instr: 5, gain: 0.35, tail: 0.06, extra: [1.5, 7, 0.05, 0.4] },
  synth: { instr: 5, gain: 0.3, tail: 0.08, extra: [3, 4, 0.01, 0.5] },
  fiddle: { instr: 5, gain: 0.3, tail: 0.08, extra: [3, 3, 0.06, 1] },
  tuba: { instr: 5, gain: 0.5, tail: 0.06, extra: [1.2, 2, 0.04, 0.1] },
  strings: { instr: 6, gain: 0.3, tail: 0.15, extra: [0.12, 3500] },
  pad: { instr: 6, gain: 0.25, tail: 0.2, extra: [0.4, 1600] },
  flute: { instr: 7, gain: 0.4, tail: 0.05, extra: [] },
  dist: { instr: 8, gain: 0.35, tail: 0.04, extra: [] },
  'pluck-bass': { instr: 1, gain: 1, tail: 0.2, extra: [1100] },
  upright: { instr: 1, gain: 1, tail: 0.25, extra: [700] },
  'synth-bass': { instr: 10, gain: 0.6, tail: 0.03, extra: [] },
};

/** A drum note's instrument: number, gain, tuning (p5), pan, reverb send and its p8.. settings. */
interface DrumPatch {
  instr: number;
  gain: number;
  hz: number;
  pan: number;
  send: number;
  extra: readonly number[];
}

const membrane = (hz: number, endHz: number, decay: number, click: number, pan = 0.5): DrumPatch => ({
  instr: 20,
  gain: 1.8,
  hz,
  pan,
  send: 0.1,
  extra: [endHz, decay, click],
});

export const DRUM_PATCHES: Record<number, DrumPatch> = {
  36: membrane(130, 48, 0.35, 0.15),
  37: { instr: 26, gain: 1.44, hz: 1700, pan: 0.45, send: 0.15, extra: [25] },
  38: { instr: 22, gain: 1.08, hz: 190, pan: 0.48, send: 0.2, extra: [0.8, 0.17] },
  39: { instr: 23, gain: 1.08, hz: 1200, pan: 0.52, send: 0.25, extra: [] },
  42: { instr: 24, gain: 0.45, hz: 7500, pan: 0.62, send: 0.05, extra: [0.001, 0.045] },
  44: { instr: 24, gain: 0.32, hz: 7000, pan: 0.62, send: 0.05, extra: [0.001, 0.03] },
  46: { instr: 24, gain: 0.4, hz: 6500, pan: 0.62, send: 0.1, extra: [0.001, 0.3] },
  49: { instr: 25, gain: 0.63, hz: 205.3, pan: 0.35, send: 0.3, extra: [0, 1.6] },
  51: { instr: 25, gain: 0.4, hz: 260, pan: 0.66, send: 0.15, extra: [0, 0.5] },
  54: { instr: 27, gain: 0.63, hz: 7500, pan: 0.7, send: 0.15, extra: [] },
  56: { instr: 28, gain: 0.54, hz: 560, pan: 0.4, send: 0.1, extra: [] },
  60: membrane(420, 390, 0.12, 0.25, 0.7),
  61: membrane(300, 280, 0.15, 0.2, 0.7),
  62: membrane(330, 320, 0.07, 0.3, 0.3),
  63: membrane(310, 300, 0.22, 0.25, 0.3),
  64: membrane(210, 200, 0.3, 0.2, 0.35),
  65: membrane(520, 500, 0.25, 0.4, 0.65),
  75: { instr: 26, gain: 1.44, hz: 2500, pan: 0.6, send: 0.15, extra: [60] },
  76: { instr: 26, gain: 1.44, hz: 1100, pan: 0.4, send: 0.15, extra: [30] },
  81: { instr: 29, gain: 0.36, hz: 4200, pan: 0.7, send: 0.2, extra: [0, 0.25] },
  82: { instr: 24, gain: 0.45, hz: 4500, pan: 0.35, send: 0.05, extra: [0.012, 0.05] },
  41: membrane(95, 58, 0.45, 0.1, 0.45),
  45: membrane(150, 120, 0.3, 0.12, 0.4),
  47: membrane(190, 155, 0.28, 0.12, 0.5),
  50: membrane(250, 205, 0.25, 0.12, 0.6),
};

/** Where each part sits in the stereo field and how much of it goes to the reverb. */
const PART_PLACE: Record<Exclude<AtPart, 'drums'>, { pan: number; send: number }> = {
  bass: { pan: 0.5, send: 0.05 },
  comp: { pan: 0.35, send: 0.25 },
  pad: { pan: 0.55, send: 0.35 },
  lead: { pan: 0.62, send: 0.3 },
};

const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);
const amp = (velocity: number, gain: number) => gain * (velocity / 127) ** 1.6;
const f = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(5));
/** An i-statement: the instrument, then its p-fields from p2 (start, s) on. */
const statement = (instr: number, fields: readonly number[]) => `i${instr} ${fields.map(f).join(' ')}`;

/** One note as an i-statement: its time (s) at the score's tempo with its humanised offset. */
function noteStatement(n: AtNote, s: AtScore, voices: Record<Exclude<AtPart, 'drums'>, AtVoice>): string {
  const secPerQ = 60 / s.qpm;
  const start = Math.max(0, n.start * secPerQ + n.jitterSec);
  if (n.part === 'drums') {
    const d = DRUM_PATCHES[n.pitch];
    if (!d) throw new Error(`no drum patch for note ${n.pitch}`);
    // p9, where a drum takes one, is its decay: the note lasts through it
    const dur = Math.max(0.4, d.extra[1] ?? 0) + 0.3;
    return statement(d.instr, [start, dur, amp(n.velocity, d.gain), d.hz, d.pan, d.send, ...d.extra]);
  }
  const p = VOICE_PATCHES[voices[n.part]];
  const place = PART_PLACE[n.part];
  const dur = Math.max(0.08, n.duration * secPerQ) + p.tail;
  return statement(p.instr, [
    start,
    dur,
    amp(n.velocity, p.gain),
    hz(n.pitch),
    place.pan,
    place.send,
    ...p.extra,
  ]);
}

const REVERB_FEEDBACK = { none: 0, room: 0.72, hall: 0.88 } as const;
const COLOUR_CODE = { clean: 0, tape: 1, lofi: 2 } as const;

/** The item's csound score: every note that starts within the clip, and the master over all of it. */
export function atlasCsoundScore(item: AtlasItem): string {
  const s = composeAtlas(item);
  const style = styleOf(item.style);
  // a style without a pad voice writes no pad notes
  const voices = {
    bass: style.voices.bass,
    comp: style.voices.comp,
    lead: style.voices.lead,
    pad: style.voices.pad ?? 'pad',
  };
  const endSec = ATLAS_CLIP_SEC + 0.5;
  const lines = s.notes
    .filter((n) => (n.start * 60) / s.qpm < endSec)
    .map((n) => noteStatement(n, s, voices));
  lines.push(
    statement(99, [0, endSec + 1, REVERB_FEEDBACK[item.reverb], item.width, COLOUR_CODE[item.colour]]),
  );
  return `${lines.join('\n')}\ne\n`;
}

/** The orchestra and the item's score as one .csd file. */
function atlasCsd(item: AtlasItem): string {
  return `<CsoundSynthesizer>\n<CsOptions>\n</CsOptions>\n<CsInstruments>\n${ATLAS_ORCHESTRA}\n</CsInstruments>\n<CsScore>\n${atlasCsoundScore(item)}</CsScore>\n</CsoundSynthesizer>\n`;
}

/** csound's options: no graphs, a 44.1 kHz float WAV (the mastering normalises, so nothing clips here). */
const CSOUND_ARGS = ['-d', '--nodisplays', '-W', '-f', '--sample-rate=44100'] as const;

/** The item's 30 s MP3 (rendered once into `dir`, the cache by default, then read from there). */
export function renderAtlasItem(
  item: AtlasItem,
  { dir = ATLAS_CACHE_DIR }: { dir?: string } = {},
): Promise<ClipRender> {
  return cachedClipMp3(item, {
    dir,
    clipSec: ATLAS_CLIP_SEC,
    master: { peakDb: item.peakDb, maxGainDb: 30, limit: 0.95 },
    midi: () => atlasMidi(item),
    requireTools: requireAtlasTools,
    writeWav: async (wav) => {
      const csd = `${wav}.csd`;
      try {
        writeFileSync(csd, atlasCsd(item));
        await run('csound', [...CSOUND_ARGS, '-o', wav, csd], { maxBuffer: 1 << 26 });
      } finally {
        rmSync(csd, { force: true });
      }
    },
  });
}
