// Styles differ measurably (onset density, spectral balance, meter heard in the audio), and seeds
// within a style differ. Held-out seeds only (see testing/style-suite.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { styleById, stylePrompt } from './compose/styles.ts';
import { generateTrack } from './generate.ts';
import { type ListenReading, listen, meterEvidence } from './testing/listen-proxy.ts';
import { decodeWav16, essentiaMeter, mono } from './testing/reference-tools.ts';
import { DURATION_SEC, HELD_OUT_SEED, SECOND_HELD_OUT_SEED } from './testing/style-suite.ts';

const dir = mkdtempSync(join(tmpdir(), 'sf-contrast-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Heard = ListenReading & {
  meter: ReturnType<typeof meterEvidence>;
  essentiaMeter?: ReturnType<typeof essentiaMeter>;
  key: string;
  wav: Uint8Array;
};
const heard = new Map<string, Heard>();

async function render(id: string, seed: number): Promise<Heard> {
  const style = styleById(id)!;
  const track = await generateTrack({
    prompt: stylePrompt(style),
    durationSec: DURATION_SEC,
    seed,
    genre: style.genre,
  });
  const { channels, sampleRate } = decodeWav16(track.wav);
  const x = mono(channels);
  return {
    ...listen(track.wav, track.plan.bpm, dir, `${id}-${seed}`),
    meter: meterEvidence(x, sampleRate, track.plan.bpm),
    essentiaMeter: METER_HEARD[id] ? essentiaMeter(x, sampleRate) : undefined,
    key: track.plan.key,
    wav: track.wav,
  };
}

const CONTRAST = ['metal', 'lullaby', 'waltz', 'string-quartet', 'dubstep', 'celtic', 'disco', 'slow-blues'];
const SEEDS_DIFFER = ['reggae', 'bossa-nova', 'waltz'];
/**
 * Bar length heard over essentia's own beats (testing/reference-tools.ts essentiaMeter): triple for
 * 3/4; duple for 4/4 and for 6/8 and 12/8, whose beats are dotted quarters (a 6/8 heard in threes
 * would be a 3/4 waltz, or eighths taken for beats). The lullaby (3/4 at 68–84 BPM, no drums) is not
 * listed: on the tuning seeds its bars were not heard in threes (its harp chords on 2 and 3 weigh
 * as much as the downbeat's bass), a known weakness.
 */
const METER_HEARD: Record<string, 'triple' | 'duple'> = {
  waltz: 'triple',
  celtic: 'duple',
  'slow-blues': 'duple',
  metal: 'duple',
  disco: 'duple',
  // The ranchera valseada is heard in threes, merengue's and the corrido's 2/4 in twos (tuning seeds
  // 11 and 12: mariachi ac3 0.79 and 0.64 over ac2/ac4 ≤ −0.36; merengue ac2 0.45, 0.40; corridos
  // ac2 0.14, 0.25 over ac3 and ac4 ≤ 0.15).
  mariachi: 'triple',
  merengue: 'duple',
  corridos: 'duple',
};

beforeAll(async () => {
  for (const id of new Set([...CONTRAST, ...Object.keys(METER_HEARD)]))
    heard.set(id, await render(id, HELD_OUT_SEED));
  for (const id of SEEDS_DIFFER) {
    if (!heard.has(id)) heard.set(id, await render(id, HELD_OUT_SEED));
    heard.set(`${id}#2`, await render(id, SECOND_HELD_OUT_SEED));
  }
}, 600_000);

describe('styles differ measurably', () => {
  it('in onset density and spectral balance', () => {
    const h = (id: string): Heard => heard.get(id)!;
    // Metal and disco are busier and brighter than a lullaby and a string quartet.
    for (const busy of ['metal', 'disco'])
      for (const calm of ['lullaby', 'string-quartet']) {
        expect(h(busy).onsetsPerSec, `${busy} vs ${calm}`).toBeGreaterThan(h(calm).onsetsPerSec);
        expect(h(busy).centroidHz, `${busy} vs ${calm}`).toBeGreaterThan(h(calm).centroidHz);
      }
    // Dubstep carries more of its energy in the bass than a string quartet.
    expect(h('dubstep').lowShare).toBeGreaterThan(h('string-quartet').lowShare);
  });

  it('in meter: triple bars and compound beats are heard in the audio', () => {
    const h = (id: string) => heard.get(id)!.meter;
    // 3/4: the onset pattern repeats after 3 beats more than after 4; a backbeat 4/4 the other way.
    // (Not disco: four on the floor makes every beat alike, so onsets alone do not show its bars.)
    expect(h('waltz').bar3).toBeGreaterThan(h('waltz').bar4);
    expect(h('metal').bar4).toBeGreaterThan(h('metal').bar3);
    // 6/8 and 12/8: beats divide in three, not two.
    for (const id of ['celtic', 'slow-blues']) expect(h(id).third, id).toBeGreaterThan(h(id).half);
    expect(h('disco').half).toBeGreaterThan(h('disco').third);
  });
});

/**
 * Expected failures, measured on the held-out seed once the check was written (not tuned on), so a
 * fix shows as well as a regression.
 */
const KNOWN_METER_MISSES: Record<string, string> = {};

describe('bar length heard over essentia.js beats (nothing from the plan)', () => {
  const cases = Object.entries(METER_HEARD);
  const check = (id: string, bars: 'triple' | 'duple'): void => {
    const h = heard.get(id)!;
    const m = h.essentiaMeter!;
    // Its beats are the planned beats (else the bar count would be counted in other units)…
    expect(
      Math.abs(m.bpm / h.planBpm - 1),
      `essentia beats at ${m.bpm.toFixed(1)}, plan ${h.planBpm}`,
    ).toBeLessThanOrEqual(0.04);
    // …and its accents repeat every three of them for 3/4, every two or four otherwise.
    const twoOrFour = Math.max(m.ac2, m.ac4);
    const detail = `ac2 ${m.ac2.toFixed(2)}, ac3 ${m.ac3.toFixed(2)}, ac4 ${m.ac4.toFixed(2)}`;
    if (bars === 'triple') expect(m.ac3, detail).toBeGreaterThan(twoOrFour);
    else expect(twoOrFour, detail).toBeGreaterThan(m.ac3);
  };
  for (const [id, bars] of cases) {
    if (KNOWN_METER_MISSES[id]) it.fails(`${id}: ${bars} bars (known miss)`, () => check(id, bars));
    else it(`${id}: ${bars} bars`, () => check(id, bars));
  }
});

describe('seeds within a style differ', () => {
  it.each(SEEDS_DIFFER)('%s', (id) => {
    const a = heard.get(id)!;
    const b = heard.get(`${id}#2`)!;
    expect(Buffer.compare(Buffer.from(a.wav), Buffer.from(b.wav))).not.toBe(0);
    const differs =
      a.planBpm !== b.planBpm ||
      a.key !== b.key ||
      Math.abs(a.centroidHz - b.centroidHz) > 50 ||
      Math.abs(a.onsetsPerSec - b.onsetsPerSec) > 0.2;
    expect(differs).toBe(true);
  });
});
