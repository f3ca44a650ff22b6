// The rehearsal room (thirteenth composer): the item list and its split are pinned; the labels are
// checked against the composed notes and the MIDI file's constant tempo (onsets on the labelled
// beat's grid, half and double the beat rejected; the key); the drumless pieces' pulse is checked;
// the synthesizer's physics (the Karplus–Strong strings' tuning and damping, the organ's drawbar
// spectrum, the kick's falling pitch, the hats' high band, the reverb's decaying impulse response)
// are measured from its samples; the fits are checked never to name it; one item is rendered end to
// end. Never runs the analyser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BANDROOM_CLIP_SEC,
  type BandroomItem,
  type BrScore,
  bandroom,
  bandroomMidi,
  bandroomQpm,
  composeBandroom,
  STYLES,
  styleOf,
} from './bandroom.ts';
import {
  closedHat,
  DRAWBAR_RATIOS,
  drawbarAmplitudes,
  kick,
  organTone,
  pluck,
  renderBandroomItem,
  renderBandroomPcm,
  requireBandroomTools,
  reverb,
} from './bandroom-render.ts';
import {
  drumlessBeatChecks,
  fitsNeverName,
  indexId,
  itemListChecks,
  labelChecks,
  labelFit,
  pairedHalvesChecks,
  probeAudio,
  scaleChecks,
  styleLabelChecks,
} from './composer-checks.ts';
import { wavPeakDb } from './fluidsynth-mp3.ts';
import { compound } from './score-patterns.ts';
import { smfTempoMap } from './smf.ts';

const items = bandroom();
const scores = new Map<string, BrScore>();
const score = (it: BandroomItem) => {
  if (!scores.has(it.id)) scores.set(it.id, composeBandroom(it));
  return scores.get(it.id)!;
};
const isCompound = (it: BandroomItem) => compound(it.metre);

/** The ids, labels, split and render settings, as pinned below. */
const DIGEST_FIELDS = [
  'id',
  'set',
  'style',
  'metre',
  'feel',
  'drums',
  'bpm',
  'tonicPc',
  'mode',
  'minorKind',
  'room',
  'pick',
  'drawbars',
  'spread',
  'peakDb',
  'seed',
] as const;

const METRES = new Set(['2/4', '3/4', '4/4', '6/8', '12/8']);

describe('rehearsal room items', () => {
  itemListChecks(items, {
    count: 160,
    regenerate: bandroom,
    otherSeed: () => bandroom(1),
    idPattern: (n, it) => new RegExp(`^${indexId('br', n)}-${it.style}$`),
    midi: bandroomMidi,
    digest: {
      of: 'held-out',
      fields: DIGEST_FIELDS,
      sha256: '895f3c2fcc306a2a32e0f5c8ce8ec9c7a63a8add82b61698fd804d6ac747a772',
    },
  });

  it('halves every style; each half has all 24 keys, the minor colours, five metres, a quarter drumless, every render setting', () => {
    pairedHalvesChecks(items, {
      styles: STYLES.map((s) => s.name),
      pairs: (name) => styleOf(name).pairs,
      shared: ['style', 'metre', 'feel', 'drums'],
      tempi: (name) => styleOf(name).tempi,
      apart: (it) => [
        it.room,
        it.pick,
        it.drawbars,
        it.spread,
        it.peakDb,
        it.bpm,
        `${it.tonicPc} ${it.mode}`,
      ],
    });
    expect(STYLES.length).toBeGreaterThanOrEqual(24);
    expect(STYLES.length).toBeLessThanOrEqual(30);
    for (const set of ['tuning', 'held-out'] as const) {
      const mine = items.filter((it) => it.set === set);
      expect(new Set(mine.map((it) => `${it.tonicPc} ${it.mode}`)).size).toBe(24);
      for (const kind of ['natural', 'harmonic', 'dorian'] as const)
        expect(mine.filter((it) => it.minorKind === kind).length, kind).toBeGreaterThanOrEqual(5);
      expect(new Set(mine.map((it) => it.metre))).toEqual(METRES);
      expect(new Set(mine.filter((it) => it.drums).map((it) => it.metre))).toEqual(METRES);
      const drumless = mine.filter((it) => !it.drums).length / mine.length;
      expect(drumless).toBeGreaterThanOrEqual(0.2);
      expect(drumless).toBeLessThanOrEqual(0.3);
      for (const f of ['room', 'pick', 'drawbars', 'spread', 'peakDb'] as const)
        expect(new Set(mine.map((it) => it[f])).size, f).toBe(3);
      expect(mine.filter((it) => it.bpm < 90).length).toBeGreaterThanOrEqual(15);
      expect(mine.filter((it) => it.bpm > 150).length).toBeGreaterThanOrEqual(8);
    }
  });

  it("every style's rhythm patterns fill exactly one bar of its steps; drums exactly where the feel has them", () => {
    const barQ = { '2/4': 2, '3/4': 3, '4/4': 4, '6/8': 3, '12/8': 6 } as const;
    for (const s of STYLES) {
      const steps = Math.round(barQ[s.metre] / s.stepQ);
      const pats = [s.bass, s.comp, ...(s.drums ? [s.drums.kick, s.drums.snare, s.drums.cym] : [])];
      for (const p of pats) expect(p.replace(/\s+/g, ''), `${s.name} '${p}'`).toHaveLength(steps);
      expect(s.drums !== undefined, s.name).toBe(s.feel !== 'none');
    }
  });

  it("labels integer BPMs in each style's ranges, 60-190 in all", () => {
    styleLabelChecks(items, styleOf, [60, 190]);
  });

  // The fit scripts' code (comments aside) never names the rehearsal room: no import of bandroom.ts
  // or bandroom-render.ts, no bandroom() call, no item id.
  it('is never fitted on: no fit script names the rehearsal room or its ids', () => {
    fitsNeverName(/bandroom|\bbr-\d/i);
  });
});

