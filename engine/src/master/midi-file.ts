// Standard MIDI File (format 1) of the composition: a tempo/meta track plus one track per part.
import type { MusicPlan } from '../compose/plan-types.ts';

const TICKS_PER_BEAT = 480;

function varLen(value: number, out: number[]): void {
  let v = Math.max(0, Math.round(value));
  const bytes = [v & 0x7f];
  v >>= 7;
  while (v > 0) {
    bytes.unshift((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out.push(...bytes);
}

function chunk(type: string, body: number[]): number[] {
  const len = body.length;
  return [
    ...[...type].map((c) => c.charCodeAt(0)),
    (len >>> 24) & 255,
    (len >>> 16) & 255,
    (len >>> 8) & 255,
    len & 255,
    ...body,
  ];
}

function textMeta(kind: number, text: string, out: number[]): void {
  const bytes = [...Buffer.from(text, 'utf8')];
  out.push(0, 0xff, kind);
  varLen(bytes.length, out);
  out.push(...bytes);
}

export function planToMidi(plan: MusicPlan): Uint8Array {
  const tracks: number[][] = [];
  const meta: number[] = [];
  textMeta(0x03, `SoundFoundry ${plan.genre}`, meta);
  // MIDI tempo counts quarter notes; a compound meter's felt beat is a dotted quarter (1.5 quarters).
  const [num, den] = (plan.meter ?? '4/4').split('/').map(Number) as [number, number];
  const quartersPerBeat = den === 8 ? 1.5 : 1;
  const ticksPerBeat = TICKS_PER_BEAT * quartersPerBeat;
  const usPerQuarter = Math.round(60_000_000 / plan.bpm / quartersPerBeat);
  meta.push(0, 0xff, 0x51, 3, (usPerQuarter >> 16) & 255, (usPerQuarter >> 8) & 255, usPerQuarter & 255);
  // Time signature: numerator, denominator as a power of two, MIDI clocks per metronome click (the felt beat).
  meta.push(0, 0xff, 0x58, 4, num, Math.log2(den), 24 * quartersPerBeat, 8);
  // Key signature: sharps count relative to C major / A minor (negative = flats).
  const majorTonic = plan.mode === 'major' ? plan.tonicPc : (plan.tonicPc + 3) % 12;
  const sharps = [0, -5, 2, -3, 4, -1, 6, 1, -4, 3, -2, 5][majorTonic]!;
  meta.push(0, 0xff, 0x59, 2, sharps & 255, plan.mode === 'minor' ? 1 : 0);
  // Section names as marker events so a DAW shows the form.
  let lastTick = 0;
  for (const s of plan.sections) {
    const tick = s.startBar * plan.beatsPerBar * ticksPerBeat;
    const bytes = [...Buffer.from(s.name, 'utf8')];
    varLen(tick - lastTick, meta);
    lastTick = tick;
    meta.push(0xff, 0x06);
    varLen(bytes.length, meta);
    meta.push(...bytes);
  }
  meta.push(0, 0xff, 0x2f, 0);
  tracks.push(meta);
  for (const part of plan.parts) {
    const body: number[] = [];
    textMeta(0x03, part.id, body);
    body.push(0, 0xc0 | part.channel, part.program & 127);
    body.push(0, 0xb0 | part.channel, 7, part.volume & 127);
    body.push(0, 0xb0 | part.channel, 10, part.pan & 127);
    const events: { tick: number; on: boolean; pitch: number; velocity: number }[] = [];
    for (const n of part.notes) {
      const start = Math.round(n.startBeat * ticksPerBeat);
      events.push({ tick: start, on: true, pitch: n.pitch, velocity: n.velocity });
      events.push({
        tick: Math.max(start + 1, Math.round((n.startBeat + n.durationBeats) * ticksPerBeat)),
        on: false,
        pitch: n.pitch,
        velocity: 0,
      });
    }
    events.sort((a, b) => a.tick - b.tick || Number(a.on) - Number(b.on));
    let last = 0;
    for (const e of events) {
      varLen(e.tick - last, body);
      last = e.tick;
      body.push((e.on ? 0x90 : 0x80) | part.channel, e.pitch & 127, e.on ? e.velocity & 127 : 64);
    }
    body.push(0, 0xff, 0x2f, 0);
    tracks.push(body);
  }
  const header = chunk('MThd', [
    0,
    1,
    (tracks.length >> 8) & 255,
    tracks.length & 255,
    (TICKS_PER_BEAT >> 8) & 255,
    TICKS_PER_BEAT & 255,
  ]);
  const bytes = [...header, ...tracks.flatMap((t) => chunk('MTrk', t))];
  return Uint8Array.from(bytes);
}
