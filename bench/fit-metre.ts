// Fits the metrical-level weights (engine/src/analyze/metre.ts, METRE_WEIGHTS) on TUNING material
// only, and cross-validates them (npm run fit:metre).
//
// Material: the corpus's tuning set (test-support/corpus.ts), the extra tuning corpus
// (extraTuningCorpus), the engine's 30 s renders on the seeds bench/analysis.ts lists as tuned on
// and inspected, and the older FluidSynth tuning set (midi-fixtures.ts labelledSet(48, 8)). Never
// the corpus's held-out set, nor the engine's untuned seeds.
//
// Model: multinomial logistic regression over each item's candidate levels (the comb's winner
// and its ×2, ×½, ×3, ×⅓, ×3⁄2, ×2⁄3 relatives; the labelled one is the level within 4 % of the
// label), features standardised, L2 penalty λ·|w|², plain gradient descent. λ is chosen by 4-fold
// cross-validation (items shuffled once with a fixed seed); the weights printed are refitted on
// everything with that λ, in raw feature units (the standardisation's offsets cancel inside
// an item's softmax). `logPrior` is held at 0: the prior stays the published one inside `comb`.
// With --rounds, gradient-boosted trees (metre-boost.ts) are fitted on top of the linear score
// inside the same folds; the printed METRE_TREES go into metre.ts with the printed weights.
//
// Onset envelopes are cached in bench/out/metre-fit/ (delete after changing onsetEnvelope), so a
// refit after a feature change costs only the features.
//
// Flags: --current (also score METRE_WEIGHTS as they are), --lambda=x (skip the search), --reverse,
// --cached-only, --misses, --untrained=id-prefix, --without=feature,feature; --rounds=a,b,c and --depth=d,e (boosted trees on top
// of the linear score, metre-boost.ts: cross-validated at each round count and depth; the trees
// printed use the largest round count and the first depth), --eta, --leaf-l2, --min-hessian,
// --fold-seed=n (another shuffle of the folds, to see how much a count owes to one split),
// --loco (leave one composer out instead of folds: see leaveOneComposerOut),
// --compare=a,b (cross-validate without and with those features on the same items and folds),
// --guard (40 synthetic guard items: click tracks, clicks over chords, unpitched drum loops),
// --x6 (the sixth tuning batch, seed 6262, not in the committed fit), --songbook, --hymnal,
// --beatstore, --jam, --ma, --kk, --lb, --at, --lv (the other composers' tuning halves); --relatives=3/4,4/3
// (ratios weighed besides RELATIVES), --emit=path (the final fit as a MetreTuning JSON, for judge-levels).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FEATURES,
  type Feature,
  levelCandidates,
  levelFeatures,
  METRE_TREES,
  METRE_WEIGHTS,
  type MetreTree,
  RELATIVES,
} from '../engine/src/analyze/metre.ts';
import { rms } from '../engine/src/analyze/signal.ts';
import {
  localBest,
  type OnsetEnvelope,
  onsetEnvelope,
  scanTempi,
  tempoEvidence,
} from '../engine/src/analyze/tempo.ts';
import {
  extraTuningCorpus,
  mulberry32,
  sixthTuningBatch,
} from '../engine/src/analyze/test-support/corpus.ts';
import { requireCorpusTools } from '../engine/src/analyze/test-support/corpus-render.ts';
import {
  KEY_FIT_TUNING_HALVES,
  type LabelledItem,
  labelledAtlasTuningHalf,
  labelledCorpus,
  labelledJamtracksTuningHalf,
  labelledKaraokeTuningHalf,
  labelledLibraryTuningHalf,
  labelledLivesetTuningHalf,
  labelledMidiarchiveTuningHalf,
} from '../engine/src/analyze/test-support/labelled.ts';
import { labelledSet, renderFixture } from '../engine/src/analyze/test-support/midi-fixtures.ts';
import { chordProgression, clickTrack } from '../engine/src/analyze/test-support/signals.ts';
import { encodeWav } from '../engine/src/dsp/test-support.ts';
import { GENRES } from '../engine/src/types.ts';
import { ENGINE_SEED_GROUPS, engineItem } from './analysis-engine-renders.ts';
import { lowSignalOf } from './low-signal.ts';
import { asMetreTrees, type BoostItem, boost, evalTree, type Tree } from './metre-boost.ts';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cacheDir = join(root, 'bench', 'out', 'metre-fit');
const fixtureDir = join(root, 'bench', 'out', 'metre-fit', 'fluidsynth-48');
const lambdaArg = process.argv.find((a) => a.startsWith('--lambda='))?.slice('--lambda='.length);
const scoreCurrent = process.argv.includes('--current');
// --reverse: walk the material from the end (a second process fills the envelope cache from there).
const reverse = process.argv.includes('--reverse');
// --cached-only: fit on the items whose envelopes are cached (a quick look while renders run).
const cachedOnly = process.argv.includes('--cached-only');
// --misses: list the cross-validated misses of the boosted score (first depth, most rounds).
const showMisses = process.argv.includes('--misses');
// --untrained=prefix: items whose id starts with it are scored in their folds but never trained
// on (what does adding that material to the fit buy on the same test folds?), nor by the final fit.
const untrainedPrefix = process.argv.find((a) => a.startsWith('--untrained='))?.slice('--untrained='.length);
const untrained = (e: { id: string }) => untrainedPrefix !== undefined && e.id.startsWith(untrainedPrefix);

interface Source {
  source: string;
  id: string;
  bpm: number;
  path: () => Promise<string>;
}

