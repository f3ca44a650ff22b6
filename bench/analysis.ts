// Benchmark of the audio analyser (npm run bench:analysis).
//
// Accuracy on the labelled corpus (engine/src/analyze/test-support/corpus.ts: four renderers —
// FluidSynth with two SoundFonts, sox-synthesised samples, our engine — six drum feels, 4/4, 3/4
// and 6/8, 60–190 BPM, all 24 keys), split once into a tuning set (144 items; the analyser's
// constants may be chosen on it) and a held-out set (96 items, never tuned on), side by side with
// Debian's `aubio tempo` and `bpm` (bpm-tools) and with essentia.js (AGPL, dev dependency: used
// here only) on the same files in the same run; then the wall time of a full analysis of a
// 3-minute MP3 against the same peers.
//
// Renders, and the peers' readings of them (`<item>.wav.peers.json`, with their time), are cached
// under node_modules/.cache/soundfoundry-corpus/; ours is measured every run. Timings share 2 cores
// with other work: noisy.
//
// With --engine, also our own engine's renders (30 s, all 16 genres, seeds in three groups: the
// ones the metrical-level and key constants were tuned on, ones inspected while designing them,
// and untuned ones), scored by tempo within 4 % and exact key against the plan. Rendered once
// into bench/out/analysis-engine/ (delete it after engine changes).
//
// Held-out set F is the songbook (engine/src/analyze/test-support/songbook.ts): 120 items by a second,
// independently written composer, rendered by FluidSynth with TimGM6mb or FluidR3 to 30 s MP3s
// (songbook-render.ts, cached under node_modules/.cache/soundfoundry-songbook/); --songbook-tuning adds
// its 120 tuning items as another row.
//
// Held-out set G is the hymnal (engine/src/analyze/test-support/hymnal.ts): 80 items by a third,
// independently written composer (18 styles as bands, choirs, orchestras and DJs write them), rendered
// by FluidSynth with FluidR3 or TimGM6mb to 30 s MP3s (hymnal-render.ts, cached under
// node_modules/.cache/soundfoundry-hymnal/); --hymnal-tuning adds its 80 tuning items as another row.
//
// Held-out set H is the beat store (engine/src/analyze/test-support/beatstore.ts): 80 items by a fourth,
// independently written composer (23 producer styles labelled at their DAW tempo), rendered by
// FluidSynth with MuseScore General Lite or FluidR3 (with or without reverb and chorus) to 30 s MP3s
// (beatstore-render.ts); held out of the metrical-level fit; its tuning half (--beatstore-tuning adds it as a row) is in
// the key's fit since the twelfth session (fit:key --beatstore).
//
// Held-out set I is the jam tracks (engine/src/analyze/test-support/jamtracks.ts): 80 items by a fifth,
// independently written composer (20 styles of backing / play-along tracks labelled with the BPM their
// title states), rendered by spessasynth_core — not FluidSynth — with FluidR3, TimGM6mb or MuseScore
// General, its own effects and three loudness masters to 30 s MP3s (jamtracks-render.ts); never fitted
// on. Since the fifteenth session the fits may read its tuning half (--jamtracks-tuning adds it as a
// row here), through labelledJamtracksTuningHalf only; since the seventeenth it is in the metrical-level fit.
//
// Held-out set J is the MIDI archive (engine/src/analyze/test-support/midiarchive.ts): 80 items by a
// sixth, independently written composer (25 styles of General MIDI sequences as classic .mid
// collections hold them, labelled with the SMF tempo as a listener taps it), rendered by FluidSynth
// with the csound GM bank (a font no other set uses) and per-item reverb, chorus and gain to 30 s MP3s
// (midiarchive-render.ts). Its held-out half is never fitted on; since the seventeenth session its
// tuning half is in the metrical-level fit (through labelledMidiarchiveTuningHalf only);
// --midiarchive-tuning adds that half as a row.
//
// Held-out set K is the karaoke book (engine/src/analyze/test-support/karaoke.ts): 80 items by a
// seventh, independently written composer (34 styles of karaoke / cover-band GM files, labelled at the
// beat a listener taps), rendered by FluidSynth with the OPL3 FM GM font or the full MuseScore General
// (fonts no other set uses) and per-item reverb, chorus and gain to 30 s MP3s (karaoke-render.ts).
// Its held-out half is never fitted on; since the twentieth session its tuning half is in the
// metrical-level fit (through labelledKaraokeTuningHalf only); --karaoke-tuning adds that half as a row.
//
// Held-out set L is the production-music library (engine/src/analyze/test-support/library.ts): 80 items
// by an eighth, independently written composer (32 styles of stock / creator library music: trap,
// dubstep and future bass in half time, drum & bass, lo-fi, jigs, jazz waltzes, tango, drumless
// underscore and piano, …), rendered by TiMidity++ with the freepats GUS patches (a renderer and a
// sound set no other set uses) with per-item reverb, chorus, resampler and volume to 30 s MP3s
// (library-render.ts). Never fitted on; since the twentieth session the fits may read its tuning half
// (through labelledLibraryTuningHalf only, fit-metre's --lb); --library-tuning adds that half as a row.
//
// Held-out set M is the world-music atlas (engine/src/analyze/test-support/atlas.ts): 80 items by a
// ninth, independently written composer (46 regional dance and song forms: cumbia, salsa, bossa nova,
// samba, reggae one-drop, Afro-Cuban 12/8, gnawa, klezmer, polka, waltzes, tarantella, fado, tango,
// reels and jigs, bhangra, K-pop, gamelan-ish pentatonic pieces, doo-wop, metal, drumless folk, …),
// rendered by csound with an orchestra of our own (a renderer no other set uses) with per-item reverb,
// stereo width, master colour and peak level to 30 s MP3s (atlas-render.ts). Its held-out half is
// never fitted on; since the twentieth session its tuning half is in the metrical-level fit (through
// labelledAtlasTuningHalf only); --atlas-tuning adds that half as a row.
//
// Held-out set N is the live sets (engine/src/analyze/test-support/liveset.ts): 80 items by a tenth,
// independently written composer (38 styles bands play live in clubs, bars, churches and weddings:
// blues, rock'n'roll, punk, ska, reggae, soul, funk, gospel, country, bluegrass, swing, bebop, bossa,
// polka, waltzes, horas, disco, Motown, metal, drumless singer-songwriters, …) played as a live band
// does — the tempo drifting within ±2 % (labelled at its mean over the clip), pickups, count-ins and
// free-time intros, each part's own timing, quiet verses and louder choruses — rendered by TiMidity++
// with FluidR3 or TimGM6mb and a live-room master (room reflections, bus compressor, EQ tilt, noise
// floor) to 30 s MP3s (liveset-render.ts). Its held-out half is never fitted on; since the
// twenty-first session the metrical-level fit may read its tuning half (through
// labelledLivesetTuningHalf only); --liveset-tuning adds that half as a row.
//
// Held-out set O is the game soundtrack (engine/src/analyze/test-support/gamesound.ts): 80 items by an
// eleventh, independently written composer (34 styles of video-game music: platformer overworlds,
// caves, castles, JRPG town waltzes, battles and marches, 6/8 villages and jigs, shoot-'em-ups,
// drum-and-bass racers, bossa puzzles, shop shuffles, spooky mansions, underwater and snow levels,
// half-time stealth and lo-fi menus, chip-metal, FM slap funk, 12/8 hero themes, galops, …) played by
// a console synthesiser of our own (gamesound-render.ts: PolyBLEP pulses, a 4-bit triangle, LFSR
// noise drums, 2-operator FM, music-box bells; a renderer no other set uses), mastered clean, as a TV
// speaker or bit-crushed, to 30 s MP3s; never fitted on (no fit script may name it);
// --gamesound-tuning adds its tuning half as a row.
//
// Held-out set P is the concert programme (engine/src/analyze/test-support/concert.ts): 80 items by a
// twelfth, independently written composer (35 styles of orchestral, chamber, band and film music:
// adagios, chorales, hymns, barcarolles, sicilianas, nocturnes, études, quartets, concerti grossi,
// minuets, waltzes slow and Viennese, mazurkas, polonaises, scherzi, marches in 2/4, 4/4 and 6/8,
// galops, can-cans, habaneras, boleros, tarantellas, gigues, ragtime, tango, film action, fanfare,
// suspense and 12/8 epics, wind-band pop, big-band swing, minimalist pulse; more than half drumless,
// some with a ritardando at phrase ends, labelled at the mean tempo) rendered by FluidSynth with the
// full MuseScore General font, the csound GM bank or FluidR3, FluidSynth's reverb set per item and a
// concert-hall master, to 30 s MP3s (concert-render.ts); never fitted on (no fit script may name it);
// --concert-tuning adds its tuning half as a row.
//
// Held-out set Q is the rehearsal room (engine/src/analyze/test-support/bandroom.ts): 80 items by a
// thirteenth, independently written composer (29 styles of live band music: rock, shuffles, slow and
// jump 12/8 blues, train beats, bluegrass, folk waltzes, soul, Motown, gospel organ, one-drop, ska,
// punk, surf, rockabilly, boogie, funk, grunge half-time; a quarter drumless) played by a band
// synthesiser of our own (bandroom-render.ts: Karplus–Strong guitar and bass, an additive drawbar
// organ, analogue-style drums, a Freeverb-style room), to 30 s MP3s; never fitted on (no fit script may
// name it); --bandroom-tuning adds its tuning half as a row.
//
// Flags: --quick (every 4th item), --no-essentia, --speed-only, --engine, --misses (list ours),
// --shard=i/n, --no-tuning (held-out sets only), --sets=a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q (which held-out sets, in order; J–Q only when named),
// --songbook-tuning (the songbook's tuning items as a row), --hymnal-tuning (the hymnal's tuning items as a row), --beatstore-tuning (the beat store's tuning items as a row), --jamtracks-tuning (the jam tracks' tuning items as a row), --midiarchive-tuning (the MIDI archive's tuning items as a row), --karaoke-tuning (the karaoke book's tuning items as a row), --library-tuning (the production-music library's tuning items as a row), --atlas-tuning (the world-music atlas's tuning items as a row), --liveset-tuning (the live sets' tuning items as a row), --gamesound-tuning, --concert-tuning, --bandroom-tuning (the game soundtrack's, the concert programme's and the rehearsal room's tuning items as rows), --essentia-sets=c,b (essentia.js on those only), --peers-only (fill the renders and the peers' cache without running ours: prints no
// figures, so preparing a run does not look at the held-out set).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeAudio } from '../engine/src/analyze/decode.ts';
import { type AnalyzerWorker, analyzeAudio, createAnalyzerWorker } from '../engine/src/analyze/index.ts';
import { atlas } from '../engine/src/analyze/test-support/atlas.ts';
import { requireAtlasTools } from '../engine/src/analyze/test-support/atlas-render.ts';
import { writeAtomically } from '../engine/src/analyze/test-support/atomic-file.ts';
import { bandroom } from '../engine/src/analyze/test-support/bandroom.ts';
import { requireBandroomTools } from '../engine/src/analyze/test-support/bandroom-render.ts';
import { beatstore } from '../engine/src/analyze/test-support/beatstore.ts';
import { requireBeatstoreTools } from '../engine/src/analyze/test-support/beatstore-render.ts';
import { concert } from '../engine/src/analyze/test-support/concert.ts';
import { requireConcertTools } from '../engine/src/analyze/test-support/concert-render.ts';
import { corpus, heldOutB, heldOutC, heldOutD, heldOutE } from '../engine/src/analyze/test-support/corpus.ts';
import { requireCorpusTools } from '../engine/src/analyze/test-support/corpus-render.ts';
import { gamesound } from '../engine/src/analyze/test-support/gamesound.ts';
import { requireGamesoundTools } from '../engine/src/analyze/test-support/gamesound-render.ts';
import { hymnal } from '../engine/src/analyze/test-support/hymnal.ts';
import { requireHymnalTools } from '../engine/src/analyze/test-support/hymnal-render.ts';
import { jamtracks } from '../engine/src/analyze/test-support/jamtracks.ts';
import { requireJamtracksTools } from '../engine/src/analyze/test-support/jamtracks-render.ts';
import { karaoke } from '../engine/src/analyze/test-support/karaoke.ts';
import { requireKaraokeTools } from '../engine/src/analyze/test-support/karaoke-render.ts';
import {
  type LabelledItem,
  labelledAtlas,
  labelledBandroom,
  labelledBeatstore,
  labelledConcert,
  labelledCorpus,
  labelledGamesound,
  labelledHymnal,
  labelledJamtracks,
  labelledKaraoke,
  labelledLibrary,
  labelledLiveset,
  labelledMidiarchive,
  labelledSongbook,
} from '../engine/src/analyze/test-support/labelled.ts';
import { library } from '../engine/src/analyze/test-support/library.ts';
import { requireLibraryTools } from '../engine/src/analyze/test-support/library-render.ts';
import { liveset } from '../engine/src/analyze/test-support/liveset.ts';
import { requireLivesetTools } from '../engine/src/analyze/test-support/liveset-render.ts';
import {
  type FixtureSpec,
  PITCH_CLASSES,
  renderFixture,
  requireFluidSynth,
} from '../engine/src/analyze/test-support/midi-fixtures.ts';
import { midiarchive } from '../engine/src/analyze/test-support/midiarchive.ts';
import { requireMidiarchiveTools } from '../engine/src/analyze/test-support/midiarchive-render.ts';
import { mirexKeyScore, tempoAccuracy1, tempoAccuracy2 } from '../engine/src/analyze/test-support/scores.ts';
import { songbook } from '../engine/src/analyze/test-support/songbook.ts';
import { requireSongbookTools } from '../engine/src/analyze/test-support/songbook-render.ts';
import { requireTool } from '../engine/src/dsp/test-support.ts';
import { GENRES, type Genre } from '../engine/src/types.ts';
import { ENGINE_SEED_GROUPS, engineItem } from './analysis-engine-renders.ts';
import { aubioFileTempo, bpmToolsFileTempo } from './peer-tempo.ts';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outDir = join(root, 'bench', 'out', 'analysis');
const quick = process.argv.includes('--quick');
const withEssentia = !process.argv.includes('--no-essentia');
const speedOnly = process.argv.includes('--speed-only');
const withEngine = process.argv.includes('--engine');
const listMisses = process.argv.includes('--misses');
const peersOnly = process.argv.includes('--peers-only');
// --no-tuning: the held-out sets only (the tuning set's peers are the same every session).
const noTuning = process.argv.includes('--no-tuning');
// --sets=e,d,c,b,a: which held-out sets (A: the corpus split, B: seed 7373, C: seed 8484, D: seed 9595,
// E: seed 7171, F: the songbook's held-out half, G: the hymnal's held-out half, H: the beat store's
// held-out half, I: the jam tracks' held-out half; J: the MIDI archive's, K: the karaoke book's and
// L: the production-music library's, M: the world-music atlas's, N: the live sets', O: the game soundtrack's, P: the concert programme's and Q: the rehearsal room's held-out halves, only when named), in that order (lets --peers-only fill set E's cache first); the
// first nine by default.
const setsArg = (
  process.argv.find((a) => a.startsWith('--sets='))?.slice('--sets='.length) ?? 'a,b,c,d,e,f,g,h,i'
)
  .toLowerCase()
  .split(',');
