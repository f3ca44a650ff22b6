// Drum part: the genre groove per section energy, crashes on section starts, fills and build-ups
// before section changes, humanised velocity. Timing jitter is added later for all parts.
import { METER_FALLBACK, STYLE_GROOVES } from './drum-grooves.ts';
import {
  CLAP,
  CRASH,
  DRUM_PATTERNS,
  type DrumPattern,
  type Groove,
  HAT,
  KICK,
  SNARE,
  TOMS,
  velocityOf,
} from './drum-patterns.ts';
import type { FormSection } from './form.ts';
import type { DrumStyle, GenreProfile } from './genres.ts';
import { METERS, type Meter, stepsPerBar } from './meter.ts';
import type { NoteEvent } from './plan-types.ts';
import type { Rng } from './prng.ts';

function addGroove(
  notes: NoteEvent[],
  groove: Groove,
  barBeat: number,
  rng: Rng,
  gain: number,
  fromStep: number,
  toStep: number,
  stepBeats: number,
): void {
  for (const [noteKey, steps] of Object.entries(groove)) {
    if (!steps) continue;
    const pitch = Number(noteKey);
    for (let s = fromStep; s < toStep; s++) {
      const v = velocityOf(steps[s] ?? '.');
      if (v === 0) continue;
      notes.push({
        startBeat: barBeat + s * stepBeats,
        durationBeats: stepBeats,
        pitch,
        velocity: Math.max(1, Math.min(127, Math.round(v * gain + rng.range(-7, 7)))),
      });
    }
  }
}

function addFill(
  notes: NoteEvent[],
  barEndBeat: number,
  beats: number,
  rng: Rng,
  style: string,
  stepsPerBeat: number,
): void {
  const start = barEndBeat - beats;
  const steps = beats * stepsPerBeat;
  const useToms =
    style === 'rock' || style === 'pop' || style === 'funk' || style === 'folk' || rng.chance(0.3);
  for (let s = 0; s < steps; s++) {
    if (style === 'jazz' && s % 2 === 1) continue;
    const pitch = useToms ? TOMS[Math.min(TOMS.length - 1, Math.floor((s / steps) * TOMS.length))]! : SNARE;
    notes.push({
      startBeat: start + s / stepsPerBeat,
      durationBeats: 1 / stepsPerBeat,
      pitch,
      velocity: Math.round(70 + (45 * s) / steps + rng.range(-5, 5)),
    });
  }
}

const ALL_GROOVES: Record<Exclude<DrumStyle, 'none'>, DrumPattern> = { ...DRUM_PATTERNS, ...STYLE_GROOVES };

/** The style's groove in this meter, or the meter's own groove when the style has none for it. */
export function grooveFor(style: Exclude<DrumStyle, 'none'>, meter: Meter): DrumPattern {
  const pattern = ALL_GROOVES[style];
  const length = Object.values(pattern.full)[0]?.length ?? 16;
  if (length === stepsPerBar(meter)) return pattern;
  return meter.name === '4/4' ? DRUM_PATTERNS.pop : STYLE_GROOVES[METER_FALLBACK[meter.name]];
}