// --x6: add the sixth batch (corpus.ts sixthTuningBatch: ninth session, not in the committed fit).
const withSixth = process.argv.includes('--x6');
// --songbook: add the songbook's TUNING half (test-support/songbook.ts: a second composer, tenth
// session; ids sb-). With --untrained=sb- it is scored in its folds but never trained on: how the
// fit on our own composer's material carries to another's.
const withSongbook = process.argv.includes('--songbook');
// --hymnal: add the hymnal's TUNING half (test-support/hymnal.ts: a third composer; ids hy-), as
// --songbook does; with --untrained=hy- it is scored in its folds but never trained on.
const withHymnal = process.argv.includes('--hymnal');
// --beatstore: add the beat store's TUNING half (test-support/beatstore.ts: a fourth composer,
// eleventh session, ids bs-), as --songbook does. Its held-out half is set H of bench:analysis.
// Thirteenth session's rule (written before the refit below is scored on anything): the twelfth
// session's leave-one-composer-out test (the other three's sum 695 → 699, the hymnal 70 → 68) left
// it out on the hymnal's −2. A composer that no fit has read now arbitrates instead: the fifth
// composer's TUNING half (80 items; read by bench:analysis, never by this file), which becomes a
// validation half — its held-out half (set I) stays unread until the choice is made. The beat
// store joins if the refit (`--songbook --hymnal --guard --beatstore --lambda=0.03 --rounds=100
// --depth=3 --no-split=pitch`, fitted on all) reads ≥ 3 more of those 80 at the labelled tempo
// (Acc1) than the committed fit (68 of 80 last session; both read in the same run), and the tempo,
// metre, motion, beats and engine-tempo tests pass. Either way sets A–I are then read once, and the
// held-out floors in engine/src/analyze/held-out/ follow what is measured, whichever way it moves.
const withBeatstore = process.argv.includes('--beatstore');
// --jam: add the fifth composer's TUNING half (80 backing tracks rendered by spessasynth, ids jt-;
// read through labelledJamtracksTuningHalf, the only way this file may name it: its held-out half is
// set I and is never fitted on).
// Fifteenth session's rule (written and committed before either refit below is scored on anything):
// a sixth composer, the MIDI archive (set J: written blind, read by no fit and by no session before
// this rule), arbitrates. Its TUNING half (80 items) becomes a validation half; its held-out half
// stays unread until the choice is made. Two candidates, each refitted on all its material with the
// committed settings (`--songbook --hymnal --guard --lambda=0.03 --rounds=100 --depth=3
// --no-split=pitch` plus the flags named): (a) `--beatstore`, (b) `--beatstore --jam`. The candidate
// that reads more of those 80 at the labelled tempo (Acc1) replaces METRE_WEIGHTS and METRE_TREES if
// it reads ≥ 3 more than the committed fit (both read by bench:analysis on the same machine in the
// same hour), and the tempo, metre, motion, beats and engine-tempo tests pass. Either way the
// held-out sets, J's included, are then read once, and the held-out floors in engine/src/analyze/held-out/ follow
// what is measured, whichever way it moves.
const withJam = process.argv.includes('--jam');
// --ma: add the sixth composer's TUNING half (80 MIDI archive files rendered by FluidSynth with the
// csound GM bank, ids ma-; read through labelledMidiarchiveTuningHalf, the only way this file may
// name it: its held-out half is set J and is never fitted on).
// Seventeenth session's rule (written and committed before either refit below is scored on
// anything): a seventh composer, the karaoke book (set K: written blind this session, read by no fit
// and by no analyser run before this rule), arbitrates. Its TUNING half (80 items) becomes a
// validation half; its held-out half stays unread until the choice is made. The MIDI archive's
// tuning half — the sixth composer, whose held-out readings (set J) miss the issue's kind of piece:
// half-time shuffles and fast drumless strumming read at half tempo — may now be trained on. Two
// candidates, each refitted on all its material with the committed settings (`--songbook --hymnal
// --guard --lambda=0.03 --rounds=100 --depth=3 --no-split=pitch` plus the flags named): (a) `--ma`,
// (b) `--ma --beatstore --jam` (every composer's tuning half). The candidate that reads more of K's
// tuning half at the labelled tempo (Acc1) replaces METRE_WEIGHTS and METRE_TREES if it reads ≥ 3
// more than the committed fit (both read by bench:analysis on the same machine in the same hour),
// and the tempo, metre, motion, beats and engine-tempo tests pass. Either way the held-out sets, J's
// and K's included, are then read once, and the held-out floors in engine/src/analyze/held-out/ follow what is
// measured, whichever way it moves.
// Result (same machine, 07:42–07:52): the karaoke book's tuning half read 69 of 80 with the committed
// fit, 68 with (a) (cross-validated 869/960 on fold seed 4; mends a half-time groove at 150, breaks
// two piano ballads at 70–72 read at double), **74 with (b)** (1029/1120; mends two piano ballads, a
// pop ballad at 66 and a reggae one-drop at 68 read at double, and the half-time groove): +5, so (b)
// replaced METRE_WEIGHTS and METRE_TREES; the tempo, metre, motion, beats and engine-tempo tests pass.
const withSixthComposer = process.argv.includes('--ma');
// --kk: add the seventh composer's TUNING half (80 karaoke-book files rendered by FluidSynth with the
// OPL3 FM font or the full MuseScore General, ids kk-; read through labelledKaraokeTuningHalf, the only
// way this file may name it: its held-out half is set K and is never fitted on).
// Eighteenth session's rule (written and committed before the refit below is scored on set L; the
// committed analyser's reading of L's tuning half — its first read, bench:analysis --library-tuning at
// 10:53 — was seen before it, so the candidate has no setting left to choose after it): an eighth
// composer, the production-music library (set L: written blind this session, rendered by TiMidity++
// with the freepats patches, a renderer and a sound set no other set uses), arbitrates. Its TUNING half
// (80 items) is a validation half; its held-out half, read once with the committed analyser, is read
// again only after the choice. The karaoke book's tuning half — the seventh composer, which chose the
// seventeenth session's fit — may now be trained on. One candidate, refitted on all its material: the
// committed settings and material plus --kk (`--songbook --hymnal --guard --ma --beatstore --jam --kk
// --lambda=0.03 --rounds=100 --depth=3 --no-split=pitch`). It replaces METRE_WEIGHTS and METRE_TREES if
// it reads ≥ 3 more of L's tuning half at the labelled tempo (Acc1) than the committed fit (both read
// by bench:analysis on the same machine in the same hour), and the tempo, metre, motion, beats and
// engine-tempo tests pass. If it does, the held-out sets are read once more and the floors in
// engine/src/analyze/held-out/ follow what is measured, whichever way it moves.
// Result: not run to the arbiter. The committed fit reads 79 of L's 80 tuning items at the labelled
// tempo (its first read, 10:53; the one miss a synthwave groove at 84 read at 168), so no candidate
// can read the 3 more the rule asks; the held-out half read 79 of 80 too (0.988). The karaoke book's
// tuning half stays out of the fit; the accessor and --kk stay for the next rule.
const withSeventhComposer = process.argv.includes('--kk');
// --lb: add the eighth composer's TUNING half (80 production-music library files rendered by
// TiMidity++ with the freepats patches, ids lb-; read through labelledLibraryTuningHalf, the only way
// this file may name it: its held-out half is set L and is never fitted on).
// Twentieth session's rule (written and committed before any refit below is run): a ninth composer,
// the world-music atlas (set M: written blind this session by a helper that read none of the
// analyser's code, rendered by csound with its own orchestra, a synthesiser no other set uses),
// arbitrates. Its TUNING half (80 items) is a validation half, read by no analyser run before this
// rule; its held-out half stays unread until the choice is made. The karaoke book's and the
// library's tuning halves — the seventh and eighth composers, which arbitrated the seventeenth and
// eighteenth sessions' rules — may now be trained on. Two candidates, each refitted on all its
// material with the committed settings (`--songbook --hymnal --guard --ma --beatstore --jam
// --lambda=0.03 --rounds=100 --depth=3 --no-split=pitch` plus the flags named): (a) `--kk`, (b) `--kk
// --lb`. The candidate that reads more of the atlas's tuning half at the labelled tempo (Acc1)
// replaces METRE_WEIGHTS and METRE_TREES if it reads ≥ 3 more than the committed fit (all read by
// bench:analysis on the same machine in the same hour; a tie between (a) and (b) goes to (a)), and the
// tempo, metre, motion, beats and engine-tempo tests pass. If it does, the held-out sets are read once
// more and the floors in engine/src/analyze/held-out/ follow what is measured, whichever way it moves.
// Result (same machine, 17:19–17:27, the three reads side by side): the atlas's tuning half read 65 of
// 80 at the labelled tempo with the committed fit, 66 with (a) (cross-validated 1097/1200 on fold seed
// 4, fitted on all 1164) and 62 with (b) (1166/1280, 1241): +1 and −3 against the +3 asked, so neither
// replaced the fit. On a composer none of the fits has read, the committed fit reads 0.813: samba and a
// second line at 94–95 and pentatonic gamelan pieces at 81–95 read at ×2, fado and Chinese ballads at
// 61–67 at ×2, Viennese waltzes at 163–164 at ⅓ or ⅔, a country two-step at 168 at ½, drumless 6/8
// piano and emo ballads at 60–77 at ×3⁄2, a highlife at 111 at ⅔. (a) mends three (the two Chinese
// ballads and the emo ballad at 60) and breaks two (a two-step at 166 read at ½, a cumbia at 88 at ×2);
// (b) mends two and breaks five. The accessors and --kk, --lb stay for the next rule.
const withEighthComposer = process.argv.includes('--lb');
// --at: add the ninth composer's TUNING half (80 world-music atlas files rendered by csound with our
// own orchestra; read through labelledAtlasTuningHalf, the only way this file may name it: its
// held-out half is set M and is never fitted on).
// Twentieth session's second rule (written and committed before any refit below is run, and before
// any analyser run reads the tenth composer): a tenth composer, the live sets (set N: written blind
// this session by a helper that read none of the analyser's code; TiMidity++ playing GM SoundFonts
// with live-band timing — tempo drift within ±2 %, pickups, count-ins, rubato intros, parts' own
// offsets — and a live-room master), arbitrates. Its TUNING half (80 items) is a validation half;
// its held-out half stays unread until the choice is made. The atlas's tuning half, which
// arbitrated the first rule, may now be trained on. Two candidates, each refitted on all its material
// with the committed settings (`--songbook --hymnal --guard --ma --beatstore --jam --lambda=0.03
// --rounds=100 --depth=3 --no-split=pitch` plus the flags named): (c) `--kk --at`, (d) `--kk --lb
// --at`. The candidate that reads more of the live sets' tuning half at the labelled tempo (Acc1)
// replaces METRE_WEIGHTS and METRE_TREES if it reads ≥ 3 more than the committed fit (all read by
// bench:analysis on the same machine in the same hour; a tie goes to (c)), and the tempo, metre,
// motion, beats and engine-tempo tests pass. If it does, the held-out sets are read once more and the
// floors in engine/src/analyze/held-out/ follow what is measured, whichever way it moves.
// Result (same machine, 17:40–17:46, the four reads side by side with the key rule's): the live sets'
// tuning half read 75 of 80 at the labelled tempo with the committed fit, **78 with (c)**
// (cross-validated 1151/1280 on fold seed 4, fitted on all 1231; mends a post-rock build at 70 read
// at ×2, a rock'n'roll shuffle at 179 read at ½ and a cumbia band at 92 read at ×2) and 76 with (d)
// (1223/1360, 1305; mends the same three, breaks a bebop tune at 180 and a punk song at 172, both
// read at ½): +3, so (c) replaced METRE_WEIGHTS and METRE_TREES; the tempo, metre, motion, beats and
// engine-tempo tests pass. Left for both: a bebop tune at 186 read at ½ and a funk groove at 113 at ×4⁄3.
const withNinthComposer = process.argv.includes('--at');
// --lv: add the tenth composer's TUNING half (80 live-set files, TiMidity++ with GM SoundFonts and
// live-band timing; read through labelledLivesetTuningHalf, the only way this file may name it: its
// held-out half is set N and is never fitted on).
// Twenty-first session's rule (written and committed before any candidate below is fitted, and before
// any analyser run reads the eleventh or twelfth composer): two composers written blind this session
// by helpers that read none of the analyser's code — the game soundtrack (a console synthesiser of our
// own in TypeScript, no SoundFont) and the concert programme (orchestral, chamber, band and film music
// by FluidSynth with the full MuseScore General font and its reverb) — arbitrate together. Their
// TUNING halves (80 + 80 items) are validation halves, read by no analyser run before this rule; their
// held-out halves stay unread until the choice is made. The live sets' tuning half, which arbitrated
// the twentieth session's second rule, may now be trained on. New features this session: barThree,
// lowBarThree, chordBarThree (metre.ts: whether a candidate beat groups in threes or fours — the full
// band's and the bass's autocorrelation at three beats against four, and the chord changes' keeping
// to one beat of three against one of four). The committed fit is these features held at 0 (with
// `--without=barThree,lowBarThree,chordBarThree` the fit reproduces METRE_WEIGHTS and METRE_TREES).
// Two candidates, each refitted on all its material with the committed settings (`--songbook
// --hymnal --guard --ma --beatstore --jam --kk --at --lambda=0.03 --rounds=100 --depth=3
// --no-split=pitch` plus the flags named): (e) the new features (no flag: the committed material),
// (f) the new features and `--lb --lv`. The candidate that reads more of the two tuning halves
// pooled (160 items) at the labelled tempo (Acc1) replaces METRE_WEIGHTS and METRE_TREES if it reads
// ≥ 4 more of the 160 than the committed fit and neither composer's half reads fewer than with the
// committed fit (all read by bench:analysis on the same machine in the same hour; a tie between (e)
// and (f) goes to (e)), and the tempo, metre, motion, beats and engine-tempo tests pass. If it does,
// the held-out sets are read once more and the floors in engine/src/analyze/held-out/ follow what is
// measured, whichever way it moves. If neither does, the three features leave metre.ts.
// Result (same machine, 20:29–20:37, read side by side; all fits refitted on this machine's renders):
// the committed fit reads 77 of the game soundtrack's 80 and 56 of the concert programme's 80 (133 of
// 160); (e) 78 and 49 (127; cross-validated 1164/1280 on fold seed 4, fitted on all 1246), (f) 78 and
// 54 (132; 1322/1440, 1391). Neither is kept; barThree, lowBarThree and chordBarThree left metre.ts.
// The features gain in cross-validation on the fitted composers (+7 of 1280 over the same material
// refitted here without them, 1157) and lose on orchestral music none of them wrote: (e) reads a
// Viennese waltz at 168 at ⅔, a tarantella, a galop and a can-can at 159–166 at ½, an action ostinato
// at 157 at ½, a habanera at 79 at ×2 and a ragtime at 95 at ×2, and mends a brass-band hymn at 65
// (read at ×2); (f) breaks five and mends three of the same kind. For scale: the refit here without
// the features (`--without=…`) reads 77 and 54 (131), so two of the concert programme's losses are the
// refit's, the rest the features'. This machine's refit of the committed material is not the
// committed fit to the digit (cross-validated 1157/1280 against 1151 last session, weights within ≈3 %;
// a few renders differ between machines), which is why the committed constants, not a refit, are the
// baseline. The live sets' tuning half may be trained on from now (--lv); the game soundtrack's and the
// concert programme's tuning halves, having arbitrated, may be trained on by a later rule (through
// tuning-half accessors, as the others), which then needs composers none of the fits has read.
const withTenthComposer = process.argv.includes('--lv');
// Twenty-fourth session's second rule (written and committed before any fit with --relatives): the
// first rule (bench/judge-levels.ts) put ×3⁄4 and ×4⁄3 among the levels weighed without a refit, and
// the committed model, never shown a beat against its dotted-eighth relative, kept preferring the
// dotted eighth (the rehearsal room's tuning half 73 → 73). Candidate: the committed material and
// settings (`--songbook --hymnal --guard --beatstore --jam --ma --kk --at --lambda=0.03 --rounds=100
// --depth=3 --no-split=pitch`) refitted with ×3⁄4 and ×4⁄3 among every item's candidate levels
// (`--relatives=3/4,4/3`), so that each of the ≈1280 items teaches the model its beat against those two
// relatives too (the fitted material has almost no item whose comb winner is a dotted eighth, but every
// item has a beat and its dotted-eighth relative to tell apart). Guard: the refit's cross-validated
// levels right (fold seed 4) must be at most 3 of the ≈1280 under the same refit without the two ratios
// on this machine. Decision: `npm run judge:levels -- --decision --tuning=<the refit, --emit>` on the
// rehearsal room's tuning half must read ≥ 2 more items at Accuracy1 than the committed analyser, with
// more up than down and none lost at Accuracy2 (the first rule's bar; the refit without the ratios is
// read beside it for the record, counts only). If it passes, METRE_WEIGHTS, METRE_TREES and RELATIVES
// are replaced and every held-out set is read once after the commit, the floors following what is
// measured; a session without the time for that reading records the result and leaves the analyser.
// Result (2026-12-07, a fresh machine; every envelope read from this machine's cache): the guard holds,
// the decision fails. Cross-validated (fold seed 4): 1156/1280 with the two ratios, 1147 without
// (1270 of the items have their labelled level among the candidates without them, 1278 with). A first
// run of the same refit without them, on envelopes computed afresh rather than read back from the cache
// (rounded to 1e-4), read 1158: cross-validation moves by ≈10 items with nothing but that rounding.
// Decision (06:59–07:00): the rehearsal room's tuning half, Accuracy1 73 → 72 (0 up, 1 down), Accuracy2
// 76 → 75; the refit without the ratios 73 → 73 (none moved). Not kept: the analyser is unchanged.
// --relatives=a/b,c/d: ratios weighed besides RELATIVES (in training and in --emit's tuning).
const extraRelatives = (process.argv.find((a) => a.startsWith('--relatives='))?.slice(12) ?? '')
  .split(',')
  .filter(Boolean)
  .map((r) => {
    const [a, b] = r.split('/').map(Number);
    return a! / (b ?? 1);
  });
