// prompt + params + seed → the whole musical plan (form, chords, parts, lyrics, mix settings).
import type { GenerateParams } from '../types.ts';
import { planForm, tailSeconds } from './form.ts';
import { planChords } from './harmony.ts';
import { humanise } from './humanise.ts';
import { rangeOf } from './instruments.ts';
import { fitLyrics } from './lyric-fit.ts';
import { parseLyrics } from './lyrics.ts';
import { keepAccompanimentOnTheBeat, wantsOnTheBeat } from './on-the-beat.ts';
import { composeBass } from './part-bass.ts';
import { composeComp, composePad } from './part-comp.ts';
import { composeCinematicPercussion, composeDrums } from './part-drums.ts';
import { makeMotif, realisePhrase, shortenMotif } from './part-melody.ts';
import { composeVocals } from './part-vocals.ts';
import type { MusicPlan, NoteEvent, PartPlan, SectionName, StemMix, StemName } from './plan-types.ts';
import { createRng } from './prng.ts';
import { resolveSettings } from './resolve.ts';
import { tonicPitchClass } from './theory.ts';

/** Comfortable melodic ranges (MIDI notes) of lead instruments a prompt may ask for. */
const LEAD_RANGE_BY_PROGRAM: Record<number, [number, number]> = {
  42: [48, 72], // cello
  40: [62, 88], // violin
  73: [64, 88], // flute
  65: [56, 79], // alto sax
  66: [50, 74], // tenor sax
  56: [58, 80], // trumpet
  60: [53, 74], // french horn
  61: [55, 77], // brass section
  22: [60, 84], // harmonica
  104: [55, 79], // sitar
  12: [57, 84], // marimba
  11: [57, 84], // vibraphone
  10: [67, 91], // music box
};

/** Ranges of the instruments that may take the bass role (voices, cello, guitar, tuba…). */
const BASS_RANGE_BY_PROGRAM: Record<number, [number, number]> = {
  42: [36, 57],
  52: [40, 60],
  53: [40, 60],
  24: [40, 57],
  25: [40, 57],
  0: [31, 52],
  58: [28, 50],
};

const COMP_RANGE: Record<string, [number, number]> = {
  strum: [48, 67],
  alberti: [48, 67],
  arp: [55, 79],
  stabs: [57, 74],
};