// --essentia-sets=c,b: run essentia.js (20–35 s an item on a loaded host) on those held-out sets
// only, when its cache for the others could not be filled in time (all by default).
const essentiaSets = process.argv
  .find((a) => a.startsWith('--essentia-sets='))
  ?.slice('--essentia-sets='.length)
  .toLowerCase()
  .split(',');
// --shard=i/n: only every n-th item from the i-th (fills the peers' cache from parallel processes).
const shardArg = process.argv.find((a) => a.startsWith('--shard='))?.slice('--shard='.length);
const [shardIndex, shardCount] = shardArg ? shardArg.split('/').map(Number) : [0, 1];

interface Estimate {
  bpm: number | null;
  keyPc: number | null;
  mode: string | null;
  ms: number;
  /** Ours only: the other metrical readings (bpm_alternatives), shown with --misses. */
  alternatives?: { bpm: number; weight: number }[];
  /** Ours only: the other keys offered (key_alternatives). */
  keyAlternatives?: { keyPc: number; mode: string; weight: number }[];
}

type Peer = 'soundfoundry' | 'aubio' | 'bpm-tools' | 'essentia.js';

// ---------------------------------------------------------------- peers

function aubioTempo(path: string): Estimate {
  const t = performance.now();
  const bpm = aubioFileTempo(path);
  return { bpm, keyPc: null, mode: null, ms: performance.now() - t };
}

