// The prompt-understanding table: what a listener asks for in words, checked on the plan and on
// the MIDI file a DAW would open (tempo, time signature, programs, percussion). Written before the
// style vocabulary was tuned, so it states what the words mean, not what the engine happened to do.
import { describe, expect, it } from 'vitest';
import { planToMidi } from '../master/midi-file.ts';
import { readMidi } from '../testing/read-midi.ts';
import type { GenerateParams, KeyName, Mode } from '../types.ts';
import { composePlan } from './compose-plan.ts';

type Meter = '4/4' | '3/4' | '2/4' | '6/8' | '12/8';
interface Row {
  prompt: string;
  style?: string;
  bpm?: [number, number];
  mode?: Mode;
  key?: KeyName;
  meter?: Meter;
  /** Drum kit plays (true) or no percussion at all (false); undefined: either. */
  drums?: boolean;
  /** GM programs (0-based) that must carry a prominent part; an array means any one of them. */
  has?: (number | number[])[];
  /** Exclusive ensemble: no melodic program outside this set. */
  only?: number[];
  halfTime?: boolean;
  swing?: boolean;
  noVocals?: boolean;
  params?: Partial<GenerateParams>;
}

const GUITARS = [24, 25, 26, 27, 28, 29, 30, 31];
const SAXES = [64, 65, 66, 67];
const STRINGS = [40, 41, 42, 43, 44, 45, 48, 49, 50, 51];

