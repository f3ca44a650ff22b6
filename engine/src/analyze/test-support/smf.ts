// Our one Standard MIDI File writer for the analyser's test material (midi-fixtures.ts, the corpus,
// the songbook, the hymnal, the beat store and the jam tracks): format 0, one track, PPQ 480. It writes the bytes it is given (no
// clamping: a composer that wants 7-bit values masks them itself). Tests and benches only.

export const SMF_PPQ = 480;

/** A note in ticks of SMF_PPQ per quarter note. */
export interface SmfNote {
  tick: number;
  channel: number;
  note: number;
  velocity: number;
  durationTicks: number;
}

export interface SmfProgram {
  channel: number;
  program: number;
  /** Controller changes [controller, value] sent after the program change, in this order. */
  controllers?: readonly (readonly [number, number])[];
}

export interface SmfOptions {
  /** A time-signature meta event after the tempo: numerator, denominator, MIDI clocks per click. */
  timeSig?: { num: number; den: number; clocksPerClick: number };
  /** The tick of the end-of-track event (at or after the last event); the last event's by default. */
  endTick?: number;
}

/** A MIDI variable-length quantity: 7 bits a byte, the high bit set on all but the last. */
export function varLen(value: number): number[] {
  const bytes = [value & 0x7f];
  let v = value >>> 7;
  while (v > 0) {
    bytes.unshift((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  return bytes;
}

/**
 * Format-0 SMF: tempo (quarter notes per minute), the time signature if given, program changes
 * (each followed by its controllers), then note on/off events sorted by time; at the same tick,
 * the meta events first, then programs and controllers, then note-offs before note-ons, each
 * group in the order given.
 */
export function writeSmf(
  bpm: number,
  programs: readonly SmfProgram[],
  notes: readonly SmfNote[],
  { timeSig, endTick }: SmfOptions = {},
): Uint8Array {
  const events: SmfEvent[] = [smfTempoEvent(0, bpm)];
  if (timeSig) events.push(smfTimeSigEvent(timeSig));
  for (const p of programs) {
    events.push({ tick: 0, order: 1, bytes: [0xc0 | p.channel, p.program] });
    for (const [controller, value] of p.controllers ?? []) {
      events.push({ tick: 0, order: 1, bytes: [0xb0 | p.channel, controller, value] });
    }
  }
  for (const n of notes) {
    events.push({ tick: n.tick, order: 3, bytes: [0x90 | n.channel, n.note, n.velocity] });
    events.push({ tick: n.tick + n.durationTicks, order: 2, bytes: [0x80 | n.channel, n.note, 0] });
  }
  return smfFromEvents(events, endTick);
}

/** A timed MIDI event: its tick, its place among the events at that tick (lower first), its bytes. */
export interface SmfEvent {
  tick: number;
  order: number;
  bytes: number[];
}

/** A tempo meta event (order 0): `qpm` quarter notes per minute from `tick` on. */
export function smfTempoEvent(tick: number, qpm: number): SmfEvent {
  const us = Math.round(60_000_000 / qpm);
  return { tick, order: 0, bytes: [0xff, 0x51, 0x03, (us >> 16) & 0xff, (us >> 8) & 0xff, us & 0xff] };
}

/** A time-signature meta event at tick 0 (order 0). */
export function smfTimeSigEvent(ts: { num: number; den: number; clocksPerClick: number }): SmfEvent {
  return { tick: 0, order: 0, bytes: [0xff, 0x58, 0x04, ts.num, Math.log2(ts.den), ts.clocksPerClick, 8] };
}

/**
 * A format-0, one-track SMF (PPQ SMF_PPQ) of `events`, sorted by tick and then order (in place,
 * stable: the order given within a group), with the end of track at `endTick` or at the last event,
 * whichever is later.
 */
export function smfFromEvents(events: SmfEvent[], endTick = 0): Uint8Array {
  events.sort((a, b) => a.tick - b.tick || a.order - b.order);
  const track: number[] = [];
  let last = 0;
  for (const e of events) {
    track.push(...varLen(e.tick - last), ...e.bytes);
    last = e.tick;
  }
  track.push(...varLen(Math.max(endTick, last) - last), 0xff, 0x2f, 0x00);
  const header = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, (SMF_PPQ >> 8) & 0xff, SMF_PPQ & 0xff];
  const len = track.length;
  return new Uint8Array([
    ...header,
    0x4d,
    0x54,
    0x72,
    0x6b,
    (len >>> 24) & 0xff,
    (len >>> 16) & 0xff,
    (len >>> 8) & 0xff,
    len & 0xff,
    ...track,
  ]);
}

/** Time-signature meta values of the metres the composers write (6/8 and 12/8 click the dotted quarter). */
export const SMF_TIME_SIGNATURES = {
  '2/4': { num: 2, den: 4, clocksPerClick: 24 },
  '4/4': { num: 4, den: 4, clocksPerClick: 24 },
  '3/4': { num: 3, den: 4, clocksPerClick: 24 },
  '6/8': { num: 6, den: 8, clocksPerClick: 36 },
  '12/8': { num: 12, den: 8, clocksPerClick: 36 },
} as const;

/** A note of a composed score: position and length in quarter notes, plus a humanised offset in seconds. */
export interface ScoreNote {
  channel: number;
  pitch: number;
  start: number;
  duration: number;
  velocity: number;
  jitterSec: number;
}

/** Shortens every note that would still sound when the next note of its pitch on its channel starts. */
function cutOverlaps(notes: SmfNote[]): void {
  const byKey = new Map<number, SmfNote[]>();
  for (const n of notes) {
    const k = n.channel * 128 + n.note;
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k)!.push(n);
  }
  for (const list of byKey.values()) {
    list.sort((a, b) => a.tick - b.tick);
    for (let i = 0; i + 1 < list.length; i++) {
      const a = list[i]!;
      const b = list[i + 1]!;
      if (a.tick + a.durationTicks > b.tick) a.durationTicks = Math.max(1, b.tick - a.tick);
    }
  }
}

/**
 * A composed score as SMF at `qpm` quarter notes per minute: positions to ticks (the jitter
 * converted at that tempo, never before tick 0), pitch and velocity masked to 7 bits, and the
 * track ending at the last bar line or the last note-off, whichever is later. `cutOverlaps`: a
 * note that would overlap the next one of its pitch on its channel is cut short (a synth may
 * otherwise end the later note at the earlier one's note-off).
 */
export function scoreToSmf(
  s: {
    qpm: number;
    bars: number;
    barQ: number;
    programs: readonly SmfProgram[];
    notes: readonly ScoreNote[];
  },
  metre: keyof typeof SMF_TIME_SIGNATURES,
  opts: { cutOverlaps?: boolean } = {},
): Uint8Array {
  const ticksPerSec = (s.qpm / 60) * SMF_PPQ;
  const notes: SmfNote[] = s.notes.map((n) => ({
    tick: Math.max(0, Math.round(n.start * SMF_PPQ + n.jitterSec * ticksPerSec)),
    channel: n.channel,
    note: n.pitch & 0x7f,
    velocity: n.velocity & 0x7f,
    durationTicks: Math.max(1, Math.round(n.duration * SMF_PPQ)),
  }));
  if (opts.cutOverlaps) cutOverlaps(notes);
  const endTick = Math.max(s.bars * s.barQ * SMF_PPQ, ...notes.map((n) => n.tick + n.durationTicks));
  return writeSmf(s.qpm, s.programs, notes, { timeSig: SMF_TIME_SIGNATURES[metre], endTick });
}

/** A tempo event read back from an SMF: from `tick` on, `qpm` quarter notes per minute. */
export interface SmfTempo {
  tick: number;
  qpm: number;
}

/**
 * The tempo events of a one-track SMF without running status, sysex or channel pressure (as
 * writeSmf and the composers with a tempo map write them), in order: a test reads a piece's tempo
 * back from the bytes a renderer plays.
 */
export function smfTempoMap(midi: Uint8Array): SmfTempo[] {
  const out: SmfTempo[] = [];
  let at = 22; // the 14-byte header, then 'MTrk' and the track's length
  let tick = 0;
  const readVarLen = () => {
    let v = 0;
    for (;;) {
      const b = midi[at++]!;
      v = (v << 7) | (b & 0x7f);
      if (b < 0x80) return v;
    }
  };
  while (at < midi.length) {
    tick += readVarLen();
    const status = midi[at++]!;
    if (status === 0xff) {
      const type = midi[at++]!;
      const len = readVarLen();
      if (type === 0x51)
        out.push({ tick, qpm: 60_000_000 / ((midi[at]! << 16) | (midi[at + 1]! << 8) | midi[at + 2]!) });
      at += len;
    } else at += (status & 0xf0) === 0xc0 ? 1 : 2;
  }
  return out;
}

/** Seconds from the start to `tick` under a tempo map (SMF_PPQ). */
export function smfSecondsAt(map: readonly SmfTempo[], tick: number): number {
  let sec = 0;
  for (const [i, t] of map.entries()) {
    const end = Math.min(tick, map[i + 1]?.tick ?? Number.POSITIVE_INFINITY);
    if (end > t.tick) sec += ((end - t.tick) / SMF_PPQ) * (60 / t.qpm);
  }
  return sec;
}

/** The tick reached `sec` seconds from the start under a tempo map (bisection, to 0.01 tick). */
export function smfTickAt(map: readonly SmfTempo[], sec: number): number {
  let lo = 0;
  let hi = 1e7;
  while (hi - lo > 0.01) {
    const mid = (lo + hi) / 2;
    if (smfSecondsAt(map, mid) < sec) lo = mid;
    else hi = mid;
  }
  return lo;
}