function bpmTools(path: string): Estimate {
  const t = performance.now();
  const bpm = bpmToolsFileTempo(path);
  return { bpm, keyPc: null, mode: null, ms: performance.now() - t };
}

interface EssentiaVector {
  delete(): void;
}
interface EssentiaApi {
  arrayToVector(a: Float32Array): EssentiaVector;
  RhythmExtractor2013(
    v: EssentiaVector,
    maxTempo: number,
    method: string,
    minTempo: number,
  ): Record<string, unknown>;
  KeyExtractor(v: EssentiaVector, ...args: unknown[]): { key: string; scale: string; strength: number };
}

let essentiaInstance: EssentiaApi | null = null;
function essentia(): EssentiaApi {
  if (!essentiaInstance) {
    const require = createRequire(join(root, 'engine', 'package.json'));
    const ess = require('essentia.js');
    essentiaInstance = new ess.Essentia(ess.EssentiaWASM) as EssentiaApi;
  }
  return essentiaInstance;
}

const FLAT_TO_SHARP: Record<string, string> = { Db: 'C#', Eb: 'D#', Gb: 'F#', Ab: 'G#', Bb: 'A#' };

/** essentia.js on our decode of the file (its own decoding is not available in Node). */
async function essentiaEstimate(path: string): Promise<Estimate> {
  const decoded = await decodeAudio(new Uint8Array(readFileSync(path)), {
    maxDurationSec: 900,
    deadlineMs: 1e12,
  });
  const [l, r] = [decoded.channels[0]!, decoded.channels[1] ?? decoded.channels[0]!];
  const mono = new Float32Array(l.length);
  for (let i = 0; i < mono.length; i++) mono[i] = 0.5 * (l[i]! + r[i]!);
  const e = essentia();
  const t = performance.now();
  const v = e.arrayToVector(mono);
  const rhythm = e.RhythmExtractor2013(v, 220, 'multifeature', 50);
  const key = e.KeyExtractor(
    v,
    true,
    4096,
    4096,
    12,
    3500,
    60,
    25,
    0.2,
    'bgate',
    decoded.sampleRate,
    0.0001,
    440,
    'cosine',
    'hann',
  );
  const ms = performance.now() - t;
  for (const value of Object.values(rhythm)) (value as Partial<EssentiaVector>)?.delete?.();
  v.delete();
  const tonic = FLAT_TO_SHARP[key.key] ?? key.key;
  return {
    bpm: Number(rhythm.bpm),
    keyPc: PITCH_CLASSES.indexOf(tonic as (typeof PITCH_CLASSES)[number]),
    mode: key.scale,
    ms,
  };
}

