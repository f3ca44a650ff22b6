// Drum part: the genre groove per section energy, crashes on section starts, fills and build-ups
// before section changes, humanised velocity. Timing jitter is added later for all parts.
import {
  CLAP,
  CRASH,
  DRUM_PATTERNS,
  type Groove,
  HAT,
  KICK,
  SNARE,
  TOMS,
  velocityOf,
} from './drum-patterns.ts';
import type { FormSection } from './form.ts';
import type { GenreProfile } from './genres.ts';
import type { NoteEvent } from './plan-types.ts';
import type { Rng } from './prng.ts';

function addGroove(
  notes: NoteEvent[],
  groove: Groove,
  barBeat: number,
  rng: Rng,
  gain: number,
  fromStep = 0,
  toStep = 16,
): void {
  for (const [noteKey, steps] of Object.entries(groove)) {
    if (!steps) continue;
    const pitch = Number(noteKey);
    for (let s = fromStep; s < toStep; s++) {
      const v = velocityOf(steps[s] ?? '.');
      if (v === 0) continue;
      notes.push({
        startBeat: barBeat + s / 4,
        durationBeats: 0.25,
        pitch,
        velocity: Math.max(1, Math.min(127, Math.round(v * gain + rng.range(-7, 7)))),
      });
    }
  }
}

function addFill(notes: NoteEvent[], barBeat: number, beats: number, rng: Rng, style: string): void {
  const start = barBeat + 4 - beats;
  const steps = beats * 4;
  const useToms =
    style === 'rock' || style === 'pop' || style === 'funk' || style === 'folk' || rng.chance(0.3);
  for (let s = 0; s < steps; s++) {
    if (style === 'jazz' && s % 2 === 1) continue;
    const pitch = useToms ? TOMS[Math.min(TOMS.length - 1, Math.floor((s / steps) * TOMS.length))]! : SNARE;
    notes.push({
      startBeat: start + s / 4,
      durationBeats: 0.25,
      pitch,
      velocity: Math.round(70 + (45 * s) / steps + rng.range(-5, 5)),
    });
  }
}

export function composeDrums(
  sections: readonly FormSection[],
  profile: GenreProfile,
  energy: number,
  styleStrength: number,
  rng: Rng,
  lastBar: number,
): NoteEvent[] {
  if (profile.drumStyle === 'none') return [];
  const pattern = DRUM_PATTERNS[profile.drumStyle];
  const notes: NoteEvent[] = [];
  const clubBuild = ['four-floor', 'techno', 'edm', 'dnb', 'trap'].includes(profile.drumStyle);
  for (let si = 0; si < sections.length; si++) {
    const section = sections[si]!;
    const next = sections[si + 1];
    const level = section.energy * (0.6 + 0.4 * energy);
    for (let b = 0; b < section.bars; b++) {
      const bar = section.startBar + b;
      const barBeat = bar * 4;
      if (bar === lastBar) {
        // Ending: one accented hit with the final chord, then let it ring.
        notes.push({ startBeat: barBeat, durationBeats: 1, pitch: KICK, velocity: 100 });
        if (profile.drumStyle !== 'ambient')
          notes.push({ startBeat: barBeat, durationBeats: 2, pitch: CRASH, velocity: 90 });
        continue;
      }
      const isLastOfSection = b === section.bars - 1 && next !== undefined;
      const fillBeats = isLastOfSection && level > 0.45 ? (next?.name === 'chorus' ? 2 : 1) : 0;
      const buildIntoChorus = clubBuild && isLastOfSection && next?.name === 'chorus';
      const stepsPlayed = buildIntoChorus ? 8 : 16 - fillBeats * 4;
      const gain = 0.75 + 0.3 * level;
      if (level < 0.5) addGroove(notes, pattern.light, barBeat, rng, gain, 0, stepsPlayed);
      else {
        addGroove(notes, pattern.full, barBeat, rng, gain, 0, stepsPlayed);
        if (section.name === 'chorus')
          addGroove(notes, pattern.lift, barBeat, rng, gain * 0.9, 0, stepsPlayed);
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
      if (b % 4 === 3 && rng.chance(0.3 + styleStrength * 0.4) && !fillBeats) {
        notes.push({ startBeat: barBeat + 3.75, durationBeats: 0.25, pitch: HAT, velocity: 60 });
        notes.push({ startBeat: barBeat + 3.5, durationBeats: 0.25, pitch: SNARE, velocity: 40 });
      }
      // Trap hi-hat rolls: triplet or 32nd bursts on the last beat of some bars.
      if (
        profile.drumStyle === 'trap' &&
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
        addFill(notes, barBeat, fillBeats, rng, profile.drumStyle);
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
): NoteEvent[] {
  const notes: NoteEvent[] = [];
  const taikoLow = 41;
  for (const section of sections) {
    for (let b = 0; b < section.bars; b++) {
      const bar = section.startBar + b;
      if (bar === lastBar) {
        notes.push({ startBeat: bar * 4, durationBeats: 2, pitch: taikoLow - 5, velocity: 115 });
        continue;
      }
      if (section.energy < 0.6) {
        notes.push({ startBeat: bar * 4, durationBeats: 1, pitch: taikoLow, velocity: 70 });
        continue;
      }
      // Driving ostinato on the beats with a pickup before beat 3 and the next downbeat.
      const hits = [0, 1, 1.5, 2, 3, 3.5];
      for (const h of hits) {
        const strong = h === 0 || h === 2;
        const onBeat = Number.isInteger(h);
        notes.push({
          startBeat: bar * 4 + h,
          durationBeats: 0.5,
          pitch: strong ? taikoLow : taikoLow + 7,
          velocity: Math.round((strong ? 112 : onBeat ? 92 : 70) + rng.range(-6, 6)),
        });
      }
    }
  }
  return notes;
}