// ---------------------------------------------------------------- the label against the notes and the MIDI file

describe('rehearsal room labels against the composed notes and the MIDI file', () => {
  labelChecks(items, {
    score,
    midi: bandroomMidi,
    fit: (it, period) => labelFit(score(it), period),
    dotted: isCompound,
    qpm: bandroomQpm,
    clipSec: BANDROOM_CLIP_SEC,
    spareBar: true,
    coverage: 0.85,
    sixteenths: {
      where: 'sixteenth and triplet styles, 6/8 and 12/8',
      has: (it) => styleOf(it.style).fine || isCompound(it),
    },
    noEighths: { where: '6/8 and 12/8', has: isCompound },
  });

  it('the SMF holds one tempo, bandroomQpm', () => {
    for (const it of items.filter((_, n) => n % 7 === 0)) {
      const map = smfTempoMap(bandroomMidi(it, score(it)));
      expect(map, it.id).toHaveLength(1);
      expect(Math.abs(map[0]!.qpm / bandroomQpm(it) - 1), it.id).toBeLessThan(1e-5);
    }
  });

  it('drumless pieces sound chords or bass on every labelled beat', () => {
    drumlessBeatChecks(items, score);
  });

  it('keeps to the key: notes of the labelled scale, tonic among the strongest, the third names the mode, minor colours as labelled', () => {
    scaleChecks(items, score, (it) => styleOf(it.style).mixo);
  });

  it('drummed pieces put the kick on the downbeat of every band bar; drumless pieces have no drums', () => {
    for (const it of items) {
      const s = score(it);
      const drums = s.notes.filter((n) => n.part === 'drums');
      if (!it.drums) {
        expect(drums, it.id).toEqual([]);
        continue;
      }
      const kicks = new Set(drums.filter((n) => n.pitch === 36).map((n) => n.start));
      const oneDrop = it.feel === 'one-drop';
      for (let b = s.introBars; b < s.bars; b++)
        expect(kicks.has(b * s.barQ + (oneDrop ? 2 : 0)), `${it.id} bar ${b}`).toBe(true);
    }
  });
});

// ---------------------------------------------------------------- the synthesizer's physics

const sr = 44100;
const cents = (f: number, ref: number) => 1200 * Math.log2(f / ref);

/**
 * The fundamental of `x` by autocorrelation: the peak near the lag of the multiple of the expected
 * period closest to 1000 samples (so the parabola's error is divided by that multiple), between 0.1 s
 * and 0.5 s.
 */
function autocorrelationHz(x: Float32Array, expectHz: number): number {
  const from = Math.round(0.1 * sr);
  const w = Math.round(0.4 * sr);
  const period = sr / expectHz;
  const m = Math.max(1, Math.round(1000 / period));
  const r = (k: number) => {
    let s = 0;
    for (let i = 0; i < w; i++) s += x[from + i]! * x[from + i + k]!;
    return s;
  };
  const lo = Math.floor(m * period * 0.97);
  const hi = Math.ceil(m * period * 1.03);
  let best = lo;
  for (let k = lo; k <= hi; k++) if (r(k) > r(best)) best = k;
  const [a, b, c] = [r(best - 1), r(best), r(best + 1)];
  return (sr * m) / (best + (0.5 * (a - c)) / (a - 2 * b + c));
}

/** The amplitude of the sinusoid at `hz` in `x` (Hann window). */
function amplitudeAt(x: Float32Array, hz: number): number {
  let re = 0;
  let im = 0;
  let sw = 0;
  for (let i = 0; i < x.length; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (x.length - 1));
    re += x[i]! * w * Math.cos((2 * Math.PI * hz * i) / sr);
    im -= x[i]! * w * Math.sin((2 * Math.PI * hz * i) / sr);
    sw += w;
  }
  return (2 * Math.hypot(re, im)) / sw;
}

