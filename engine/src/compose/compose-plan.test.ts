// Plan-level properties, checked for every genre without rendering audio (fast).
import { describe, expect, it } from 'vitest';
import { GENRES, type GenerateParams } from '../types.ts';
import { composePlan } from './compose-plan.ts';
import { GENRE_PROFILES } from './genres.ts';
import { chordAt } from './harmony.ts';
import { parseLyrics, syllabifyWord } from './lyrics.ts';
import { parsePrompt } from './prompt.ts';
import { scaleSteps } from './theory.ts';

const base: GenerateParams = { prompt: 'a track', durationSec: 60, seed: 5 };

describe('composePlan', () => {
  it.each(GENRES)(
    '%s: tempo in the genre range, form covers the duration, notes in range and in key',
    (genre) => {
      for (const durationSec of [15, 37, 240]) {
        const plan = composePlan({ ...base, genre, durationSec });
        const [lo, hi] = GENRE_PROFILES[genre].bpmRange;
        expect(plan.bpm).toBeGreaterThanOrEqual(lo);
        expect(plan.bpm).toBeLessThanOrEqual(hi);
        expect(plan.sections[0]!.startSec).toBe(0);
        expect(plan.sections.at(-1)!.endSec).toBe(durationSec);
        for (let i = 1; i < plan.sections.length; i++)
          expect(plan.sections[i]!.startBar).toBe(
            plan.sections[i - 1]!.startBar + plan.sections[i - 1]!.bars,
          );
        // The ending: the last bar's downbeat leaves ≥ 2 s for the final chord, which is the tonic.
        const lastChord = plan.chords.at(-1)!;
        expect(lastChord.degree).toBe(0);
        const beatSec = 60 / plan.bpm;
        expect(
          durationSec - (lastChord.startBeat + lastChord.durationBeats - 4) * beatSec,
        ).toBeGreaterThanOrEqual(1.9);
        for (const part of plan.parts) {
          for (const n of part.notes) {
            expect(n.pitch).toBeGreaterThanOrEqual(20);
            expect(n.pitch).toBeLessThanOrEqual(100);
            expect(n.velocity).toBeGreaterThanOrEqual(1);
            expect(n.velocity).toBeLessThanOrEqual(127);
            expect((n.startBeat + n.durationBeats) * beatSec).toBeLessThanOrEqual(durationSec);
          }
        }
        // Lead melody: diatonic apart from the raised leading tone of a harmonic-minor dominant.
        const scale = scaleSteps(plan.mode);
        const lead = plan.parts.find((p) => p.id === 'lead');
        if (lead) {
          let inScale = 0;
          for (const n of lead.notes) if (scale.includes((n.pitch - plan.tonicPc + 120) % 12)) inScale++;
          expect(inScale / lead.notes.length).toBeGreaterThan(0.9);
        }
      }
    },
  );

  it('puts melody notes on strong beats on chord tones', () => {
    for (const genre of ['pop', 'folk', 'jazz'] as const) {
      const plan = composePlan({ ...base, genre, seed: 11 });
      const lead = plan.parts.find((p) => p.id === 'lead')!;
      let strong = 0;
      let onChord = 0;
      for (const n of lead.notes) {
        const beatInBar = n.startBeat % 4;
        if (Math.min(Math.abs(beatInBar), Math.abs(beatInBar - 2), Math.abs(4 - beatInBar)) > 0.05) continue;
        strong++;
        if (chordAt(plan.chords, n.startBeat + 0.05).pcs.includes(n.pitch % 12)) onChord++;
      }
      expect(strong).toBeGreaterThan(5);
      expect(onChord / strong).toBeGreaterThan(0.85);
    }
  });

  it('lets explicit fields override the prompt, and the prompt override defaults', () => {
    const fromPrompt = composePlan({ ...base, prompt: 'dark techno in D minor at 131 bpm with a rhodes' });
    expect(fromPrompt.genre).toBe('techno');
    expect(fromPrompt.key).toBe('D minor');
    expect(fromPrompt.bpm).toBe(131);
    expect(fromPrompt.instruments.comp).toBe(4);
    const explicit = composePlan({
      ...base,
      prompt: 'dark techno in D minor at 131 bpm',
      genre: 'jazz',
      key: 'E major',
      bpm: 100,
    });
    expect([explicit.genre, explicit.key, explicit.bpm]).toEqual(['jazz', 'E major', 100]);
  });

  it('is steered by a reference analysis when fields are absent', () => {
    const plan = composePlan({
      ...base,
      genre: 'house',
      reference: { bpm: 61.5, tonic: 'G', mode: 'minor', energy: 0.9 },
    });
    expect(plan.bpm).toBe(123); // folded into the house range by an octave
    expect(plan.key).toBe('G minor');
    expect(plan.energy).toBeGreaterThan(0.8);
  });

  it('is deterministic, and different seeds give different music', () => {
    const a = composePlan({ ...base, genre: 'pop' });
    expect(JSON.stringify(composePlan({ ...base, genre: 'pop' }))).toBe(JSON.stringify(a));
    const b = composePlan({ ...base, genre: 'pop', seed: 6 });
    const notes = (p: typeof a) =>
      p.parts
        .find((x) => x.id === 'lead')!
        .notes.map((n) => n.pitch)
        .join(',');
    expect(notes(b)).not.toBe(notes(a));
  });

  it('uses more extended chords when style strength is high', () => {
    let plain = 0;
    let adventurous = 0;
    for (let seed = 0; seed < 20; seed++) {
      const count = (s: number) =>
        composePlan({ ...base, genre: 'pop', seed, styleStrength: s }).chords.filter((c) => c.pcs.length > 3)
          .length;
      plain += count(0);
      adventurous += count(1);
    }
    expect(adventurous).toBeGreaterThan(plain);
  });

  it('sets lyrics to the verses and choruses with syllable timings', () => {
    const lyrics =
      '[Verse]\nWalking down the river road\nCounting every light\n\n[Chorus]\nWe are the morning\nWe are the sun\n\n[Verse]\nHolding on to what we know\nSinging through the night';
    const plan = composePlan({ ...base, genre: 'pop', hasVocals: true, lyrics, durationSec: 90 });
    const vocals = plan.parts.find((p) => p.stem === 'vocals');
    expect(vocals).toBeDefined();
    expect(plan.lyrics!.length).toBeGreaterThan(20);
    for (let i = 1; i < plan.lyrics!.length; i++)
      expect(plan.lyrics![i]!.startSec).toBeGreaterThanOrEqual(plan.lyrics![i - 1]!.startSec);
    const choruses = plan.sections.filter((s) => s.name === 'chorus');
    expect(choruses.length).toBeGreaterThanOrEqual(2);
    // Every chorus sings "morning" at the same place in the section.
    const offsets = choruses.map((c) => {
      const hit = plan.lyrics!.find(
        (l) => l.text.startsWith('mor') && l.startSec >= c.startSec && l.startSec < c.endSec,
      );
      return hit ? hit.startSec - c.startSec : Number.NaN;
    });
    expect(Math.abs(offsets[0]! - offsets[1]!)).toBeLessThan(0.05);
  });
});

describe('prompt and lyrics parsing', () => {
  it('reads genre, tempo, key, mood and instruments', () => {
    const h = parsePrompt('Melancholic lo-fi beat, 82 BPM, in Bb minor, dusty rhodes and nylon guitar');
    expect(h).toMatchObject({ genre: 'lo-fi', bpm: 82, tonic: 'A#', mode: 'minor' });
    expect(h.instruments.comp).toBe(4);
    expect(h.brightness).toBeLessThan(0);
    expect(parsePrompt('uplifting drum and bass with strings').genre).toBe('drum-and-bass');
    expect(parsePrompt('happy song').mode).toBe('major');
    expect(parsePrompt('808 trap banger').instruments.drumKit).toBe(25);
  });

  it('splits words into syllables and finds the chorus', () => {
    expect(syllabifyWord('river')).toEqual(['ri', 'ver']);
    expect(syllabifyWord('counting')).toEqual(['coun', 'ting']);
    expect(syllabifyWord('time')).toEqual(['time']);
    const sheet = parseLyrics('a b c\n\nla la la\n\nd e f\n\nla la la')!;
    expect(sheet.chorus.map((l) => l.syllables.join(' '))).toEqual(['la la la']);
    expect(sheet.verses).toHaveLength(2);
  });
});