async function ours(path: string): Promise<Estimate> {
  const bytes = new Uint8Array(readFileSync(path));
  const t = performance.now();
  const a = await analyzeAudio(bytes);
  const ms = performance.now() - t;
  return {
    bpm: a.bpm,
    keyPc: PITCH_CLASSES.indexOf(a.key),
    mode: a.mode,
    ms,
    alternatives: a.bpm_alternatives,
    keyAlternatives: a.key_alternatives.map((k) => ({
      keyPc: PITCH_CLASSES.indexOf(k.key),
      mode: k.mode,
      weight: k.weight,
    })),
  };
}

// ---------------------------------------------------------------- accuracy

interface Row {
  peer: Peer;
  items: number;
  acc1: number;
  acc2: number;
  key: number | null;
  /** Ours only: the share of items whose labelled key is the reading or one of key_alternatives. */
  keyOffered: number | null;
  meanMs: number;
}

async function evaluate(items: LabelledItem[], label: string, essentiaHere = true): Promise<Row[]> {
  const peers: Peer[] = [
    ...(peersOnly ? [] : (['soundfoundry'] as const)),
    'aubio',
    'bpm-tools',
    ...(withEssentia && essentiaHere ? (['essentia.js'] as const) : []),
  ];
  const sums = new Map<
    Peer,
    {
      acc1: number;
      acc2: number;
      key: number;
      keyN: number;
      keyOffered: number;
      keyOfferedN: number;
      ms: number;
    }
  >();
  for (const p of peers)
    sums.set(p, { acc1: 0, acc2: 0, key: 0, keyN: 0, keyOffered: 0, keyOfferedN: 0, ms: 0 });
  const misses: string[] = [];
  let done = 0;
  for (const item of items) {
    const rendered = await item.render();
    const { path } = rendered;
    // The peers' readings of an item never change: kept beside the render (with their time).
    const peerCachePath = `${path}.peers.json`;
    const peerCache: Partial<Record<Peer, Estimate>> = existsSync(peerCachePath)
      ? JSON.parse(readFileSync(peerCachePath, 'utf8'))
      : {};
    for (const peer of peers) {
      const est =
        peer === 'soundfoundry'
          ? await ours(path)
          : (peerCache[peer] ??
            (peer === 'aubio'
              ? aubioTempo(path)
              : peer === 'bpm-tools'
                ? bpmTools(path)
                : await essentiaEstimate(path)));
      if (peer !== 'soundfoundry') peerCache[peer] = est;
      const s = sums.get(peer)!;
      const ok1 = est.bpm !== null && tempoAccuracy1(rendered.bpm, est.bpm);
      s.acc1 += Number(ok1);
      s.acc2 += Number(est.bpm !== null && tempoAccuracy2(rendered.bpm, est.bpm));
      s.ms += est.ms;
      let keyScore = 1;
      if (est.keyPc !== null && est.mode !== null) {
        keyScore = mirexKeyScore(rendered.tonicPc, rendered.mode, est.keyPc, est.mode);
        s.key += keyScore;
        s.keyN++;
        if (est.keyAlternatives) {
          const labelled = (pc: number, mode: string) => pc === rendered.tonicPc && mode === rendered.mode;
          s.keyOffered += Number(
            labelled(est.keyPc, est.mode) || est.keyAlternatives.some((k) => labelled(k.keyPc, k.mode)),
          );
          s.keyOfferedN++;
        }
      }
      if (peer === 'soundfoundry' && (!ok1 || keyScore < 1)) {
        misses.push(
          `${item.id} (${rendered.bpm} BPM, ${item.mode === 'minor' ? `${item.minorKind} ` : ''}${PITCH_CLASSES[rendered.tonicPc]} ${rendered.mode}): ${est.bpm} BPM (or ${est.alternatives?.map((a) => `${a.bpm} (${a.weight})`).join(', ') || '—'}), ${PITCH_CLASSES[est.keyPc!]} ${est.mode} (or ${est.keyAlternatives?.map((k) => `${PITCH_CLASSES[k.keyPc]} ${k.mode} (${k.weight})`).join(', ') || '—'})`,
        );
      }
    }
    writeFileSync(peerCachePath, JSON.stringify(peerCache));
    done++;
    process.stderr.write(`\r${label}: ${done}/${items.length}`);
  }
  process.stderr.write('\n');
  if (listMisses && misses.length) console.log(`${label} — SoundFoundry misses:\n  ${misses.join('\n  ')}`);
  return peers.map((peer) => {
    const s = sums.get(peer)!;
    return {
      peer,
      items: items.length,
      acc1: s.acc1 / items.length,
      acc2: s.acc2 / items.length,
      key: s.keyN ? s.key / s.keyN : null,
      keyOffered: s.keyOfferedN ? s.keyOffered / s.keyOfferedN : null,
      meanMs: s.ms / items.length,
    };
  });
}