export function composePlan(params: GenerateParams): MusicPlan {
  const s = resolveSettings(params);
  const { profile, ensemble, meter } = s;
  const bpb = meter.beatsPerBar;
  const compound = meter.compound;
  // Taken below the tempi the style's seeds draw by tempo words or an asked tempo (on-the-beat.ts).
  const onTheBeat = wantsOnTheBeat(s.bpm, profile.bpmRange, compound);
  const tonicPc = tonicPitchClass(s.tonic);
  // The user's lines shape the form: a section with more lines than bars grows, within the duration.
  const sheet = params.hasVocals && params.lyrics ? parseLyrics(params.lyrics) : undefined;
  const form = planForm(s.genre, params.durationSec, s.bpm, bpb);
  const layout = sheet ? fitLyrics(form, sheet) : undefined;
  const sections = layout?.sections ?? form;
  const totalBars = sections.reduce((n, x) => Math.max(n, x.startBar + x.bars), 0);
  const lastBar = totalBars - 1;
  const chords = planChords(
    sections,
    profile,
    tonicPc,
    s.mode,
    s.styleStrength,
    createRng(s.seed, 'chords'),
    bpb,
  );
  const instruments = {
    drumKit: ensemble.drumKit ?? -1,
    bass: ensemble.bass ?? -1,
    comp: ensemble.comp ?? -1,
    pad: ensemble.pad ?? -1,
    lead: ensemble.lead ?? -1,
    vocal: ensemble.vocal,
  };
  const parts: PartPlan[] = [];
  const addPart = (
    id: string,
    stem: StemName,
    channel: number,
    program: number,
    notes: NoteEvent[],
    volume = 100,
    pan = 64,
  ): void => {
    if (notes.length > 0) parts.push({ id, stem, channel, program, volume, pan, notes });
  };

  if (ensemble.drumKit !== null) {
    addPart(
      'drums',
      'drums',
      9,
      ensemble.drumKit,
      composeDrums(sections, profile, s.energy, s.styleStrength, createRng(s.seed, 'drums'), lastBar, meter),
    );
  }
  if ((s.genre === 'cinematic' && ensemble.drumKit !== null) || ensemble.perc !== null) {
    addPart(
      'taiko',
      'drums',
      10,
      ensemble.perc ?? 116,
      composeCinematicPercussion(sections, createRng(s.seed, 'taiko'), lastBar, bpb),
      110,
    );
  }
  if (ensemble.bass !== null) {
    const bassRange: [number, number] =
      profile.bassStyle === 'sub808'
        ? [26, 45]
        : ensemble.bass === 89
          ? [36, 55]
          : s.style.id === s.genre
            ? [28, 52] // the 16 genres keep the range their tests were tuned with
            : (BASS_RANGE_BY_PROGRAM[ensemble.bass] ?? [28, 52]);
    addPart(
      'bass',
      'bass',
      0,
      ensemble.bass,
      composeBass(
        sections,
        chords,
        profile.bassStyle,
        tonicPc,
        s.mode,
        bassRange,
        createRng(s.seed, 'bass'),
        lastBar,
        bpb,
        compound,
        ensemble.drumKit === null && profile.bassStyle !== 'whole',
      ),
    );
  }
  if (ensemble.comp !== null) {
    addPart(
      'comp',
      'harmony',
      1,
      ensemble.comp,
      composeComp(
        sections,
        chords,
        profile.compStyle,
        COMP_RANGE[profile.compStyle] ?? [53, 72],
        createRng(s.seed, 'comp'),
        lastBar,
        bpb,
        compound,
        s.bpm,
      ),
      96,
      52,
    );
  }
  if (ensemble.pad !== null) {
    addPart(
      'pad',
      'harmony',
      2,
      ensemble.pad,
      composePad(
        chords,
        [55, 76],
        sections,
        s.genre === 'ambient' || ensemble.exclusive ? 0 : 0.5,
        bpb,
        ensemble.drumKit === null && s.genre !== 'ambient',
      ),
      78,
      76,
    );
  }

  // Vocals first: the lead instrument answers around them.
  const vocalRange: [number, number] = [55, 74];
  const vocals = layout
    ? composeVocals(layout, chords, {
        tonicPc,
        mode: s.mode,
        range: vocalRange,
        seed: s.seed,
        styleStrength: s.styleStrength,
        beatsPerBar: bpb,
      })
    : undefined;
  if (vocals) {
    // Vowel-matched voice patches: open vowels (a, e, i) on "aah", rounded ones (o, u) on "ooh",
    // which gives the line some articulation. Synth-voice genres keep one patch.
    // (Copies: humanise sorts a part's notes, and the timed lyrics pair vocals.notes with syllables.)
    if (instruments.vocal === 54) addPart('vocals', 'vocals', 4, 54, [...vocals.notes], 112);
    else {
      const rounded = (text: string): boolean => /^[^aeiouy]*[ou]/i.test(text);
      const open = vocals.notes.filter((_, i) => !rounded(vocals.syllables[i]?.text ?? ''));
      const closed = vocals.notes.filter((_, i) => rounded(vocals.syllables[i]?.text ?? ''));
      addPart('vocals', 'vocals', 4, 52, open, 112);
      addPart('vocals-oo', 'vocals', 5, 53, closed, 116);
    }
  }

  const motifs = new Map<SectionName, ReturnType<typeof makeMotif>>();
  // An instrument the prompt names carries the tune from the first bars.
  const leadAskedFor = s.hints.named.some((i) => i.program === ensemble.lead);
  // Below ≈90 BPM the tune moves on the beat, so the beat, not its double, is what is heard (genres
  // too: lo-fi, hip-hop and ambient were heard at ×2). Without drums the bass and the tune carry the
  // pulse, so there the tune moves on the beat up to 110 BPM.
  const drumless = ensemble.drumKit === null;
  const slowTune = s.bpm < 90 || (drumless && s.bpm < 110) || onTheBeat;
  // A named instrument plays in its own range; mood words (dark, sad, happy) move the line.
  const ownRange =
    LEAD_RANGE_BY_PROGRAM[instruments.lead] ??
    (instruments.lead !== s.style.programs?.lead && instruments.lead !== profile.programs.lead
      ? rangeOf(instruments.lead)
      : undefined) ??
    profile.leadRange;
  const shift = Math.round(s.hints.register);
  const leadRange: [number, number] = [ownRange[0] + shift, ownRange[1] + shift];
  const leadNotes: NoteEvent[] = [];
  for (const section of sections) {
    const playsLead =
      section.name === 'chorus' ||
      section.name === 'verse' ||
      section.name === 'bridge' ||
      section.name === 'breakdown' ||
      (section.name === 'outro' && section.bars >= 4) ||
      (section.name === 'intro' &&
        (['ambient', 'classical', 'cinematic'].includes(s.genre) || leadAskedFor || ensemble.exclusive));
    if (!playsLead) continue;
    const motifKey: SectionName =
      section.name === 'outro' || section.name === 'intro' ? 'chorus' : section.name;
    if (!motifs.has(motifKey)) {
      const density =
        profile.leadDensity *
        (1 + 0.35 * s.hints.density) *
        (motifKey === 'chorus' ? 1 : motifKey === 'verse' ? 0.75 : 0.6);
      motifs.set(
        motifKey,
        makeMotif(density, s.styleStrength, createRng(s.seed, `motif:${motifKey}`), bpb, compound, slowTune),
      );
    }
    const motif = motifs.get(motifKey)!;
    const lift = motifKey === 'chorus' ? 4 : 0;
    const base = leadRange;
    const range: [number, number] = [base[0] + lift, base[1]];
    for (let p = 0; p < section.bars; p += 4) {
      const startBar = section.startBar + p;
      // The ending bar belongs to the final chord; short sections get a shortened phrase.
      const phraseBars = Math.min(4, section.bars - p, lastBar - startBar);
      if (phraseBars < 1) continue;
      // Never over the singer: the lead plays only the bars after the last sung one of its phrase,
      // two or more (a dense section's lines, one a bar, leave the section's last bars to it: an
      // answer). Sections sung two bars a line have every bar sung, so there it rests as it did.
      let from = startBar;
      if (layout) {
        for (let b = startBar; b < startBar + phraseBars; b++) if (layout.vocalBars.has(b)) from = b + 1;
      }
      const playBars = startBar + phraseBars - from;
      if (from > startBar && playBars < 2) continue;
      const rng = createRng(s.seed, `phrase:${motifKey}:${(p / 4) % 2}`);
      const phrase = playBars === 4 ? motif : shortenMotif(motif, playBars);
      leadNotes.push(
        ...realisePhrase(
          phrase,
          from,
          chords,
          {
            tonicPc,
            mode: s.mode,
            range,
            resolve: (p / 4) % 2 === 1 || p + 4 >= section.bars,
            velocity: Math.round(80 + 20 * section.energy),
            beatsPerBar: bpb,
          },
          rng,
        ),
      );
    }
  }
  if (ensemble.lead !== null) addPart('lead', 'melody', 3, ensemble.lead, leadNotes, 100, 70);

  const beatSec = 60 / s.bpm;
  if (onTheBeat) keepAccompanimentOnTheBeat(parts);
  humanise(parts, profile.swing, profile.swingUnit, s.bpm, createRng(s.seed, 'humanise'));
  let musicEndBeat = 0;
  for (const part of parts)
    for (const n of part.notes) musicEndBeat = Math.max(musicEndBeat, n.startBeat + n.durationBeats);
  // Notes may not outlast the file: the final chord stops a little before the end so its release fits.
  const maxEndBeat = (params.durationSec - 0.35) / beatSec;
  const lastBarBeat = lastBar * bpb;
  for (const part of parts) {
    for (const n of part.notes) {
      // The final chord (and bass) ring on until the fade-out instead of stopping early.
      const isFinal = n.startBeat >= lastBarBeat - 0.1 && n.durationBeats >= 1 && part.stem !== 'drums';
      const end = isFinal ? maxEndBeat : Math.min(n.startBeat + n.durationBeats, maxEndBeat);
      n.durationBeats = Math.max(0.05, end - n.startBeat);
    }
  }
  musicEndBeat = Math.min(musicEndBeat, maxEndBeat);

  const mixOf = (
    gainDb: number,
    highpassHz: number,
    reverbSend: number,
    delaySend: number,
    compress: boolean,
  ): StemMix => ({
    gainDb,
    highpassHz,
    airDb: profile.mix.airDb + s.hints.brightness * 3,
    reverbSend: Math.min(1, reverbSend + (reverbSend > 0 ? s.hints.reverb : 0)),
    delaySend,
    compress,
  });
  // Measured balance (stem RMS, spectral centroid) had the drums on top and bright (centroid ≈7 kHz)
  // and the melody 5–8 dB under them: drums come down 2 dB and lose some air, the melody comes up.
  const mix: Record<StemName, StemMix> = {
    drums: {
      ...mixOf(profile.mix.drumsDb - 2, 30, profile.mix.reverb * 0.4, 0, true),
      airDb: profile.mix.airDb - 1.5 + s.hints.brightness * 3,
    },
    // Without drums the bass (on the beats) is the pulse: it comes up 3 dB.
    bass: mixOf(profile.mix.bassDb + (drumless ? 3 : 0), 30, 0, 0, true),
    harmony: mixOf(profile.mix.harmonyDb, 120, profile.mix.reverb, 0, false),
    melody: mixOf(profile.mix.melodyDb + 2, 180, profile.mix.reverb, profile.mix.delay, false),
    vocals: mixOf(
      profile.mix.melodyDb + 3,
      150,
      profile.mix.reverb * 0.9 + 0.1,
      Math.max(0.12, profile.mix.delay),
      true,
    ),
  };

  return {
    genre: s.genre,
    style: s.style.id,
    meter: meter.name,
    feel: s.halfTime ? 'half-time' : onTheBeat ? 'on-the-beat' : 'normal',
    bpm: s.bpm,
    key: s.key,
    tonicPc,
    mode: s.mode,
    durationSec: params.durationSec,
    seed: s.seed,
    beatsPerBar: bpb,
    musicEndBeat,
    energy: s.energy,
    styleStrength: s.styleStrength,
    swing: profile.swing,
    sections: sections.map((x, i) => ({
      ...x,
      startSec: x.startBar * bpb * beatSec,
      endSec: i === sections.length - 1 ? params.durationSec : (x.startBar + x.bars) * bpb * beatSec,
    })),
    chords,
    parts,
    mix,
    reverbSizeSec: profile.reverbSizeSec,
    texture: { vinyl: s.genre === 'lo-fi' || s.hints.vinyl },
    // Timed from the sung notes themselves, after swing and humanising moved them: what the MIDI
    // file and the audio have, to the millisecond.
    lyrics: vocals?.syllables.map((x, i) => {
      const note = vocals.notes[i]!;
      return {
        text: x.text,
        startSec: note.startBeat * beatSec,
        endSec: (note.startBeat + note.durationBeats) * beatSec,
        line: x.line,
      };
    }),
    ...(layout ? { lyricsUnsungLines: layout.unsungLines } : {}),
    instruments,
    promptTags: s.hints.tags,
  };
}

/** Seconds of music after the last bar line, exported for tests. */
export { tailSeconds };