// --emit=path: the final fit as a MetreTuning (JSON: weights, trees, temperature 1, relatives), for
// judge-levels --tuning.
const emitPath = process.argv.find((a) => a.startsWith('--emit='))?.slice(7);

/** Labelled items as fit material: the label is known only after rendering for engine items, so resolved lazily. */
function rendered(source: string, items: LabelledItem[]): Source[] {
  return items.map((item) => {
    const s: Source = { source, id: item.id, bpm: item.bpm, path: async () => '' };
    s.path = async () => {
      const r = await item.render();
      s.bpm = r.bpm;
      return r.path;
    };
    return s;
  });
}

function tuningMaterial(): Source[] {
  const out: Source[] = [];
  const extra = [...extraTuningCorpus(), ...(withSixth ? sixthTuningBatch() : [])];
  out.push(...rendered('corpus tuning', KEY_FIT_TUNING_HALVES.corpus()));
  out.push(...rendered('extra tuning', labelledCorpus(extra)));
  const engineSeeds = ENGINE_SEED_GROUPS.filter(([g]) => g !== 'untuned').flatMap(([, seeds]) => seeds);
  for (const seed of engineSeeds)
    for (const genre of GENRES) {
      const s: Source = { source: 'engine seeds', id: `${genre}-${seed}`, bpm: 0, path: async () => '' };
      s.path = async () => {
        const r = await engineItem(genre, seed);
        s.bpm = r.bpm;
        return r.path;
      };
      out.push(s);
    }
  for (const spec of labelledSet(48, 8))
    out.push({
      source: 'fluidsynth 48',
      id: spec.id,
      bpm: spec.bpm,
      path: async () => renderFixture(spec, fixtureDir),
    });
  if (withGuard) out.push(...guardMaterial());
  if (withSongbook) out.push(...rendered('songbook tuning', KEY_FIT_TUNING_HALVES.songbook()));
  if (withHymnal) out.push(...rendered('hymnal tuning', KEY_FIT_TUNING_HALVES.hymnal()));
  if (withBeatstore) out.push(...rendered('beatstore tuning', KEY_FIT_TUNING_HALVES.beatstore()));
  if (withJam) out.push(...rendered('jam tuning', labelledJamtracksTuningHalf()));
  if (withSixthComposer) out.push(...rendered('ma tuning', labelledMidiarchiveTuningHalf()));
  if (withSeventhComposer) out.push(...rendered('kk tuning', labelledKaraokeTuningHalf()));
  if (withEighthComposer) out.push(...rendered('lb tuning', labelledLibraryTuningHalf()));
  if (withNinthComposer) out.push(...rendered('at tuning', labelledAtlasTuningHalf()));
  if (withTenthComposer) out.push(...rendered('lv tuning', labelledLivesetTuningHalf()));
  return out;
}