// ---------------------------------------------------------------- speed

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function speed(): Promise<{ peer: string; ms: number; note: string }[]> {
  // A 3-minute arrangement: 90 bars at 120 BPM, rendered by FluidSynth, encoded by LAME.
  const spec: FixtureSpec = {
    id: 'speed-3min-120bpm-E-minor',
    bpm: 120,
    tonicPc: 4,
    mode: 'minor',
    drums: 'backbeat',
    programs: { bass: 33, chords: 0, melody: 73 },
    bars: 90,
    seed: 42,
  };
  const wav = renderFixture(spec, outDir);
  const mp3 = join(outDir, `${spec.id}.mp3`);
  // Encoded under this process's own name, then renamed (shards run this side by side).
  if (!existsSync(mp3))
    writeAtomically(mp3, (tmp) =>
      execFileSync('ffmpeg', [
        '-y',
        '-loglevel',
        'error',
        '-i',
        wav,
        '-c:a',
        'libmp3lame',
        '-b:a',
        '192k',
        tmp,
      ]),
    );
  const bytes = new Uint8Array(readFileSync(mp3));
  const runs = 5;
  const oursMs: number[] = [];
  const oursCpuMs: number[] = [];
  await analyzeAudio(bytes); // first call loads the MP3 decoder's WASM
  let last = await analyzeAudio(bytes);
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    last = await analyzeAudio(bytes);
    const used = process.cpuUsage(cpu);
    oursMs.push(performance.now() - t);
    oursCpuMs.push((used.user + used.system) / 1000);
  }
  const rows = [
    {
      peer: 'soundfoundry (decode + tempo + key + loudness + energy)',
      ms: median(oursMs),
      note: `median of ${runs}; CPU time ${median(oursCpuMs).toFixed(0)} ms; ${last.duration_s} s, ${last.bpm} BPM, ${last.key} ${last.mode}`,
    },
  ];
  rows.push(...(await throughServerWorker(mp3)));
  rows.push({
    peer: 'aubio tempo (tempo only)',
    ms: median([0, 1, 2].map(() => aubioTempo(mp3).ms)),
    note: 'median of 3',
  });
  rows.push({
    peer: 'sox → bpm (bpm-tools, tempo only)',
    ms: median([0, 1, 2].map(() => bpmTools(mp3).ms)),
    note: 'median of 3, includes sox MP3 decode',
  });
  if (withEssentia) {
    const e = await essentiaEstimate(mp3);
    rows.push({
      peer: 'essentia.js RhythmExtractor2013 + KeyExtractor',
      ms: e.ms,
      note: 'one run, decode not included',
    });
  }
  return rows;
}