export function composeDrums(
  sections: readonly FormSection[],
  profile: GenreProfile,
  energy: number,
  styleStrength: number,
  rng: Rng,
  lastBar: number,
  meter: Meter = METERS['4/4'],
): NoteEvent[] {
  if (profile.drumStyle === 'none') return [];
  const pattern = grooveFor(profile.drumStyle, meter);
  const bpb = meter.beatsPerBar;
  const barSteps = stepsPerBar(meter);
  const stepBeats = 1 / meter.stepsPerBeat;
  const notes: NoteEvent[] = [];
  const clubBuild = ['four-floor', 'techno', 'edm', 'dnb', 'trap'].includes(profile.drumStyle);
  for (let si = 0; si < sections.length; si++) {
    const section = sections[si]!;
    const next = sections[si + 1];
    const level = section.energy * (0.6 + 0.4 * energy);
    for (let b = 0; b < section.bars; b++) {
      const bar = section.startBar + b;
      const barBeat = bar * bpb;
      if (bar === lastBar) {
        // Ending: one accented hit with the final chord, then let it ring.
        notes.push({ startBeat: barBeat, durationBeats: 1, pitch: KICK, velocity: 100 });
        if (profile.drumStyle !== 'ambient')
          notes.push({ startBeat: barBeat, durationBeats: 2, pitch: CRASH, velocity: 90 });
        continue;
      }
      const isLastOfSection = b === section.bars - 1 && next !== undefined;
      // Ambient keeps its heartbeat through section changes (a fill's sixteenths would double it).
      const fillBeats =
        isLastOfSection && level > 0.45 && profile.drumStyle !== 'ambient'
          ? Math.min(bpb / 2, next?.name === 'chorus' ? 2 : 1)
          : 0;
      const buildIntoChorus = clubBuild && bpb === 4 && isLastOfSection && next?.name === 'chorus';
      const stepsPlayed = buildIntoChorus ? barSteps / 2 : barSteps - fillBeats * meter.stepsPerBeat;
      const gain = 0.75 + 0.3 * level;
      if (level < 0.5) addGroove(notes, pattern.light, barBeat, rng, gain, 0, stepsPlayed, stepBeats);
      else {
        addGroove(notes, pattern.full, barBeat, rng, gain, 0, stepsPlayed, stepBeats);
        if (section.name === 'chorus')
          addGroove(notes, pattern.lift, barBeat, rng, gain * 0.9, 0, stepsPlayed, stepBeats);
      }
      if (b === 0 && section.name !== 'intro' && level >= 0.5 && profile.drumStyle !== 'ambient') {
        notes.push({
          startBeat: barBeat,
          durationBeats: 2,
          pitch: CRASH,
          velocity: Math.round(85 + 20 * level),
        });
      }
      // Occasional extra ghost/hat variation on the 4th bar of a phrase: adventurous plans vary more.
      if (
        b % 4 === 3 &&
        rng.chance(0.3 + styleStrength * 0.4) &&
        !fillBeats &&
        profile.drumStyle !== 'ambient'
      ) {
        notes.push({
          startBeat: barBeat + bpb - stepBeats,
          durationBeats: stepBeats,
          pitch: HAT,
          velocity: 60,
        });
        notes.push({
          startBeat: barBeat + bpb - 2 * stepBeats,
          durationBeats: stepBeats,
          pitch: SNARE,
          velocity: 40,
        });
      }
      // Trap hi-hat rolls: triplet or 32nd bursts on the last beat of some bars.
      if (
        profile.drumStyle === 'trap' &&
        bpb === 4 &&
        level >= 0.5 &&
        !fillBeats &&
        !buildIntoChorus &&
        rng.chance(0.35 + styleStrength * 0.3)
      ) {
        const division = rng.chance(0.5) ? 6 : 8;
        const rollBeat = rng.chance(0.6) ? 3 : 1;
        for (let k = 0; k < division; k++) {
          notes.push({
            startBeat: barBeat + rollBeat + k / division,
            durationBeats: 1 / division,
            pitch: HAT,
            velocity: Math.round(45 + (50 * k) / division),
          });
        }
      }
      if (buildIntoChorus) {
        // Snare/clap build: eighths then sixteenths, rising velocity.
        for (let s = 8; s < 16; s++) {
          if (s < 12 && s % 2 === 1) continue;
          notes.push({
            startBeat: barBeat + s / 4,
            durationBeats: 0.25,
            pitch: s % 2 ? CLAP : SNARE,
            velocity: 60 + s * 3,
          });
        }
        notes.push({ startBeat: barBeat, durationBeats: 0.25, pitch: KICK, velocity: 100 });
        notes.push({ startBeat: barBeat + 1, durationBeats: 0.25, pitch: KICK, velocity: 95 });
      } else if (fillBeats > 0) {
        addFill(notes, barBeat + bpb, fillBeats, rng, profile.drumStyle, meter.stepsPerBeat);
      }
    }
  }
  return notes;
}

/** Cinematic percussion on a melodic channel: taiko ostinato in high-energy sections, timpani rolls at cadences. */
export function composeCinematicPercussion(
  sections: readonly FormSection[],
  rng: Rng,
  lastBar: number,
  bpb = 4,
): NoteEvent[] {
  const notes: NoteEvent[] = [];
  const taikoLow = 41;
  for (const section of sections) {
    for (let b = 0; b < section.bars; b++) {
      const bar = section.startBar + b;
      if (bar === lastBar) {
        notes.push({ startBeat: bar * bpb, durationBeats: 2, pitch: taikoLow - 5, velocity: 115 });
        continue;
      }
      if (section.energy < 0.6) {
        notes.push({ startBeat: bar * bpb, durationBeats: 1, pitch: taikoLow, velocity: 70 });
        continue;
      }
      // Driving ostinato on the beats, with a pickup into the next downbeat every other bar (more
      // pickups and the eighths, at double the tempo, are what is heard).
      const hits = Array.from({ length: bpb }, (_, k) => k);
      if (bpb === 4 && b % 2 === 1) hits.push(3.5);
      for (const h of hits) {
        const strong = h === 0 || h === 2;
        const onBeat = Number.isInteger(h);
        notes.push({
          startBeat: bar * bpb + h,
          durationBeats: 0.5,
          pitch: strong ? taikoLow : taikoLow + 7,
          velocity: Math.round((strong ? 112 : onBeat ? 92 : 70) + rng.range(-6, 6)),
        });
      }
    }
  }
  return notes;
}