// --guard: synthetic guard items (click tracks, clicks over held chords or a tone, unpitched drum
// loops), labelled at their click or kick rate. Music's pitched parts change on beats and between
// them; a click track "changes" once a beat and never between — trees that split on the
// pitched-change evidence learned from music alone that this means the beat is too fast (sixth
// session: a plain 174 BPM click track read at 87). These items show them the other case.
// Seed 5151 and tempi drawn from it (none of tempo.test.ts's exact tempi by design of the draw:
// one decimal, log-uniform 60–200).
const withGuard = process.argv.includes('--guard');
const guardDir = join(cacheDir, 'guard');
const GUARD_SEED = 5151;
const GUARD_FS = 44_100;
const GUARD_SEC = 25;

/** Decaying sine blips, `hz` pitch, on every beat, the bar's first louder. */
function blips(bpm: number, beatsPerBar: number, hz: number, decaySec: number): Float32Array {
  const out = new Float32Array(GUARD_SEC * GUARD_FS);
  const period = (60 / bpm) * GUARD_FS;
  const len = Math.round(Math.min(0.2, decaySec * 8) * GUARD_FS);
  for (let beat = 0; beat * period < out.length; beat++) {
    const start = Math.round(beat * period);
    const amp = beat % beatsPerBar === 0 ? 0.8 : 0.5;
    for (let i = 0; i < len && start + i < out.length; i++) {
      const t = i / GUARD_FS;
      out[start + i] = out[start + i]! + amp * Math.exp(-t / decaySec) * Math.sin(2 * Math.PI * hz * t);
    }
  }
  return out;
}