/**
 * The same MP3 through the analyser worker as the server makes it (runtime.ts), and a 48 kHz copy
 * whose PCM (> 64 MB) ends its thread after each job: uploads arrive apart, so each job follows
 * 2 s of idle time, in which a replacement thread gets ready (prewarm) or not (prewarm: false).
 */
async function throughServerWorker(mp3: string): Promise<{ peer: string; ms: number; note: string }[]> {
  const mp3At48k = mp3.replace(/\.mp3$/, '-48k.mp3');
  if (!existsSync(mp3At48k)) {
    execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', mp3, '-ar', '48000', '-b:a', '192k', mp3At48k]);
  }
  const bytes44 = new Uint8Array(readFileSync(mp3));
  const bytes48 = new Uint8Array(readFileSync(mp3At48k));
  const idle = () => new Promise((r) => setTimeout(r, 2000));
  const timed = async (w: AnalyzerWorker, bytes: Uint8Array) => {
    const t = performance.now();
    await w.analyze(bytes);
    return performance.now() - t;
  };
  const w44 = createAnalyzerWorker({ maxOldGenerationSizeMb: 512 });
  const on = createAnalyzerWorker({ maxOldGenerationSizeMb: 512 });
  const off = createAnalyzerWorker({ maxOldGenerationSizeMb: 512, prewarm: false });
  try {
    const cold = await timed(w44, bytes44);
    const warm: number[] = [];
    for (let i = 0; i < 4; i++) warm.push(await timed(w44, bytes44));
    // Each 48 kHz worker's first job is cold for both; then alternate so load drift hits both.
    await timed(on, bytes48);
    await timed(off, bytes48);
    const msOn: number[] = [];
    const msOff: number[] = [];
    for (let i = 0; i < 4; i++) {
      await idle();
      msOn.push(await timed(on, bytes48));
      await idle();
      msOff.push(await timed(off, bytes48));
    }
    const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
    return [
      {
        peer: "server's analyser worker (createAnalyzerWorker), 44.1 kHz",
        ms: median(warm),
        note: `median of 4 after the first (cold) ${cold.toFixed(0)} ms`,
      },
      {
        peer: "server's analyser worker, 48 kHz copy (thread recycled after each job), prewarm",
        ms: median(msOn),
        note: `each after 2 s idle: ${list(msOn)} ms; threads started ${on.threadsStarted()}`,
      },
      {
        peer: "server's analyser worker, 48 kHz copy, prewarm: false (baseline)",
        ms: median(msOff),
        note: `each after 2 s idle: ${list(msOff)} ms; threads started ${off.threadsStarted()}`,
      },
    ];
  } finally {
    await Promise.all([w44.close(), on.close(), off.close()]);
  }
}

// ---------------------------------------------------------------- engine renders

async function engineRenders(): Promise<void> {
  console.log("\n## Our engine's renders (30 s, 16 genres; plan tempo within 4 %, exact key)\n");
  console.log('| seeds | items | tempo Acc1 | key exact | misses |');
  console.log('|---|---|---|---|---|');
  for (const [group, seeds] of ENGINE_SEED_GROUPS) {
    let tempoOk = 0;
    let keyOk = 0;
    const misses: string[] = [];
    for (const seed of seeds) {
      for (const genre of GENRES) {
        const item = await engineItem(genre as Genre, seed);
        const a = await analyzeAudio(new Uint8Array(readFileSync(item.path)));
        const okTempo = Math.abs(a.bpm / item.bpm - 1) <= 0.04;
        const okKey = `${a.key} ${a.mode}` === item.key;
        tempoOk += Number(okTempo);
        keyOk += Number(okKey);
        if (!okTempo) misses.push(`${genre} ${seed}: ${a.bpm} for ${item.bpm} BPM`);
        if (!okKey) misses.push(`${genre} ${seed}: ${a.key} ${a.mode} for ${item.key}`);
        process.stderr.write(`\rengine ${group}: ${genre} ${seed}          `);
      }
    }
    const n = seeds.length * GENRES.length;
    console.log(
      `| ${group} (${seeds.join(', ')}) | ${n} | ${pct(tempoOk / n)} | ${pct(keyOk / n)} | ${misses.join('; ') || '—'} |`,
    );
  }
  process.stderr.write('\n');
}