export const TABLE: Row[] = [
  // The issue's own examples.
  {
    prompt: 'baroque minuet for string quartet',
    style: 'string-quartet',
    meter: '3/4',
    bpm: [84, 140],
    drums: false,
    has: [40, 41, 42],
    only: [40, 41, 42],
  },
  {
    prompt: 'smoky late night jazz with tenor saxophone and upright bass',
    style: 'jazz',
    bpm: [56, 100],
    meter: '4/4',
    drums: true,
    has: [66, 32],
  },
  {
    prompt: 'roots reggae with an offbeat guitar skank and organ',
    style: 'reggae',
    bpm: [66, 100],
    meter: '4/4',
    drums: true,
    has: [16, GUITARS],
  },
  {
    prompt: 'heavy metal with distorted guitars and double kick drums',
    style: 'metal',
    mode: 'minor',
    bpm: [90, 180],
    drums: true,
    has: [30],
  },
  {
    prompt: 'a slow solo acoustic guitar ballad with violin',
    bpm: [50, 84],
    drums: false,
    has: [25, 40],
    only: [25, 40],
  },
  {
    prompt: 'bossa nova with nylon guitar and soft flute',
    style: 'bossa-nova',
    bpm: [100, 145],
    meter: '4/4',
    has: [24, 73],
  },
  // Named styles.
  { prompt: 'happy ska with trumpets', style: 'ska', mode: 'major', bpm: [120, 180], drums: true, has: [56] },
  { prompt: 'dub with deep bass and echoes', style: 'dub', bpm: [60, 95], drums: true },
  { prompt: 'punk rock, fast and loud', style: 'punk', bpm: [150, 210], drums: true },
  {
    prompt: 'grunge with dark distorted guitars',
    style: 'grunge',
    mode: 'minor',
    drums: true,
    has: [[29, 30]],
  },
  { prompt: 'indie rock with jangly guitars', style: 'indie', bpm: [100, 150], drums: true, has: [GUITARS] },
  { prompt: 'dreamy shoegaze wall of guitars', style: 'shoegaze', bpm: [70, 125], drums: true },
  {
    prompt: 'country song with pedal steel and fiddle',
    style: 'country',
    mode: 'major',
    drums: true,
    has: [110],
  },
  {
    prompt: 'bluegrass with banjo, fiddle and upright bass',
    style: 'bluegrass',
    bpm: [100, 180],
    drums: false,
    has: [105, 110, 32],
  },
  { prompt: 'slow 12/8 blues with harmonica', style: 'slow-blues', meter: '12/8', bpm: [45, 80], has: [22] },
  { prompt: 'shuffle blues with electric guitar', style: 'blues', meter: '4/4', swing: true, has: [GUITARS] },
  { prompt: 'classic soul with horns and organ', style: 'soul', drums: true, has: [[56, 57, 61], 16] },
  { prompt: 'smooth r&b slow jam', style: 'rnb', bpm: [58, 100], drums: true },
  { prompt: 'gospel choir with hammond organ', style: 'gospel', has: [[52, 53], 16] },
  {
    prompt: 'disco with strings and funky bass',
    style: 'disco',
    bpm: [110, 132],
    drums: true,
    has: [STRINGS],
  },
  { prompt: 'upbeat k-pop dance track', style: 'k-pop', bpm: [110, 145], drums: true },
  { prompt: 'bright j-pop anime opening', style: 'j-pop', mode: 'major', bpm: [115, 185], drums: true },
  { prompt: '80s synthwave night drive', style: 'synthwave', bpm: [80, 125], drums: true },
  { prompt: '8-bit chiptune adventure', style: 'chiptune', bpm: [110, 170], has: [[80, 81]] },
  {
    prompt: 'heavy dubstep with wobble bass',
    style: 'dubstep',
    bpm: [136, 152],
    halfTime: true,
    drums: true,
  },
  { prompt: 'uk garage 2-step', style: 'garage', bpm: [126, 140], drums: true },
  {
    prompt: 'afrobeat with horns and percussion',
    style: 'afrobeat',
    bpm: [95, 130],
    drums: true,
    has: [[56, 57, 61]],
  },
  { prompt: 'amapiano with log drums', style: 'amapiano', bpm: [105, 118], drums: true },
  { prompt: 'reggaeton dembow', style: 'reggaeton', bpm: [84, 105], drums: true },
  { prompt: 'salsa with piano montuno and trumpets', style: 'salsa', drums: true, has: [0, 56] },
  { prompt: 'passionate tango with bandoneon and violin', style: 'tango', mode: 'minor', has: [23, 40] },
  { prompt: 'flamenco guitar', style: 'flamenco', mode: 'minor', has: [24] },
  { prompt: 'celtic jig with fiddle and tin whistle', style: 'celtic', meter: '6/8', has: [110] },
  { prompt: 'a viennese waltz for orchestra', style: 'waltz', meter: '3/4', drums: false, has: [STRINGS] },
  {
    prompt: 'military march with brass and snare',
    style: 'march',
    bpm: [100, 130],
    drums: true,
    has: [[56, 57, 60, 61]],
  },
  {
    prompt: 'gentle lullaby with music box',
    style: 'lullaby',
    bpm: [50, 88],
    drums: false,
    mode: 'major',
    has: [10],
  },
  { prompt: 'baroque harpsichord piece', style: 'baroque', drums: false, has: [6] },
  {
    prompt: 'string quartet in D minor',
    style: 'string-quartet',
    key: 'D minor',
    drums: false,
    only: [40, 41, 42],
    has: [40, 41, 42],
  },
  {
    prompt: 'film noir detective theme with muted trumpet',
    style: 'film-noir',
    mode: 'minor',
    bpm: [50, 100],
    has: [59],
  },
  { prompt: 'retro video game level music', style: 'video-game', bpm: [105, 165], drums: true },
  { prompt: 'a cappella vocal harmony', style: 'a-cappella', drums: false, only: [52, 53, 54] },
  { prompt: 'solo piano nocturne', style: 'solo-piano', drums: false, only: [0], has: [0] },
  {
    prompt: 'solo guitar fingerstyle piece',
    style: 'solo-guitar',
    drums: false,
    only: [24, 25],
    has: [[24, 25]],
  },
  { prompt: 'jazz piano trio', style: 'piano-trio', drums: true, only: [0, 32], has: [0, 32] },
  { prompt: 'uplifting trance with supersaw', style: 'trance', mode: 'major', bpm: [126, 142], drums: true },
  { prompt: 'deep house groove', style: 'deep-house', bpm: [115, 126], drums: true },
  { prompt: 'uk drill beat', style: 'drill', mode: 'minor', bpm: [136, 148], halfTime: true, drums: true },
  { prompt: 'fast bebop with alto sax', style: 'bebop', bpm: [150, 220], has: [65] },
  { prompt: 'smooth jazz with soprano sax', style: 'smooth-jazz', bpm: [75, 110], has: [64] },
  { prompt: 'big band swing with brass section', style: 'big-band', bpm: [115, 175], swing: true, has: [61] },
  { prompt: 'surf rock with reverb guitar', style: 'surf-rock', bpm: [135, 185], has: [GUITARS] },
  { prompt: 'cumbia with accordion', style: 'cumbia', has: [21] },
  { prompt: 'samba with percussion', style: 'samba', drums: true },
  { prompt: 'ragtime piano', style: 'ragtime', drums: false, has: [0] },
  { prompt: 'polka with accordion', style: 'polka', meter: '2/4', has: [21] },
  { prompt: 'doo-wop ballad', style: 'doo-wop', meter: '12/8', bpm: [50, 85] },
  { prompt: 'breakbeat with chopped drums', style: 'breakbeat', bpm: [120, 142], drums: true },
  // Styles people type into hosted music models (issue: "not much of what people actually type").
  {
    prompt: 'phonk with cowbell and 808s',
    style: 'phonk',
    bpm: [125, 150],
    halfTime: true,
    drums: true,
    has: [113],
  },
  { prompt: 'drift phonk', style: 'phonk', bpm: [125, 150], halfTime: true, drums: true },
  {
    prompt: 'hyperpop with pitched vocals and distorted 808s',
    style: 'hyperpop',
    bpm: [140, 172],
    drums: true,
  },
  { prompt: 'dancehall riddim with claps and a deep 808', style: 'dancehall', bpm: [88, 108], drums: true },
  {
    prompt: 'dark trip-hop with a slow breakbeat and strings',
    style: 'trip-hop',
    mode: 'minor',
    bpm: [62, 95],
    drums: true,
    has: [STRINGS],
  },
  { prompt: 'trip hop with rhodes', style: 'trip-hop', bpm: [70, 100], has: [4] },
  { prompt: 'euphoric hardstyle with a distorted kick', style: 'hardstyle', bpm: [148, 172], drums: true },
  { prompt: 'future bass with supersaw chords', style: 'future-bass', bpm: [136, 165], halfTime: true },
  { prompt: 'jungle with chopped amen breaks and sub bass', style: 'jungle', bpm: [155, 176], drums: true },
  { prompt: 'midwest emo with twinkly guitars', style: 'emo', bpm: [125, 170], drums: true, has: [GUITARS] },
  { prompt: '80s synth-pop with gated drums', style: 'synth-pop', bpm: [105, 135], drums: true },
  { prompt: 'new wave with a bright synth hook', style: 'synth-pop', bpm: [105, 135] },
  { prompt: 'city pop with slap bass and electric piano', style: 'city-pop', bpm: [95, 125], has: [36, 4] },
  {
    prompt: 'romantic bachata with requinto guitar and bongos',
    style: 'bachata',
    bpm: [115, 145],
    drums: true,
    has: [[24, 25]],
  },
  {
    prompt: 'afro house with congas and kalimba',
    style: 'afro-house',
    bpm: [115, 128],
    drums: true,
    has: [108],
  },
  {
    prompt: 'christmas song with sleigh bells and glockenspiel',
    style: 'christmas',
    mode: 'major',
    bpm: [105, 140],
    drums: true,
    swing: true,
    has: [9],
  },
  { prompt: 'jingle bell rock', style: 'christmas' },
  // More styles people type (2026-12-07, second round).
  {
    prompt: 'punjabi bhangra wedding',
    style: 'bhangra',
    meter: '4/4',
    bpm: [90, 112],
    drums: true,
    swing: true,
  },
  { prompt: 'bhangra with dhol and tumbi', style: 'bhangra', drums: true, has: [105] },
  { prompt: 'carnival soca', style: 'soca', meter: '4/4', bpm: [140, 165], drums: true },
  { prompt: 'power soca with brass', style: 'soca', bpm: [140, 165], has: [61] },
  { prompt: 'merengue típico', style: 'merengue', meter: '2/4', bpm: [120, 155], drums: true, has: [21] },
  {
    prompt: 'mariachi serenade with trumpets',
    style: 'mariachi',
    meter: '3/4',
    bpm: [95, 140],
    drums: false,
    has: [56],
  },
  { prompt: 'ranchera with violins', style: 'mariachi', meter: '3/4', drums: false, has: [40] },
  { prompt: 'corridos tumbados', style: 'corridos', meter: '2/4', bpm: [100, 128], has: [25] },
  { prompt: 'norteño corrido with accordion', style: 'corridos', meter: '2/4', has: [21] },
  {
    prompt: 'sad emo rap',
    style: 'emo-rap',
    mode: 'minor',
    halfTime: true,
    drums: true,
    has: [GUITARS],
  },
  { prompt: 'cloud rap', style: 'trap', halfTime: true, bpm: [125, 155], drums: true },
  { prompt: 'hazy cloud rap with dreamy pads', style: 'trap', halfTime: true },
  // Terms that are another style's (or genre's) words.
  { prompt: 'neo-soul with rhodes', style: 'rnb', bpm: [60, 100], has: [4] },
  { prompt: 'vaporwave', style: 'synthwave' },
  { prompt: 'gregorian chant', style: 'a-cappella', drums: false, only: [52, 53, 54] },
  { prompt: 'grime beat', style: 'drill' },
  { prompt: 'emo rap', style: 'emo-rap', bpm: [135, 165] },
  { prompt: 'broadway show tune', style: 'pop' },
  { prompt: 'opera aria', style: 'classical' },
  { prompt: 'jazz hop beat', style: 'lo-fi' },
  { prompt: '90s eurodance', style: 'trance', bpm: [126, 145] },
  // Moods and tempo words on top of a style.
  { prompt: 'sad piano ballad', style: 'ballad', mode: 'minor', bpm: [50, 84], has: [0] },
  { prompt: 'dark ambient drone', style: 'ambient', mode: 'minor' },
  { prompt: 'happy pop song at 128 bpm', style: 'pop', mode: 'major', bpm: [128, 128] },
  { prompt: 'techno at 140 bpm in F minor', style: 'techno', key: 'F minor', bpm: [140, 140] },
  { prompt: 'aggressive fast rock', style: 'rock', bpm: [140, 185], drums: true },
  { prompt: 'calm folk song', style: 'folk', bpm: [60, 100] },
  { prompt: 'laid-back hip-hop beat', style: 'hip-hop', bpm: [68, 90], drums: true },
  { prompt: 'half-time drum and bass', style: 'drum-and-bass', halfTime: true, bpm: [160, 180] },
  { prompt: 'dreamy lo-fi beat, slow', style: 'lo-fi', bpm: [60, 80] },
  // Meter words.
  { prompt: 'a waltz in Bb major', style: 'waltz', meter: '3/4', key: 'A# major' },
  { prompt: 'jig in 6/8 with accordion', style: 'celtic', meter: '6/8', has: [21] },
  { prompt: 'pop song in 3/4 time', style: 'pop', meter: '3/4' },
  { prompt: 'folk ballad in 6/8', style: 'folk', meter: '6/8' },
  { prompt: 'funky shuffle with clavinet', style: 'funk', swing: true, has: [7] },
  // Named instruments replace the style's default for their role.
  { prompt: 'cinematic orchestral piece with choir and french horn', style: 'cinematic', has: [52, 60] },
  { prompt: 'electronic track with marimba and kalimba', style: 'electronic', has: [12, 108] },
  { prompt: 'jazz with vibraphone and brushes', style: 'jazz', has: [11] },
  { prompt: 'dreamy synthwave with saxophone', style: 'synthwave', has: [SAXES] },
  { prompt: 'epic trailer music with taiko drums', style: 'cinematic', has: [116] },
  { prompt: 'aggressive trap with 808 bass', style: 'trap', has: [38], drums: true },
  { prompt: 'calm piano and cello duet', has: [0, 42], drums: false, only: [0, 42] },
  { prompt: 'lo-fi hip hop with rhodes, no drums', style: 'lo-fi', drums: false, has: [4] },
  // Exclusions and restrictions.
  { prompt: 'rock song with no drums', style: 'rock', drums: false },
  {
    prompt: 'house track without vocals',
    style: 'house',
    drums: true,
    noVocals: true,
    params: { hasVocals: false },
  },
  { prompt: 'voices only, a choir singing', drums: false, only: [52, 53, 54] },
  { prompt: 'solo cello lament', drums: false, only: [42], has: [42], mode: 'minor' },
  { prompt: 'solo violin piece', drums: false, only: [40], has: [40] },
  // Explicit fields win over the prompt; numbers and keys in the prompt win over words.
  { prompt: 'reggae at 80 bpm', style: 'reggae', bpm: [80, 80] },
  {
    prompt: 'slow sad waltz on accordion',
    style: 'waltz',
    meter: '3/4',
    mode: 'minor',
    bpm: [60, 110],
    has: [21],
  },
  { prompt: 'fast techno at 100 bpm', style: 'techno', bpm: [100, 100] },
  { prompt: 'sad song in C major', key: 'C major' },
  {
    prompt: 'happy jazz at 140 bpm',
    style: 'jazz',
    bpm: [96, 96],
    key: 'A# major',
    params: { bpm: 96, key: 'A# major' },
  },
];