/** An unpitched drum loop: kick (falling sine) on 1 and 3 or every beat, noise snare on 2 and 4. */
function drumLoop(bpm: number, fourOnTheFloor: boolean, rnd: () => number): Float32Array {
  const out = new Float32Array(GUARD_SEC * GUARD_FS);
  const period = (60 / bpm) * GUARD_FS;
  for (let beat = 0; beat * period < out.length; beat++) {
    const start = Math.round(beat * period);
    const snare = beat % 2 === 1;
    const kick = !snare || fourOnTheFloor;
    const len = Math.round(0.15 * GUARD_FS);
    let phase = 0;
    for (let i = 0; i < len && start + i < out.length; i++) {
      const t = i / GUARD_FS;
      if (kick) {
        phase += (2 * Math.PI * (50 + 100 * Math.exp(-t / 0.03))) / GUARD_FS;
        out[start + i] = out[start + i]! + 0.7 * Math.exp(-t / 0.08) * Math.sin(phase);
      }
      if (snare) out[start + i] = out[start + i]! + 0.4 * Math.exp(-t / 0.05) * (2 * rnd() - 1);
    }
  }
  return out;
}

function guardMaterial(): Source[] {
  const rnd = mulberry32(GUARD_SEED);
  const out: Source[] = [];
  const tempo = () => Math.round(60 * (200 / 60) ** rnd() * 10) / 10;
  const add = (id: string, bpm: number, make: () => Float32Array) => {
    const path = join(guardDir, `${id}.wav`);
    out.push({
      source: 'guard',
      id,
      bpm,
      path: async () => {
        if (!existsSync(path)) {
          mkdirSync(guardDir, { recursive: true });
          const x = make();
          let peak = 0;
          for (const v of x) peak = Math.max(peak, Math.abs(v));
          writeFileSync(path, encodeWav([x.map((v) => (0.9 * v) / (peak || 1))], GUARD_FS));
        }
        return path;
      },
    });
  };
  for (let i = 0; i < 16; i++) {
    const bpm = tempo();
    const bar = i % 4 === 3 ? 3 : 4;
    const hz = [2000, 1000, 3000, 1500][i % 4]!;
    const decay = [0.004, 0.002, 0.008, 0.004][(i >> 2) % 4]!;
    add(`click-${i}-${bpm}-${bar}`, bpm, () =>
      hz === 2000 && decay === 0.004 ? clickTrack(bpm, GUARD_SEC, GUARD_FS, bar) : blips(bpm, bar, hz, decay),
    );
  }
  for (let i = 0; i < 12; i++) {
    const bpm = tempo();
    const tonic = Math.floor(rnd() * 12);
    const mode = rnd() < 0.5 ? 'major' : 'minor';
    // A chord a bar (4 beats), or a held tone: one pitched change a bar or none, a click a beat.
    const held = i % 3 === 2;
    add(`chords-${i}-${bpm}`, bpm, () => {
      const clicks = clickTrack(bpm, GUARD_SEC, GUARD_FS);
      const bed = held
        ? Float32Array.from(clicks, (_, k) => 0.3 * Math.sin((2 * Math.PI * 220 * k) / GUARD_FS))
        : chordProgression(tonic, mode, GUARD_FS, {
            chordSec: 240 / bpm,
            repeats: Math.ceil(GUARD_SEC / (960 / bpm)),
          });
      return clicks.map((c, k) => 0.6 * c + (bed[k] ?? 0));
    });
  }
  for (let i = 0; i < 12; i++) {
    const bpm = Math.round(70 * (170 / 70) ** rnd() * 10) / 10;
    add(`drums-${i}-${bpm}`, bpm, () => drumLoop(bpm, i % 2 === 0, mulberry32(GUARD_SEED + 1 + i)));
  }
  return out;
}

/** The onset envelope of one item, as analyzeAudio computes it (cached with the label). */
function envelopeFile(s: Source): string {
  return join(cacheDir, `${s.source.replace(/ /g, '-')}--${s.id}.json`);
}

async function envelopeOf(s: Source): Promise<OnsetEnvelope> {
  const file = envelopeFile(s);
  // Envelopes cached before the harmony spectrum existed are recomputed.
  const c = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  if (c?.harmony) {
    s.bpm = c.bpm;
    return {
      frameRate: c.frameRate,
      strength: Float32Array.from(c.strength),
      kick: Float32Array.from(c.kick),
      mid: Float32Array.from(c.mid),
      high: Float32Array.from(c.high),
      harmony: Float32Array.from(c.harmony),
      harmonyBands: c.harmonyBands,
    };
  }
  if (c) s.bpm = c.bpm;
  const { low, rate } = await lowSignalOf(await s.path());
  const env = onsetEnvelope(low, rate, rms(low));
  const r = (x: Float32Array) => Array.from(x, (v) => Math.round(v * 1e4) / 1e4);
  writeFileSync(
    file,
    JSON.stringify({
      bpm: s.bpm,
      frameRate: env.frameRate,
      strength: r(env.strength),
      kick: r(env.kick),
      mid: r(env.mid),
      high: r(env.high),
      harmony: Array.from(env.harmony, (v) => Math.round(v * 1e3) / 1e3),
      harmonyBands: env.harmonyBands,
    }),
  );
  return env;
}

interface Example {
  source: string;
  id: string;
  bpm: number;
  levels: number[];
  x: number[][];
  /** Index of the labelled level among the candidates, −1 when none is within 4 %. */
  y: number;
}

