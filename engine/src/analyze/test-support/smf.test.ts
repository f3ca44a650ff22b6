// The SMF writer against bytes worked out by hand from the Standard MIDI File spec.
import { describe, expect, it } from 'vitest';
import { smfSecondsAt, smfTempoMap, smfTickAt, writeSmf } from './smf.ts';

const HEADER = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0x01, 0xe0]; // format 0, 1 track, 480 PPQ
const trackChunk = (track: number[]) => [0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, track.length, ...track];

describe('writeSmf', () => {
  it('writes tempo, metre, program and controller, notes (offs before ons at a tick) and the end of track', () => {
    const bytes = writeSmf(
      120,
      [{ channel: 0, program: 5, controllers: [[7, 100]] }],
      [
        { tick: 0, channel: 0, note: 60, velocity: 90, durationTicks: 480 },
        { tick: 480, channel: 0, note: 62, velocity: 80, durationTicks: 240 },
      ],
      { timeSig: { num: 3, den: 4, clocksPerClick: 24 }, endTick: 960 },
    );
    const track = [
      ...[0x00, 0xff, 0x51, 0x03, 0x07, 0xa1, 0x20], // 500 000 µs per quarter
      ...[0x00, 0xff, 0x58, 0x04, 3, 2, 24, 8], // 3/4
      ...[0x00, 0xc0, 5],
      ...[0x00, 0xb0, 7, 100],
      ...[0x00, 0x90, 60, 90],
      ...[0x83, 0x60, 0x80, 60, 0], // delta 480 as a variable-length quantity
      ...[0x00, 0x90, 62, 80],
      ...[0x81, 0x70, 0x80, 62, 0], // delta 240
      ...[0x81, 0x70, 0xff, 0x2f, 0x00], // end of track at tick 960
    ];
    expect([...bytes]).toEqual([...HEADER, ...trackChunk(track)]);
  });

  it('ends the track at the last event when no end tick is given, with no time signature', () => {
    const bytes = writeSmf(60, [], [{ tick: 0, channel: 9, note: 36, velocity: 100, durationTicks: 120 }]);
    const track = [
      ...[0x00, 0xff, 0x51, 0x03, 0x0f, 0x42, 0x40], // 1 000 000 µs per quarter
      ...[0x00, 0x99, 36, 100],
      ...[0x78, 0x89, 36, 0],
      ...[0x00, 0xff, 0x2f, 0x00],
    ];
    expect([...bytes]).toEqual([...HEADER, ...trackChunk(track)]);
  });
});

describe('smfTempoMap, smfSecondsAt, smfTickAt', () => {
  // 120 quarter notes per minute from tick 0, 60 from tick 960 (two quarters, 1 s, later), a program
  // change and a note between them (one and two data bytes), a time signature (a meta event that is
  // not a tempo) and the end of track.
  const track = [
    ...[0x00, 0xff, 0x51, 0x03, 0x07, 0xa1, 0x20], // 500 000 µs per quarter
    ...[0x00, 0xff, 0x58, 0x04, 4, 2, 24, 8],
    ...[0x00, 0xc0, 5],
    ...[0x00, 0x90, 60, 90],
    ...[0x87, 0x40, 0xff, 0x51, 0x03, 0x0f, 0x42, 0x40], // delta 960: 1 000 000 µs per quarter
    ...[0x83, 0x60, 0x80, 60, 0], // delta 480
    ...[0x00, 0xff, 0x2f, 0x00],
  ];
  const midi = Uint8Array.from([...HEADER, ...trackChunk(track)]);

  it('reads every tempo event with its tick', () => {
    expect(smfTempoMap(midi)).toEqual([
      { tick: 0, qpm: 120 },
      { tick: 960, qpm: 60 },
    ]);
  });

  it('reads the single tempo writeSmf writes', () => {
    expect(
      smfTempoMap(writeSmf(90, [], [{ tick: 0, channel: 0, note: 60, velocity: 1, durationTicks: 1 }])),
    ).toEqual([{ tick: 0, qpm: 60_000_000 / Math.round(60_000_000 / 90) }]);
  });

  it('converts ticks to seconds across a tempo change, and back', () => {
    const map = smfTempoMap(midi);
    expect(smfSecondsAt(map, 480)).toBeCloseTo(0.5, 9);
    expect(smfSecondsAt(map, 960)).toBeCloseTo(1, 9);
    expect(smfSecondsAt(map, 1440)).toBeCloseTo(2, 9);
    expect(smfTickAt(map, 2)).toBeCloseTo(1440, 1);
    expect(smfTickAt(map, 0.25)).toBeCloseTo(240, 1);
  });
});