// ---------------------------------------------------------------- main

function pct(x: number | null): string {
  return x === null ? '—' : x.toFixed(3);
}

async function main(): Promise<void> {
  requireFluidSynth();
  requireCorpusTools();
  requireSongbookTools();
  requireHymnalTools();
  requireBeatstoreTools();
  requireJamtracksTools();
  requireMidiarchiveTools();
  requireKaraokeTools();
  requireLibraryTools();
  requireAtlasTools();
  requireLivesetTools();
  requireGamesoundTools();
  requireConcertTools();
  requireBandroomTools();
  requireTool('ffmpeg', 'ffmpeg');
  requireTool('aubio', 'aubio-tools');
  requireTool('bpm', 'bpm-tools');
  requireTool('sox', 'sox libsox-fmt-mp3');
  mkdirSync(outDir, { recursive: true });
  const pick = <T>(items: T[]) =>
    items.filter((_, i) => (!quick || i % 4 === 0) && i % shardCount! === shardIndex);
  const all = pick(corpus());
  const tuning = labelledCorpus(noTuning ? [] : all.filter((it) => it.set === 'tuning'));
  const heldOut = labelledCorpus(all.filter((it) => it.set === 'held-out'));
  // Held-out set B (corpus.ts heldOutB: sixth session, seed 7373), measured beside the first.
  const heldOutSetB = labelledCorpus(pick(heldOutB()));
  // Held-out set C (corpus.ts heldOutC: seventh session, seed 8484, defined before its tuning).
  const heldOutSetC = labelledCorpus(pick(heldOutC()));
  // The other composers, each split by its own fixed rule (songbook.ts, hymnal.ts, beatstore.ts,
  // jamtracks.ts) and picked within each half: the held-out half is a set (F, G, H, I);
  // --<name>-tuning adds the other half as a row too.
  type Half = 'tuning' | 'held-out';
  const half =
    <T extends { set: Half }>(items: () => T[], labelled: (items: T[]) => LabelledItem[]) =>
    (set: Half) =>
      labelled(pick(items().filter((it) => it.set === set)));
  const otherComposers = [
    {
      set: 'f',
      flag: '--songbook-tuning',
      heldOut: 'songbook held-out (second composer, TimGM6mb/FluidR3 MP3)',
      tuning: 'songbook tuning (second composer, TimGM6mb/FluidR3 MP3)',
      peers: 'songbook tuning (peers)',
      half: half(songbook, labelledSongbook),
    },
    {
      set: 'g',
      flag: '--hymnal-tuning',
      heldOut: 'hymnal held-out (third composer, FluidR3/TimGM6mb MP3)',
      tuning: 'hymnal tuning (third composer, FluidR3/TimGM6mb MP3)',
      peers: 'hymnal tuning (peers)',
      half: half(hymnal, labelledHymnal),
    },
    {
      set: 'h',
      flag: '--beatstore-tuning',
      heldOut: 'beat store held-out (fourth composer, MuseScore/FluidR3 MP3)',
      tuning: 'beat store tuning (fourth composer, in the key and metre fits; MuseScore/FluidR3 MP3)',
      peers: 'beat store tuning (peers)',
      half: half(beatstore, labelledBeatstore),
    },
    {
      set: 'i',
      flag: '--jamtracks-tuning',
      heldOut: 'jam tracks held-out (fifth composer, never fitted on; spessasynth MP3)',
      tuning: 'jam tracks tuning (fifth composer, in the metre fit; spessasynth MP3)',
      peers: 'jam tracks tuning (peers)',
      half: half(jamtracks, labelledJamtracks),
    },
    {
      set: 'j',
      flag: '--midiarchive-tuning',
      heldOut: 'MIDI archive held-out (sixth composer, never fitted on; FluidSynth + csound GM MP3)',
      tuning: 'MIDI archive tuning (sixth composer, in the metre fit; FluidSynth + csound GM MP3)',
      peers: 'MIDI archive tuning (peers)',
      half: half(midiarchive, labelledMidiarchive),
    },
    {
      set: 'k',
      flag: '--karaoke-tuning',
      heldOut:
        'karaoke book held-out (seventh composer, never fitted on; FluidSynth + OPL3 FM / MuseScore General MP3)',
      tuning:
        'karaoke book tuning (seventh composer, in the metre fit; FluidSynth + OPL3 FM / MuseScore General MP3)',
      peers: 'karaoke book tuning (peers)',
      half: half(karaoke, labelledKaraoke),
    },
    {
      set: 'l',
      flag: '--library-tuning',
      heldOut:
        'production-music library held-out (eighth composer, never fitted on; TiMidity++ + freepats MP3)',
      tuning: 'production-music library tuning (eighth composer, never fitted on; TiMidity++ + freepats MP3)',
      peers: 'production-music library tuning (peers)',
      half: half(library, labelledLibrary),
    },
    {
      set: 'm',
      flag: '--atlas-tuning',
      heldOut: 'world-music atlas held-out (ninth composer, never fitted on; csound MP3)',
      tuning: 'world-music atlas tuning (ninth composer, in the metre fit; csound MP3)',
      peers: 'world-music atlas tuning (peers)',
      half: half(atlas, labelledAtlas),
    },
    {
      set: 'n',
      flag: '--liveset-tuning',
      heldOut:
        'live sets held-out (tenth composer, never fitted on; TiMidity++ + GM SoundFont, live-room MP3)',
      tuning: 'live sets tuning (tenth composer, never fitted on; TiMidity++ + GM SoundFont, live-room MP3)',
      peers: 'live sets tuning (peers)',
      half: half(liveset, labelledLiveset),
    },
    {
      set: 'o',
      flag: '--gamesound-tuning',
      heldOut: 'game soundtrack held-out (eleventh composer, never fitted on; our console synth MP3)',
      tuning: 'game soundtrack tuning (eleventh composer, never fitted on; our console synth MP3)',
      peers: 'game soundtrack tuning (peers)',
      half: half(gamesound, labelledGamesound),
    },
    {
      set: 'p',
      flag: '--concert-tuning',
      heldOut:
        'concert programme held-out (twelfth composer, never fitted on; FluidSynth + MuseScore General Full / csound GM / FluidR3 MP3)',
      tuning:
        'concert programme tuning (twelfth composer, never fitted on; FluidSynth + MuseScore General Full / csound GM / FluidR3 MP3)',
      peers: 'concert programme tuning (peers)',
      half: half(concert, labelledConcert),
    },
    {
      set: 'q',
      flag: '--bandroom-tuning',
      heldOut: 'rehearsal room held-out (thirteenth composer, never fitted on; our band synth MP3)',
      tuning: 'rehearsal room tuning (thirteenth composer, never fitted on; our band synth MP3)',
      peers: 'rehearsal room tuning (peers)',
      half: half(bandroom, labelledBandroom),
    },
  ];
  const tuningRows = otherComposers
    .filter((c) => process.argv.includes(c.flag))
    .map((c) => ({ ...c, items: c.half('tuning') }));
  const heldOutSets: Record<string, [string, LabelledItem[]]> = {
    a: ['held-out set', heldOut],
    b: ['held-out set B', heldOutSetB],
    c: ['held-out set C', heldOutSetC],
    d: ['held-out set D', labelledCorpus(pick(heldOutD()))],
    e: ['held-out set E', labelledCorpus(pick(heldOutE()))],
    ...Object.fromEntries(otherComposers.map((c) => [c.set, [c.heldOut, c.half('held-out')] as const])),
  };
  const chosen = setsArg
    .filter((k) => heldOutSets[k] !== undefined)
    .map((k) => [...heldOutSets[k]!, essentiaSets?.includes(k) ?? true] as const);
  const t0 = performance.now();
  if (peersOnly) {
    for (const [label, items, ess] of chosen) await evaluate(items, `${label} (peers)`, ess);
    await evaluate(tuning, 'tuning set (peers)');
    for (const row of tuningRows) await evaluate(row.items, row.peers);
    return;
  }
  const results: [string, Row[]][] = [];
  if (!speedOnly) {
    if (tuning.length) results.push(['tuning set', await evaluate(tuning, 'tuning set')]);
    for (const row of tuningRows) results.push([row.tuning, await evaluate(row.items, row.tuning)]);
    for (const [label, items, ess] of chosen) results.push([label, await evaluate(items, label, ess)]);
  }
  console.log(
    '\n## Accuracy (labelled corpus: FluidSynth × 2 SoundFonts, sox, engine; 6 feels, 4/4 3/4 6/8, 60–190 BPM, 24 keys)\n',
  );
  console.log(
    '| set | analyser | items | tempo Acc1 (±4 %) | tempo Acc2 (×2, ×½, ×3, ×⅓) | key MIREX score | key: label read or offered | mean time / item |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [set, rows] of results) {
    for (const r of rows) {
      console.log(
        `| ${set} | ${r.peer} | ${r.items} | ${pct(r.acc1)} | ${pct(r.acc2)} | ${pct(r.key)} | ${pct(r.keyOffered)} | ${r.meanMs.toFixed(0)} ms |`,
      );
    }
  }
  console.log('\n## Speed: a 3-minute MP3 (192 kbps, FluidSynth render encoded with LAME)\n');
  console.log('| analyser | wall time | note |');
  console.log('|---|---|---|');
  for (const r of await speed()) console.log(`| ${r.peer} | ${r.ms.toFixed(0)} ms | ${r.note} |`);
  if (withEngine) await engineRenders();
  console.log(
    `\nTargets: held-out Acc1 ≥ 0.95, key ≥ 0.90, 3-min MP3 ≤ 1000 ms. Timings are noisy: 2 shared cores. Total ${((performance.now() - t0) / 1000).toFixed(0)} s.`,
  );
}

await main();