async function examples(): Promise<Example[]> {
  mkdirSync(cacheDir, { recursive: true });
  const out: Example[] = [];
  const material = tuningMaterial();
  let done = 0;
  for (const s of reverse ? [...material].reverse() : material) {
    if (cachedOnly && !existsSync(envelopeFile(s))) continue;
    const env = await envelopeOf(s);
    const e = tempoEvidence(env);
    done++;
    process.stderr.write(`\rfeatures: ${done}/${material.length}   `);
    if (!e) continue;
    const candidates = scanTempi(e);
    let best = candidates[0]!;
    for (const c of candidates) if (c.score > best.score) best = c;
    const levels = levelCandidates(best, (bpm) => localBest(candidates, bpm), [
      ...RELATIVES,
      ...extraRelatives,
    ]);
    const x = levels.map((c) => {
      const f = levelFeatures(c, e);
      return FEATURES.map((name) => f[name] ?? 0);
    });
    const y = levels.findIndex((c) => Math.abs(c.bpm / s.bpm - 1) <= 0.04);
    out.push({ source: s.source, id: s.id, bpm: s.bpm, levels: levels.map((c) => c.bpm), x, y });
  }
  process.stderr.write('\n');
  return reverse ? out.reverse() : out;
}

// --without=a,b: hold those features' weights at 0 too (to compare feature sets on the same items).
const without = new Set(
  (process.argv.find((a) => a.startsWith('--without='))?.slice('--without='.length) ?? '').split(','),
);
// The notes-per-beat features (`*Rate`) are held at 0 in the linear score: a linear weight on
// log2(notes per beat) is, inside an item's softmax, a weight on −log2(bpm) — a tempo prior
// fitted to our renders. The trees may split on them (notes per beat near 1–2 is not a tilt).
let FREE: boolean[] = [];
// --no-split=prefix: features whose name starts with it stay in the linear score only (no tree
// splits on them).
const noSplit = process.argv.find((a) => a.startsWith('--no-split='))?.slice('--no-split='.length);
let SPLITTABLE: number[] = [];
/** Which features the linear score weighs (FREE) and the trees split on (SPLITTABLE), given those held at 0. */
function configure(held: Set<string>): void {
  FREE = FEATURES.map(
    (f) => (f !== 'logPrior' || process.argv.includes('--free-prior')) && !held.has(f) && !f.endsWith('Rate'),
  );
  SPLITTABLE = FEATURES.map((f, k) =>
    f !== 'logPrior' && !held.has(f) && !(noSplit && f.startsWith(noSplit)) ? k : -1,
  ).filter((k) => k >= 0);
}
configure(without);
// --compare=a,b: cross-validate twice on the same items and folds — first with those features
// held at 0 too (the baseline), then with them — and print the difference per fold seed (the
// keep rule reads it).
const compare = (process.argv.find((a) => a.startsWith('--compare='))?.slice('--compare='.length) ?? '')
  .split(',')
  .filter(Boolean);
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const ROUNDS = (arg('rounds') ?? '0').split(',').map(Number);
const DEPTHS = (arg('depth') ?? '2').split(',').map(Number);
const ETA = Number(arg('eta') ?? 0.1);
const LEAF_L2 = Number(arg('leaf-l2') ?? 1);
const MIN_HESSIAN = Number(arg('min-hessian') ?? 2);
const PRIOR_WEIGHT = Number(arg('prior-weight') ?? 0);

function standardisation(ex: Example[]): { mean: number[]; sd: number[] } {
  const d = FEATURES.length;
  const mean = new Array(d).fill(0);
  const sq = new Array(d).fill(0);
  let n = 0;
  for (const e of ex)
    for (const row of e.x) {
      n++;
      for (let k = 0; k < d; k++) {
        mean[k] += row[k]!;
        sq[k] += row[k]! ** 2;
      }
    }
  for (let k = 0; k < d; k++) {
    mean[k] /= n;
    sq[k] = Math.sqrt(Math.max(1e-12, sq[k] / n - mean[k] ** 2));
  }
  return { mean, sd: sq };
}

/** Weights in standardised units. */
function fitWeights(
  ex: Example[],
  lambda: number,
  z: { mean: number[]; sd: number[] },
  steps = 1500,
): number[] {
  const d = FEATURES.length;
  const w = new Array(d).fill(0);
  // --prior-weight=x: the log-prior's weight held at x (raw units, not fitted): a published prior
  // narrower than the comb's (weight x on −½·log2²(bpm/120) narrows σ from 1 to 1/√(1+x) octave).
  // Thirteenth session's second rule (written before any run with a negative x): the committed
  // fit's misses on our held-out sets sit at the ends (half-time grooves labelled 150–190 read at
  // ½, drumless pieces labelled 62–88 read at ×2 or ×1.5), so a flatter prior (x = −0.25 or −0.5:
  // σ 1.15 or 1.41 octaves) replaces the published width if, in `--loco` at the committed training
  // set and settings (ours, songbook, hymnal, guard; λ 0.03, depth 3 × 100 trees, --no-split=pitch),
  // the better x raises the three composers' left-out sum by ≥ 5 against x = 0 in the same run and
  // lowers none by more than 3, and the refit on all with it reads the fifth composer's tuning half
  // and the beat store's tuning half (neither trained on) at the labelled tempo at least as often as
  // the committed fit (68 and 70 of 80). Then the tempo, metre, motion, beats and engine-tempo tests
  // must pass, and sets A–I are read once. Result: x = 0 / −0.25 / −0.5 read 695 / 688 / 692 of 840
  // (ours 532 / 523 / 530, songbook 92 / 93 / 91, hymnal 71 / 72 / 71): not kept (README).
  const logPriorIndex = FEATURES.indexOf('logPrior');
  w[logPriorIndex] = PRIOR_WEIGHT * z.sd[logPriorIndex]!;
  const train = ex.filter((e) => e.y >= 0);
  const weights = itemWeights(train);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const xs = train.map((e) => e.x.map((row) => row.map((v, k) => (v - z.mean[k]!) / z.sd[k]!)));
  const lr = 0.5;
  for (let step = 0; step < steps; step++) {
    const g = new Array(d).fill(0);
    train.forEach((e, i) => {
      const rows = xs[i]!;
      const s = rows.map((r) => r.reduce((a, v, k) => a + v * w[k]!, 0));
      const top = Math.max(...s);
      const p = s.map((v) => Math.exp(v - top));
      const sum = p.reduce((a, b) => a + b, 0);
      rows.forEach((r, j) => {
        const coef = weights[i]! * (p[j]! / sum - (j === e.y ? 1 : 0));
        for (let k = 0; k < d; k++) g[k] += coef * r[k]!;
      });
    });
    for (let k = 0; k < d; k++) {
      if (!FREE[k]) continue;
      w[k] -= lr * (g[k] / weightSum + 2 * lambda * w[k]);
    }
  }
  return w;
}

function rawWeights(w: number[], z: { sd: number[] }): number[] {
  return w.map((v, k) => v / z.sd[k]!);
}

