// Instrument words → General MIDI programs (0-based; MuseScore_General_Lite has all 128), with the
// role the instrument takes in an arrangement and the range it plays comfortably. More specific
// names come first ("electric piano" before "piano", "upright bass" before "bass").

export type Role = 'lead' | 'comp' | 'bass' | 'pad' | 'perc';

export interface InstrumentWord {
  /** Words as a regular-expression alternation matched on whole words of the lower-cased prompt. */
  words: string;
  program: number;
  role: Role;
  /** Comfortable range in MIDI notes. */
  range: [number, number];
  /** Plays chords (piano, guitar, harp…); monophonic instruments carry lines only. */
  poly: boolean;
}

const I = (
  words: string,
  program: number,
  role: Role,
  range: [number, number],
  poly = false,
): InstrumentWord => ({
  words,
  program,
  role,
  range,
  poly,
});

export const INSTRUMENT_WORDS: readonly InstrumentWord[] = [
  I('electric pianos?|rhodes|wurli\\w*|e-?piano', 4, 'comp', [45, 84], true),
  I('honky[- ]tonk piano', 3, 'comp', [40, 88], true),
  I('grand piano|piano|pianos|keys', 0, 'comp', [36, 96], true),
  I('harpsichord', 6, 'comp', [41, 89], true),
  I('clavinet|clav', 7, 'comp', [45, 84], true),
  I('celesta', 8, 'lead', [60, 96]),
  I('glockenspiel|bells?', 9, 'lead', [67, 96]),
  I('music ?box', 10, 'lead', [64, 96]),
  I('vibraphone|vibes', 11, 'lead', [53, 89]),
  I('marimba', 12, 'lead', [48, 89]),
  I('xylophone', 13, 'lead', [65, 96]),
  I('tubular bells|chimes', 14, 'lead', [60, 77]),
  I('dulcimer|hammered dulcimer', 15, 'comp', [50, 86], true),
  I('hammond( organ)?|drawbar organ|b-?3', 16, 'comp', [43, 84], true),
  I('rock organ', 18, 'comp', [43, 84], true),
  I('church organ|pipe organ', 19, 'pad', [36, 84], true),
  I('harmonium|reed organ', 20, 'comp', [48, 84], true),
  I('organ', 16, 'comp', [43, 84], true),
  I('bandone[oó]n|tango accordion', 23, 'comp', [45, 84], true),
  I('accordion|squeezebox', 21, 'comp', [45, 84], true),
  I('harmonica|blues harp', 22, 'lead', [60, 84]),
  I(
    'nylon(?:[- ]string)? guitars?|classical guitars?|spanish guitars?|flamenco guitars?',
    24,
    'comp',
    [40, 79],
    true,
  ),
  I('acoustic guitars?|steel[- ]string guitars?|folk guitars?|strummed guitars?', 25, 'comp', [40, 79], true),
  I('jazz guitars?|hollow[- ]body', 26, 'comp', [40, 79], true),
  I('distorted guitars?|heavy guitars?|power chords?|metal guitars?|distortion', 30, 'comp', [40, 72], true),
  I('overdrive(?:n)? guitars?|crunchy guitars?|fuzz guitars?', 29, 'comp', [40, 72], true),
  I('muted guitars?|palm[- ]muted', 28, 'comp', [40, 72], true),
  I(
    'clean guitars?|electric guitars?|jangly guitars?|reverb guitars?|twangy guitars?|guitar skank|guitars?',
    27,
    'comp',
    [40, 79],
    true,
  ),
  I('upright bass|double bass|acoustic bass|contrabass', 32, 'bass', [28, 55]),
  I('slap bass', 36, 'bass', [28, 55]),
  I('fretless bass', 35, 'bass', [28, 55]),
  I('synth bass|reese|wobble bass|wobble', 38, 'bass', [26, 52]),
  I('808s?(?: bass)?', 38, 'bass', [24, 45]),
  I('electric bass|bass guitar|funky bass|deep bass|bass', 33, 'bass', [28, 55]),
  I('fiddles?', 110, 'lead', [55, 88]),
  I('violins?', 40, 'lead', [55, 88]),
  I('violas?', 41, 'lead', [48, 79]),
  I('cellos?|violoncellos?', 42, 'lead', [36, 72]),
  I('pizzicato', 45, 'comp', [43, 84], true),
  I('harps?', 46, 'comp', [36, 91], true),
  I('timpani', 47, 'perc', [40, 55]),
  I('string section|strings|orchestra|orchestral strings', 48, 'pad', [43, 84], true),
  I('choir|choral|chorus of voices|voices', 52, 'pad', [48, 79], true),
  I('muted trumpets?', 59, 'lead', [58, 80]),
  I('trumpets?', 56, 'lead', [58, 82]),
  I('trombones?', 57, 'lead', [40, 70]),
  I('tuba', 58, 'bass', [28, 53]),
  I('french horns?|horn', 60, 'lead', [48, 74]),
  I('brass(?: section)?|horns', 61, 'lead', [53, 79]),
  I('soprano sax(?:ophone)?', 64, 'lead', [60, 84]),
  I('alto sax(?:ophone)?', 65, 'lead', [55, 79]),
  I('tenor sax(?:ophone)?', 66, 'lead', [48, 74]),
  I('baritone sax(?:ophone)?|bari sax', 67, 'lead', [40, 67]),
  I('sax(?:ophone)?s?', 65, 'lead', [55, 79]),
  I('oboe', 68, 'lead', [60, 86]),
  I('english horn|cor anglais', 69, 'lead', [55, 79]),
  I('bassoon', 70, 'lead', [36, 65]),
  I('clarinet', 71, 'lead', [52, 84]),
  I('piccolo', 72, 'lead', [74, 96]),
  I('pan ?flutes?|panpipes?', 75, 'lead', [60, 86]),
  I('flutes?', 73, 'lead', [62, 91]),
  I('recorder', 74, 'lead', [60, 86]),
  I('tin whistle|penny whistle|whistle', 78, 'lead', [67, 93]),
  I('ocarina', 79, 'lead', [62, 86]),
  I('square lead|square wave|8-?bit lead|chip lead', 80, 'lead', [60, 88]),
  I('supersaws?|saw lead|lead synth|synth lead', 81, 'lead', [55, 84]),
  I('synth pads?|warm pads?|pads?', 89, 'pad', [48, 79], true),
  I('synths?|synthesi[sz]ers?', 81, 'lead', [55, 84]),
  I('sitar', 104, 'lead', [52, 79]),
  // The tumbi (bhangra's one-string riff instrument) as the nearest short, high, twangy pluck.
  I('banjo|tumbi', 105, 'comp', [48, 79], true),
  I('shamisen', 106, 'lead', [52, 79]),
  I('koto', 107, 'lead', [55, 84]),
  I('kalimba|thumb piano|mbira', 108, 'lead', [60, 86]),
  I('bagpipes?', 109, 'lead', [67, 81]),
  I('steel ?drums?|steel ?pans?', 114, 'lead', [55, 84]),
  I('taiko(?: drums?)?', 116, 'perc', [36, 55]),
];

/** All instruments a prompt names, in the order they appear (each program once). */
export function findInstruments(text: string): InstrumentWord[] {
  const found: { at: number; inst: InstrumentWord }[] = [];
  const taken: [number, number][] = [];
  for (const inst of INSTRUMENT_WORDS) {
    const re = new RegExp(`\\b(?:${inst.words})\\b`, 'g');
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      // A more specific name already claimed these words ("upright bass" is not also "bass").
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      taken.push([start, end]);
      if (!found.some((f) => f.inst.program === inst.program)) found.push({ at: start, inst });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.inst);
}

/** The range of a program (its table entry, or a general middle range). */
export function rangeOf(program: number): [number, number] | undefined {
  return INSTRUMENT_WORDS.find((i) => i.program === program)?.range;
}
