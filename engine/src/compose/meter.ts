// Meters the composer writes in. A plan counts in felt beats: a quarter note in simple meters, a
// dotted quarter in compound ones (6/8 has two beats of three eighths, 12/8 four). The plan's BPM
// is always the felt beat, which is what a listener taps and what the MIDI file's tempo encodes.

export const METER_NAMES = ['4/4', '3/4', '2/4', '6/8', '12/8'] as const;
export type MeterName = (typeof METER_NAMES)[number];

export interface Meter {
  name: MeterName;
  /** Felt beats per bar. */
  beatsPerBar: number;
  /** Grid steps per beat: 4 sixteenths in simple meters, 3 eighths in compound ones. */
  stepsPerBeat: 4 | 3;
  compound: boolean;
}

export const METERS: Record<MeterName, Meter> = {
  '4/4': { name: '4/4', beatsPerBar: 4, stepsPerBeat: 4, compound: false },
  '3/4': { name: '3/4', beatsPerBar: 3, stepsPerBeat: 4, compound: false },
  '2/4': { name: '2/4', beatsPerBar: 2, stepsPerBeat: 4, compound: false },
  '6/8': { name: '6/8', beatsPerBar: 2, stepsPerBeat: 3, compound: true },
  '12/8': { name: '12/8', beatsPerBar: 4, stepsPerBeat: 3, compound: true },
};

/** Steps in one bar of the meter's grid (the length of its drum pattern strings). */
export function stepsPerBar(meter: Meter): number {
  return meter.beatsPerBar * meter.stepsPerBeat;
}