function predictRaw(e: Example, raw: number[]): number {
  let best = 0;
  let bestS = Number.NEGATIVE_INFINITY;
  e.x.forEach((row, j) => {
    const s = row.reduce((a, v, k) => a + v * raw[k]!, 0);
    if (s > bestS) {
      bestS = s;
      best = j;
    }
  });
  return best;
}

function tally(ex: Example[], right: (e: Example) => boolean): string {
  const by = new Map<string, [number, number]>();
  for (const e of ex) {
    const t = by.get(e.source) ?? [0, 0];
    t[0] += Number(right(e));
    t[1]++;
    by.set(e.source, t);
  }
  const total = [...by.values()].reduce((a, [r, n]) => [a[0]! + r, a[1]! + n], [0, 0]);
  return `${total[0]}/${total[1]} (${[...by].map(([s, [r, n]]) => `${s} ${r}/${n}`).join(', ')})`;
}

function boostOptions(depth: number, rounds: number) {
  return { rounds, depth, eta: ETA, lambda: LEAF_L2, minHessian: MIN_HESSIAN, splittable: SPLITTABLE };
}

function boostItems(ex: Example[], raw: number[]): BoostItem[] {
  const train = ex.filter((e) => e.y >= 0);
  const weights = itemWeights(train);
  return train.map((e, i) => ({
    x: e.x,
    y: e.y,
    base: e.x.map((row) => row.reduce((a, v, k) => a + v * raw[k]!, 0)),
    weight: weights[i]!,
  }));
}

// --balance: each composer in the training weighs as much as any other in the loss (its items
// weighted by (training items / composers) / its own count; the guard items keep weight 1), so
// the fit is not our composer's conventions with the others as a footnote (ours is 640 of 880).
const balance = process.argv.includes('--balance');
function itemWeights(train: Example[]): number[] {
  if (!balance) return train.map(() => 1);
  const counts = new Map<string, number>();
  for (const e of train)
    if (composerOf(e) !== 'guard') counts.set(composerOf(e), (counts.get(composerOf(e)) ?? 0) + 1);
  const music = [...counts.values()].reduce((a, b) => a + b, 0);
  return train.map((e) => (composerOf(e) === 'guard' ? 1 : music / counts.size / counts.get(composerOf(e))!));
}

function predictBoosted(e: Example, raw: number[], trees: Tree[]): number {
  let best = 0;
  let bestS = Number.NEGATIVE_INFINITY;
  e.x.forEach((row, j) => {
    let s = row.reduce((a, v, k) => a + v * raw[k]!, 0);
    for (const t of trees) s += evalTree(t, row);
    if (s > bestS) {
      bestS = s;
      best = j;
    }
  });
  return best;
}

/** Cross-validated levels right of the linear score + boosted trees, per depth and round count. */
function crossValidateBoosted(ex: Example[], lambda: number): Map<string, number> {
  const fold = folds(ex);
  const right = new Map<string, Map<string, [number, number]>>();
  for (let f = 0; f < 4; f++) {
    const train = ex.filter((e, i) => fold[i] !== f && !untrained(e));
    const test = ex.filter((_, i) => fold[i] === f);
    const z = standardisation(train);
    const raw = rawWeights(fitWeights(train, lambda, z), z);
    for (const depth of DEPTHS) {
      boost(boostItems(train, raw), boostOptions(depth, Math.max(...ROUNDS)), (round, trees) => {
        if (!ROUNDS.includes(round)) return;
        const key = `depth ${depth}, ${round} trees`;
        const by = right.get(key) ?? new Map<string, [number, number]>();
        for (const e of test) {
          const t = by.get(e.source) ?? [0, 0];
          const p = predictBoosted(e, raw, trees);
          if (showMisses && p !== e.y && depth === DEPTHS[0] && round === Math.max(...ROUNDS))
            console.log(
              `  cross-validated miss ${e.source} ${e.id}: ${e.levels[p]?.toFixed(1)} for ${e.bpm}`,
            );
          t[0] += Number(p === e.y);
          t[1]++;
          by.set(e.source, t);
        }
        right.set(key, by);
      });
    }
  }
  const totals = new Map<string, number>();
  for (const [key, by] of right) {
    const total = [...by.values()].reduce((a, [r, n]) => [a[0]! + r, a[1]! + n], [0, 0]);
    totals.set(key, total[0]!);
    console.log(
      `λ ${lambda} + ${key}, fold seed ${foldSeed}: cross-validated ${total[0]}/${total[1]} (${[...by].map(([s, [r, n]]) => `${s} ${r}/${n}`).join(', ')})`,
    );
  }
  return totals;
}

// --loco: leave one composer out — fit on every composer but one (ours: the corpus, its extra
// batches, the engine's renders and the older FluidSynth set; the songbook; the hymnal; the beat
// store with --beatstore; the fifth composer with --jam; the guard items are always trained on), score on that one. What the fit is worth on music by a composer
// it never saw, which is what issue 19 asks of it; fold shuffles play no part.
const composerOf = (e: Example): string =>
  e.source.startsWith('songbook')
    ? 'songbook'
    : e.source.startsWith('hymnal')
      ? 'hymnal'
      : e.source.startsWith('beatstore')
        ? 'beatstore'
        : e.source.startsWith('jam')
          ? 'jam'
          : e.source.startsWith('ma ')
            ? 'ma'
            : e.source === 'guard'
              ? 'guard'
              : 'ours';

function leaveOneComposerOut(ex: Example[], lambda: number): void {
  const composers = [...new Set(ex.map(composerOf))].filter((c) => c !== 'guard');
  const right = new Map<string, Map<string, number>>();
  for (const left of composers) {
    const train = ex.filter((e) => composerOf(e) !== left);
    const test = ex.filter((e) => composerOf(e) === left);
    const z = standardisation(train);
    const raw = rawWeights(fitWeights(train, lambda, z), z);
    const add = (key: string, n: number) => {
      const by = right.get(key) ?? new Map<string, number>();
      by.set(left, n);
      right.set(key, by);
    };
    add('linear', test.filter((e) => predictRaw(e, raw) === e.y).length);
    for (const depth of DEPTHS)
      boost(boostItems(train, raw), boostOptions(depth, Math.max(...ROUNDS)), (round, trees) => {
        if (!ROUNDS.includes(round)) return;
        const predicted = test.map((e) => predictBoosted(e, raw, trees));
        add(`depth ${depth}, ${round} trees`, predicted.filter((p, i) => p === test[i]!.y).length);
        if (showMisses && depth === DEPTHS[0] && round === Math.max(...ROUNDS))
          test.forEach((e, i) => {
            const p = predicted[i]!;
            if (p !== e.y)
              console.log(`  loco miss ${left} ${e.id}: ${e.levels[p]?.toFixed(1)} for ${e.bpm}`);
          });
      });
  }
  const sizes = new Map(composers.map((c) => [c, ex.filter((e) => composerOf(e) === c).length]));
  for (const [key, by] of right) {
    const total = [...by.values()].reduce((a, b) => a + b, 0);
    const n = [...sizes.values()].reduce((a, b) => a + b, 0);
    console.log(
      `λ ${lambda} + ${key}, leave one composer out: ${total}/${n} (${[...by].map(([c, r]) => `${c} ${r}/${sizes.get(c)} = ${(r / sizes.get(c)!).toFixed(3)}`).join(', ')})`,
    );
  }
}