/** The power spectrum of `x` (zero-padded to a power of two) by a radix-2 FFT, bin k at k·sr/n Hz. */
function powerSpectrum(x: Float32Array): { power: Float64Array; binHz: number } {
  let n = 1;
  while (n < x.length) n *= 2;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  re.set(x);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) [re[i], re[j]] = [re[j]!, re[i]!];
  }
  for (let len = 2; len <= n; len *= 2) {
    const ang = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len)
      for (let k = 0; k < len / 2; k++) {
        const [wr, wi] = [Math.cos(ang * k), Math.sin(ang * k)];
        const [a, b] = [i + k, i + k + len / 2];
        const tr = re[b]! * wr - im[b]! * wi;
        const ti = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a]! += tr;
        im[a]! += ti;
      }
  }
  const power = new Float64Array(n / 2);
  for (let k = 0; k < n / 2; k++) power[k] = re[k]! ** 2 + im[k]! ** 2;
  return { power, binHz: sr / n };
}

const energy = (x: Float32Array, fromSec: number, toSec: number) => {
  let e = 0;
  for (let i = Math.round(fromSec * sr); i < Math.round(toSec * sr); i++) e += x[i]! ** 2;
  return e;
};

/** Seconds until a string's 10 ms RMS first falls 20 dB below its first window's. */
function decay20dB(x: Float32Array): number {
  const win = Math.round(0.01 * sr);
  const rms = (k: number) => Math.sqrt(energy(x, (k * win) / sr, ((k + 1) * win) / sr) / win);
  const first = rms(0);
  for (let k = 1; (k + 1) * win <= x.length; k++) if (rms(k) < first / 10) return (k * win) / sr;
  return x.length / sr;
}