const PROGRAMS_HELD = 8; // notes a named instrument plays at least in the MIDI file (30 s plans)

function check(row: Row): void {
  const plan = composePlan({ prompt: row.prompt, durationSec: 30, seed: 7, ...row.params }) as ReturnType<
    typeof composePlan
  > & { style?: string; meter?: string; feel?: string };
  const where = `"${row.prompt}" → ${plan.style ?? plan.genre} ${plan.meter ?? '4/4'} ${plan.bpm} BPM ${plan.key}`;
  if (row.style) expect(plan.style, where).toBe(row.style);
  if (row.bpm) {
    expect(plan.bpm, where).toBeGreaterThanOrEqual(row.bpm[0]);
    expect(plan.bpm, where).toBeLessThanOrEqual(row.bpm[1]);
  }
  if (row.mode) expect(plan.mode, where).toBe(row.mode);
  if (row.key) expect(plan.key, where).toBe(row.key);
  if (row.meter) expect(plan.meter, where).toBe(row.meter);
  if (row.halfTime !== undefined) expect(plan.feel === 'half-time', where).toBe(row.halfTime);
  if (row.swing) expect(plan.swing, where).toBeGreaterThan(0.1);
  if (row.noVocals)
    expect(
      plan.parts.some((p) => p.stem === 'vocals'),
      where,
    ).toBe(false);

  // The plan.
  const drumNotes = plan.parts.filter((p) => p.channel === 9).reduce((n, p) => n + p.notes.length, 0);
  if (row.drums === true) expect(drumNotes, where).toBeGreaterThan(20);
  if (row.drums === false) expect(drumNotes, where).toBe(0);
  const melodic = plan.parts.filter((p) => p.channel !== 9 && p.notes.length > 0);
  // Prominent: the instrument plays in at least 60 % of the bars (a slow 30 s plan has only 8–10).
  const bars = Math.floor((plan.durationSec * plan.bpm) / 60 / plan.beatsPerBar);
  const barsPlayed = (programs: number[]): number => {
    const played = new Set<number>();
    for (const p of melodic.filter((x) => programs.includes(x.program)))
      for (const n of p.notes) played.add(Math.floor(n.startBeat / plan.beatsPerBar));
    return played.size;
  };
  for (const want of row.has ?? []) {
    const set = Array.isArray(want) ? want : [want];
    expect(barsPlayed(set), `${where}: program ${set.join('|')} plays in most bars`).toBeGreaterThanOrEqual(
      Math.ceil(0.6 * bars),
    );
  }
  if (row.only) {
    for (const p of melodic)
      expect(row.only, `${where}: ${p.id} plays program ${p.program}`).toContain(p.program);
  }

  // The MIDI file, as a DAW reads it.
  const midi = readMidi(planToMidi(plan));
  const [num, den] = midi.timeSignature;
  const compound = den === 8 && num % 3 === 0;
  const feltBpm = 60_000_000 / midi.usPerQuarter / (compound ? 1.5 : 1);
  expect(Math.abs(feltBpm - plan.bpm), `${where}: MIDI tempo ${feltBpm}`).toBeLessThan(0.5);
  if (row.meter) expect(`${num}/${den}`, where).toBe(row.meter);
  if (row.drums === true) expect(midi.percussionNotes, where).toBeGreaterThan(20);
  if (row.drums === false) expect(midi.percussionNotes, where).toBe(0);
  const channels = [...midi.channels.values()];
  for (const want of row.has ?? []) {
    const set = Array.isArray(want) ? want : [want];
    const notes = channels.filter((c) => set.includes(c.program)).reduce((n, c) => n + c.notes, 0);
    expect(notes, `${where}: MIDI program ${set.join('|')}`).toBeGreaterThanOrEqual(PROGRAMS_HELD);
  }
  if (row.only) for (const c of channels) expect(row.only, `${where}: MIDI program`).toContain(c.program);
}

describe('prompt understanding (plan and MIDI)', () => {
  it('has at least 60 prompts', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
  });
  for (const row of TABLE) {
    it(row.prompt, () => check(row));
  }
});

describe('key names with flats', () => {
  it('are read from the prompt and the explicit field alike, and spelled with sharps in the plan', () => {
    const base = { durationSec: 20, seed: 3 };
    expect(composePlan({ ...base, prompt: 'ballad in Eb minor' }).key).toBe('D# minor');
    expect(composePlan({ ...base, prompt: 'ballad in E flat major' }).key).toBe('D# major');
    expect(composePlan({ ...base, prompt: 'a waltz', key: 'Bb major' }).key).toBe('A# major');
    expect(composePlan({ ...base, prompt: 'a waltz in D minor', key: 'Gb major' }).key).toBe('F# major');
  });
});