function indexedTree(t: MetreTree): Tree {
  return typeof t === 'number' ? t : [FEATURES.indexOf(t[0]), t[1], indexedTree(t[2]), indexedTree(t[3])];
}

// --fold-seed=a,b,c: cross-validate over several shuffles of the folds (the boosted counts are
// printed per shuffle and as their mean); the plain linear search uses the first.
const FOLD_SEEDS = (arg('fold-seed') ?? '4').split(',').map(Number);
let foldSeed = FOLD_SEEDS[0]!;

function folds(ex: Example[]): number[] {
  const rnd = mulberry32(foldSeed);
  const order = ex.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const fold = new Array<number>(ex.length);
  order.forEach((idx, pos) => {
    fold[idx] = pos % 4;
  });
  return fold;
}

function crossValidate(ex: Example[], lambda: number): Map<Example, number> {
  const fold = folds(ex);
  const predicted = new Map<Example, number>();
  for (let f = 0; f < 4; f++) {
    const train = ex.filter((e, i) => fold[i] !== f && !untrained(e));
    const z = standardisation(train);
    const raw = rawWeights(fitWeights(train, lambda, z), z);
    ex.forEach((e, i) => {
      if (fold[i] === f) predicted.set(e, predictRaw(e, raw));
    });
  }
  return predicted;
}

async function main(): Promise<void> {
  requireCorpusTools();
  const ex = await examples();
  const reachable = ex.filter((e) => e.y >= 0).length;
  console.log(`${ex.length} items, ${reachable} with the labelled level among the candidates`);
  if (scoreCurrent) {
    const raw = FEATURES.map((f) => METRE_WEIGHTS[f as Feature] ?? 0);
    const trees = METRE_TREES.map(indexedTree);
    console.log(
      `METRE_WEIGHTS + METRE_TREES as committed: ${tally(ex, (e) => predictBoosted(e, raw, trees) === e.y)}`,
    );
  }
  const lambdas = lambdaArg ? [Number(lambdaArg)] : [0.003, 0.01, 0.03, 0.1];
  let bestLambda = lambdas[0]!;
  let bestRight = -1;
  for (const lambda of lambdas) {
    const p = crossValidate(ex, lambda);
    const right = ex.filter((e) => p.get(e) === e.y).length;
    console.log(`λ ${lambda}: cross-validated ${tally(ex, (e) => p.get(e) === e.y)}`);
    if (right > bestRight) {
      bestRight = right;
      bestLambda = lambda;
    }
  }
  const rounds = Math.max(...ROUNDS);
  if (process.argv.includes('--loco')) {
    leaveOneComposerOut(ex, bestLambda);
    return;
  }
  if (compare.length && rounds > 0) {
    const perSeed = (held: Set<string>) => {
      configure(held);
      return FOLD_SEEDS.map((seed) => {
        foldSeed = seed;
        return crossValidateBoosted(ex, bestLambda).get(`depth ${DEPTHS[0]}, ${rounds} trees`)!;
      });
    };
    const base = perSeed(new Set([...without, ...compare]));
    const withThem = perSeed(without);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      `--compare ${compare.join(',')} (fold seeds ${FOLD_SEEDS.join(', ')}): without ${base.join(' / ')} (mean ${mean(base).toFixed(1)}), with ${withThem.join(' / ')} (mean ${mean(withThem).toFixed(1)}), difference ${withThem.map((v, i) => v - base[i]!).join(' / ')} (mean ${(mean(withThem) - mean(base)).toFixed(1)}) of ${ex.length}`,
    );
    foldSeed = FOLD_SEEDS[0]!;
    configure(without);
  } else if (rounds > 0) {
    const sums = new Map<string, number>();
    for (const seed of FOLD_SEEDS) {
      foldSeed = seed;
      for (const [key, right] of crossValidateBoosted(ex, bestLambda))
        sums.set(key, (sums.get(key) ?? 0) + right);
    }
    foldSeed = FOLD_SEEDS[0]!;
    for (const [key, sum] of sums)
      console.log(
        `λ ${bestLambda} + ${key}: mean cross-validated over fold seeds ${FOLD_SEEDS.join(', ')}: ${(sum / FOLD_SEEDS.length).toFixed(1)}/${ex.length}`,
      );
  }
  if (process.argv.includes('--no-final')) return;
  // The final fit never trains on --untrained items either (they stay scored, not learnt).
  const fitOn = ex.filter((e) => !untrained(e));
  const z = standardisation(fitOn);
  const raw = rawWeights(fitWeights(fitOn, bestLambda, z), z);
  const depth = DEPTHS[0]!;
  const trees = rounds > 0 ? boost(boostItems(fitOn, raw), boostOptions(depth, rounds)) : [];
  const predict = (e: Example) => predictBoosted(e, raw, trees);
  console.log(
    `λ ${bestLambda}${rounds ? ` + depth ${depth}, ${rounds} trees` : ''}, fitted on all: ${tally(ex, (e) => predict(e) === e.y)}`,
  );
  const misses = ex.filter((e) => predict(e) !== e.y);
  for (const e of misses)
    console.log(`  miss ${e.source} ${e.id}: ${e.levels[predict(e)]?.toFixed(1)} for ${e.bpm}`);
  console.log('\nexport const METRE_WEIGHTS: Record<Feature, number> = {');
  FEATURES.forEach((f, k) => {
    console.log(`  ${f}: ${Number(raw[k]!.toFixed(4))},`);
  });
  console.log('};');
  if (emitPath) {
    const weights = Object.fromEntries(FEATURES.map((f, k) => [f, Number(raw[k]!.toFixed(4))]));
    const tuning = {
      weights,
      trees: asMetreTrees(trees, FEATURES),
      temperature: 1,
      relatives: [...RELATIVES, ...extraRelatives],
    };
    writeFileSync(emitPath, JSON.stringify(tuning));
    console.log(`\nthe fit as a MetreTuning: ${emitPath}`);
  }
  if (rounds > 0) {
    console.log('\nexport const METRE_TREES: readonly MetreTree[] = [');
    for (const t of asMetreTrees(trees, FEATURES)) console.log(`  ${JSON.stringify(t).replace(/"/g, "'")},`);
    console.log('];');
  }
}

await main();