describe('rehearsal room synthesizer', () => {
  it('Karplus–Strong: a low and a high string sound within ±5 cents of their pitch (autocorrelation)', () => {
    for (const pitch of [40, 52, 76, 84]) {
      const hz = 440 * 2 ** ((pitch - 69) / 12);
      for (const damping of [0.12, 0.55]) {
        const x = pluck(hz, 1, { sr, pick: 0.2, damping, velocity: 100, seed: pitch });
        expect(Math.abs(cents(autocorrelationHz(x, hz), hz)), `${pitch} damping ${damping}`).toBeLessThan(5);
      }
    }
  });

  it('Karplus–Strong: more damping, a faster decay', () => {
    for (const pitch of [45, 64]) {
      const hz = 440 * 2 ** ((pitch - 69) / 12);
      const times = [0.05, 0.4, 0.9].map((damping) =>
        decay20dB(pluck(hz, 4, { sr, pick: 0.2, damping, velocity: 100, seed: 7 })),
      );
      expect(times[0]!, `${pitch} ${times}`).toBeGreaterThan(times[1]! * 1.2);
      expect(times[1]!, `${pitch} ${times}`).toBeGreaterThan(times[2]! * 1.2);
    }
  });

  it('Karplus–Strong: plucked a quarter of the way along, the 4th harmonic is missing', () => {
    for (const pitch of [45, 57]) {
      const hz = 440 * 2 ** ((pitch - 69) / 12);
      for (const seed of [1, 2, 3]) {
        const notch = (pick: number) => {
          const x = pluck(hz, 0.5, { sr, pick, damping: 0.2, velocity: 100, seed }).subarray(
            Math.round(0.01 * sr),
            Math.round(0.3 * sr),
          );
          const h = [3, 4, 5].map((k) => amplitudeAt(x, k * hz));
          return 20 * Math.log10(h[1]! / Math.max(h[0]!, h[2]!));
        };
        expect(notch(0.25), `${pitch} seed ${seed}`).toBeLessThan(-15);
        expect(notch(0.13), `${pitch} seed ${seed}`).toBeGreaterThan(-10);
      }
    }
  });

  it('organ: the spectrum holds the drawbar harmonics in the registration’s ratios (3 dB a step), nothing where a drawbar is in', () => {
    const reg = '868400020';
    const amps = drawbarAmplitudes(reg);
    const hz = 220;
    const x = organTone(hz, 1, {
      sr,
      drawbars: reg,
      velocity: 100,
      t0: 0,
      rotor: 0,
      click: 0.6,
      seed: 1,
    }).subarray(Math.round(0.1 * sr), Math.round(0.9 * sr));
    const ref = amplitudeAt(x, hz); // the 8' drawbar, at 8
    expect(ref).toBeGreaterThan(0.01);
    for (const [k, r] of DRAWBAR_RATIOS.entries()) {
      const a = amplitudeAt(x, hz * r);
      if (amps[k] === 0) expect(a / ref, `${r}×`).toBeLessThan(1e-3);
      else expect(Math.abs(20 * Math.log10(a / ref / amps[k]!)), `${r}×`).toBeLessThan(0.3);
    }
    // and the rotor wobbles the level (amplitude modulation) when on
    const y = organTone(hz, 2, { sr, drawbars: reg, velocity: 100, t0: 0, rotor: 1, click: 0, seed: 1 });
    const rmsAt = (t: number) => Math.sqrt(energy(y, t, t + 0.05) / (0.05 * sr));
    const levels = [0.05, 0.3, 0.6, 0.9, 1.2, 1.5].map(rmsAt);
    expect(Math.max(...levels) / Math.min(...levels)).toBeGreaterThan(1.2);
  });

  it('kick: its pitch falls (zero crossings further apart later)', () => {
    const x = kick(sr, 110, 1);
    const hzIn = (from: number, to: number) => {
      const ups: number[] = [];
      for (let i = Math.round(from * sr) + 1; i < to * sr; i++) if (x[i - 1]! < 0 && x[i]! >= 0) ups.push(i);
      return (sr * (ups.length - 1)) / (ups.at(-1)! - ups[0]!);
    };
    const early = hzIn(0.003, 0.03);
    const late = hzIn(0.12, 0.3);
    expect(early).toBeGreaterThan(1.5 * late);
    expect(late).toBeGreaterThan(40);
    expect(late).toBeLessThan(60);
  });

  it('hats: most of their energy above 5 kHz', () => {
    const { power, binHz } = powerSpectrum(closedHat(sr, 100));
    let hi = 0;
    let all = 0;
    for (const [k, p] of power.entries()) {
      all += p;
      if (k * binHz > 5000) hi += p;
    }
    expect(hi / all).toBeGreaterThan(0.9);
  });

  it('reverb: the impulse response decays, longer in the hall than the booth', () => {
    const impulse = new Float32Array(2 * sr);
    impulse[0] = 1;
    const tails: number[] = [];
    for (const room of ['booth', 'hall'] as const) {
      const { left, right } = reverb(impulse, room, sr);
      for (const ch of [left, right]) {
        const early = energy(ch, 0.02, 0.22);
        const mid = energy(ch, 0.4, 0.6);
        const late = energy(ch, 1, 1.2);
        expect(early, room).toBeGreaterThan(0);
        expect(mid, room).toBeLessThan(early);
        expect(late, room).toBeLessThan(mid);
      }
      tails.push(energy(left, 0.4, 0.6) / energy(left, 0.02, 0.22));
    }
    expect(tails[1]!).toBeGreaterThan(tails[0]!);
  });

  // (No timing assertion here: the synth takes ≈1 s of CPU an item, measured when written.)
  it('renders an item’s 30 s of PCM, sound throughout', () => {
    const it = items.find((x) => x.style === 'gospel-12-8-organ')!;
    const { left, right, sampleRate } = renderBandroomPcm(it, score(it));
    expect(sampleRate).toBe(44100);
    expect(left.length).toBeGreaterThanOrEqual(BANDROOM_CLIP_SEC * sampleRate);
    for (let sec = 0; sec < BANDROOM_CLIP_SEC; sec++) {
      let e = 0;
      for (let i = sec * sampleRate; i < (sec + 1) * sampleRate; i++) e += left[i]! ** 2 + right[i]! ** 2;
      expect(Math.sqrt(e / (2 * sampleRate)), `${it.id} second ${sec}`).toBeGreaterThan(0.01);
    }
  });
});

// ---------------------------------------------------------------- one render end to end

describe('rehearsal room render', () => {
  const item = items.find((it) => it.set === 'tuning' && it.drums && it.style === 'rock-backbeat')!;
  const dir = mkdtempSync(join(tmpdir(), 'bandroom-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`renders one item with our synth to a ${BANDROOM_CLIP_SEC} s 44.1 kHz MP3 at its peak level (fails naming the Debian package when missing)`, async () => {
    requireBandroomTools();
    const out = await renderBandroomItem(item, { dir });
    expect(out).toEqual({
      path: join(dir, `${item.id}.mp3`),
      bpm: item.bpm,
      tonicPc: item.tonicPc,
      mode: item.mode,
    });
    const probe = probeAudio(out.path);
    expect(probe).toMatchObject({ codec: 'mp3', sampleRate: 44100 });
    expect(Math.abs(probe.durationSec - BANDROOM_CLIP_SEC)).toBeLessThan(0.3);
    expect(Math.abs((await wavPeakDb(out.path, BANDROOM_CLIP_SEC)) - item.peakDb)).toBeLessThan(1.5);
  }, 60_000);
});
