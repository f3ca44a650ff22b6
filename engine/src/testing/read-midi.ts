// Test-only reader for Standard MIDI Files: what a DAW would see (tempo, time signature, key
// signature, programs and note counts per channel). Written from the SMF 1.0 spec, independent of
// the engine's writer.

export interface MidiSummary {
  ticksPerQuarter: number;
  /** Microseconds per quarter note (first tempo event). */
  usPerQuarter: number;
  /** Time signature: numerator and denominator (e.g. 6 and 8). */
  timeSignature: [number, number];
  /** Program of each melodic channel that plays notes, with its note count and note-on ticks. */
  channels: Map<number, { program: number; notes: number; onTicks: number[] }>;
  /** Notes on channel 10 (index 9), the General MIDI percussion channel. */
  percussionNotes: number;
}

export function readMidi(bytes: Uint8Array): MidiSummary {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (tag(0) !== 'MThd') throw new Error('not a MIDI file');
  const ticksPerQuarter = view.getUint16(12, true) === 0 ? 0 : view.getUint16(12);
  const out: MidiSummary = {
    ticksPerQuarter,
    usPerQuarter: 500_000,
    timeSignature: [4, 4],
    channels: new Map(),
    percussionNotes: 0,
  };
  let tempoSeen = false;
  let signatureSeen = false;
  const programs = new Map<number, number>();
  let at = 8 + view.getUint32(4);
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at + 4);
    const end = at + 8 + length;
    if (tag(at) === 'MTrk') {
      let p = at + 8;
      let status = 0;
      let tick = 0;
      const readVar = (): number => {
        let v = 0;
        for (;;) {
          const b = bytes[p++]!;
          v = (v << 7) | (b & 0x7f);
          if (!(b & 0x80)) return v;
        }
      };
      while (p < end) {
        tick += readVar(); // delta time
        let b = bytes[p]!;
        if (b & 0x80) {
          status = b;
          p++;
        } else b = status; // running status
        if (status === 0xff) {
          const type = bytes[p++]!;
          const len = readVar();
          if (type === 0x51 && !tempoSeen) {
            out.usPerQuarter = (bytes[p]! << 16) | (bytes[p + 1]! << 8) | bytes[p + 2]!;
            tempoSeen = true;
          }
          if (type === 0x58 && !signatureSeen) {
            out.timeSignature = [bytes[p]!, 2 ** bytes[p + 1]!];
            signatureSeen = true;
          }
          p += len;
          continue;
        }
        if (status === 0xf0 || status === 0xf7) {
          p += readVar();
          continue;
        }
        const kind = status & 0xf0;
        const channel = status & 0x0f;
        if (kind === 0xc0 || kind === 0xd0) {
          if (kind === 0xc0) programs.set(channel, bytes[p]!);
          p += 1;
          continue;
        }
        const velocity = bytes[p + 1]!;
        p += 2;
        if (kind === 0x90 && velocity > 0) {
          if (channel === 9) out.percussionNotes++;
          else {
            const entry = out.channels.get(channel) ?? {
              program: programs.get(channel) ?? 0,
              notes: 0,
              onTicks: [],
            };
            entry.notes++;
            entry.onTicks.push(tick);
            out.channels.set(channel, entry);
          }
        }
      }
    }
    at = end;
  }
  return out;
}
