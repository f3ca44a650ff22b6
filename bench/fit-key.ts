// The key estimator's choices compared on TUNING material only (npm run fit:key): the corpus's
// tuning set (test-support/corpus.ts), the songbook's and the hymnal's tuning halves (the other
// composers: songbook.ts, hymnal.ts). Never a held-out set.
//
// Each item is decoded and reduced to the analyser's ≈11 kHz mono once; its spectral peaks are
// taken once per peak range; then every combination of chroma settings (key.ts ChromaSettings),
// key profile (KEY_PROFILES) and tonic-evidence weight is scored by the MIREX key score, per
// composer. Because choosing the best of ~1500 combinations on ~340 items is itself a fit, the
// script also reports leave-one-composer-out: the combination best on two composers, scored on
// the third — what the choice is worth on music it was not chosen on.
//
// Keep rule (eleventh session, written and committed before the first run): a new setting replaces
// the analyser's if it gains ≥ 3 MIREX points (one point = one item read right) summed over the
// three composers' tuning halves, loses ≤ 1 point on each composer, and the leave-one-composer-out
// choice does not score below the current setting on any composer; key.test.ts and the engine's
// key tests must still pass. Then the held-out sets are read once, after the commit.
//
// Twelfth session's rule (written and committed before any run with --beatstore): with the beat
// store's tuning half as a fourth composer, the nested leave-one-composer-out profile (setting and
// profile chosen without the scored composer) replaces the analyser's setting and profile if,
// summed over the four composers, it gains ≥ 4 MIREX points against the current setting and loses
// ≤ 1 point on each composer; key.test.ts and the engine's key tests must still pass. Then the
// held-out sets are read once, after the commit.
//
// Thirteenth session's rule (written and committed before any run with --bass): a whole-track bass
// chroma (the lowest clear peak of every frame, as edgeBassChroma reads the edges) correlated with a
// bass profile learned per mode, added with a weight wb ∈ {0, 0.1, 0.2, 0.3, 0.5} to the key score at
// the analyser's setting (DEFAULT_CHROMA, EDGE_BASS_WEIGHT): nested leave-one-composer-out over the
// four composers (both profiles learned without the scored composer, wb chosen by the inner
// leave-one-out over the remaining three) must gain ≥ 4 MIREX points summed over the four against
// the same nested procedure with wb held at 0, and lose ≤ 1 point on each composer. Then the fifth
// composer's tuning half (a validation half, never fitted; read by bench:analysis) must not read
// lower than with the committed key (0.895), and key.test.ts and the engine's key tests must pass.
// Then the held-out sets are read once. Result: −0.7 points against wb 0 (README): not kept.
//
// Fourteenth session's rule (written and committed before any run with --chords): chord evidence.
// Each chroma frame (the DEFAULT_CHROMA setting, summed over the frame and its two neighbours, ≈1.1 s)
// is labelled with its best chord template by cosine (12 roots × major, minor, dominant-seventh and
// minor-seventh), weighted by the window's chroma sum; the track's chord histogram (4 × 12, sum 1),
// rotated to each candidate tonic, is correlated with a chord profile learned per mode (the same
// averaging as the learned pitch profile) and added with a weight wc ∈ {0, 0.1, 0.2, 0.3, 0.5} to the
// key score at the analyser's setting. Why: blues-based tracks (I7–IV7–V7) hold the flat seventh of
// their tonic, which the pitch profile reads as the key of IV; which chords sit on which degrees tells
// I7 from IV. Judged exactly as --bass was: nested leave-one-composer-out over the four composers
// (both profiles learned without the scored composer, wc chosen by the inner leave-one-out over the
// remaining three) must gain ≥ 4 MIREX points summed over the four against the same procedure with
// wc held at 0, and lose ≤ 1 point on each composer. Then the fifth composer's tuning half (validation,
// never fitted; read by bench:analysis) must not read lower than with the committed key
// (0.895), and key.test.ts and the engine's key tests must pass. Then the held-out sets are read once.
// Result: −1.7 points against wc 0 (corpus −0.5, songbook +0.8, hymnal 0, beat store −2.0; README):
// not kept. The learned chord profiles are musical (major: I, IV, V, vi, iii; minor: i, iv, v, VI,
// VII, III) but add nothing the pitch profile and the edges' bass do not already hold.
//
// Fourteenth session, key alternatives (a calibration, not a change of the reading; written before any
// run with --calibrate): each key's share is softmax(score / τ) over the 24 keys' scores (keyFromChroma
// at the analyser's setting, the pitch profile learned without the scored composer, as in the nested
// procedure), τ ∈ {0.01, 0.015, 0.02, 0.03, 0.05, 0.08, 0.12} chosen by the summed log-likelihood of
// the labelled key over the four composers' tuning halves. The analyser then offers the next two
// keys whose share is ≥ 0.05 as `key_alternatives`; the held-out sets only report how often the
// label is the reading or one of them (bench:analysis), nothing is chosen on them.
//
// Fifteenth session's rule (written and committed before any run with --jam): the pitch profile
// learned at the analyser's setting (DEFAULT_CHROMA, EDGE_BASS_WEIGHT unchanged) on five composers'
// tuning halves — the four above and the fifth composer's (80 backing tracks) — replaces
// KEY_PROFILES.learned if a sixth composer, the MIDI archive (set J: written blind, read by no fit
// and no session before this rule), reads ≥ 2 MIREX points higher on its TUNING half (80 items, a
// validation half) than with the committed profile, both read by bench:analysis on the same machine
// in the same hour, and key.test.ts and the engine's key tests pass. Then the held-out sets, J's
// included, are read once.
//
// Seventeenth session's rule (written and committed before any run with --logit): a discriminatively
// trained key model (bench/key-logit.ts: per mode, free weights on the z-scored chroma rotated to the
// candidate tonic, on the rotated edge bass and whole-track bass, and a bias; softmax cross-entropy
// over the 24 keys, penalised by λ‖θ − θ₀‖² towards the generative model θ₀ — the pitch profile
// learned on the same training items, the edge weight EDGE_BASS_WEIGHT, scaled by
// 1/KEY_SHARE_TEMPERATURE), λ ∈ {1, 3, 10, 30, 100, 1000} chosen by the inner leave-one-out over the
// remaining composers. With --beatstore --jam (five composers' tuning halves), nested
// leave-one-composer-out must gain ≥ 4 MIREX points summed over the five against the generative
// nested procedure (profile learned without the scored composer, analyser's setting and edge weight),
// and lose ≤ 1 point on each composer. Then the model trained on all five (λ chosen by the outer
// leave-one-composer-out) goes into key.ts, and the sixth composer's tuning half (set J's other
// half, validation, never fitted; read by bench:analysis) must not read lower than with the
// committed key on the same machine in the same hour, and key.test.ts and the engine's key tests
// must pass. Then the held-out sets, J's included, are read once.
// Result: +0.8 points (479.5 against 478.7: corpus −0.2, songbook +0.8, hymnal 0, beat store −0.5,
// jam tracks +0.7; λ chosen 1, 1000, 1000, 3, 3): not kept, J's tuning half not read. With every
// weight free (λ 1 everywhere) 480.2, with the generative model all but held (λ 1000) 480.3: the
// chroma, the edges' bass and the whole track's bass hold no more about the key than the learned
// profile and the edge weight already read from them.
//
// Seventeenth session's second rule (written and committed before any run with --nnls): the 'nnls'
// chroma (key.ts noteActivations: each frame's peaks explained as notes with harmonic templates, the
// notes' activations voting for their pitch classes) at the analyser's other settings (≤ 3.5 kHz,
// √magnitude, frames unnormalised, edge weight 0.25) replaces the analyser's chroma, with
// KEY_PROFILES.learned re-learned on it, if leave one composer out — the profile learned on the other
// four composers' tuning halves, scored on the fifth — gains ≥ 4 MIREX points summed over the five
// against the same procedure at the analyser's chroma, and loses ≤ 1 point on each composer. Then the
// MIDI archive's tuning half (validation, bench:analysis) must not read lower than with the committed
// key (0.924 this session), and key.test.ts and the engine's key tests must pass. Then the held-out
// sets are read once.
// Result: +1.5 points (480.2 against 478.7: corpus −1.1, songbook +1.3, hymnal −0.7, beat store +1.5,
// jam tracks +0.5): not kept (the rule asked +4, and the corpus lost more than 1); J's tuning half not
// read. The note activations halve what a note's partials give its fifth and third (key.test.ts), and
// the profile learned on them is flatter on the fifth (0.87 against 0.97), but the key reads the same.
//
// Eighteenth session's rule (written and committed before any run with --bigram): the order of the
// bass notes. Each chroma frame's bass note (test-support/bass-moves.ts bassNoteSequence: the lowest clear peak below
// 260 Hz, as the edges' bass reads it), repeated notes and frames without one dropped, gives a
// sequence of bass moves; a key is scored by the mean over the item's moves of log P(to | from), the
// two notes as degrees of the candidate tonic, one 12 × 12 table per mode learned on the training
// items' moves rotated to their labelled tonic (counts + 1 per cell, the diagonal excluded). Why: an
// Aeolian loop and its relative major hold the same notes and the same bass notes, but not the same
// moves (♭VII → i and V → i end on the minor tonic; V → vi is the major key's deceptive move); the
// pitch profile, the edges' bass and the whole track's bass (the --logit result) read no order. Added
// with a weight wo ∈ {0, 0.01, 0.02, 0.05, 0.1, 0.2} to the key score at the analyser's setting, judged
// as --bass was (judgeEvidence): with --beatstore --jam --ma (six composers' tuning halves: the MIDI
// archive's joins the key fit here, through labelledMidiarchiveTuningHalf only), nested
// leave-one-composer-out (tables and profile learned without the scored composer, wo chosen by the
// inner leave-one-out over the remaining five) must gain ≥ 4 MIREX points summed over the six against
// the same procedure with wo held at 0, and lose ≤ 1 point on each composer. Then the tables learned
// on all six (wo chosen by the outer leave-one-composer-out) go into key.ts, and the karaoke book's
// tuning half (set K's other half: validation, never fitted; read by bench:analysis --karaoke-tuning
// on the same machine in the same hour) must not read lower than with the committed key (0.90 last
// session), and key.test.ts and the engine's key tests must pass. Then the held-out sets are read once.
// Result: −1.9 points (551.8 against 553.7 with wo 0, over 584 items: corpus 0, songbook 0, hymnal 0,
// beat store 0, jam tracks −1.4, MIDI archive −0.5; wo chosen 0, 0.05, 0, 0.05, 0.1, 0.1): not kept,
// K's tuning half not read. 25 974 moves over 584 items, 44 an item: at one bass note per 0.37 s frame
// the sequence holds a walking line's passing notes and the frames where the bass peak flickers
// between a note and its fifth, and the learned tables are flat (most cells −2 to −3.5 against
// log 1⁄11 = −2.4); a sequence of the notes held a beat or more would be the next thing to try.
//
// Eighteenth session's second rule (written and committed before any run with --bigram-held): the
// same evidence over the held bass notes only — a frame's bass note counts when the next frame has
// the same one (held ≥ 2 frames, ≈0.74 s: a chord's root, not a walking line's passing note nor a
// flicker to the fifth), repeats dropped again after the short notes are (bassNoteSequence with
// minFrames 2). Judged exactly as --bigram (wo ∈ {0, 0.01, 0.02, 0.05, 0.1, 0.2}; --beatstore --jam
// --ma; nested leave-one-composer-out ≥ 4 MIREX points over the six against wo 0, ≤ 1 point lost on
// each); then the karaoke book's tuning half and the production-music library's (set L's other half,
// read once with the committed key at 10:53: 0.898) must both not read lower than with the committed
// key, and key.test.ts and the engine's key tests must pass. Then the held-out sets are read once.
// Result: +1.5 points (555.2 against 553.7 with wo 0: corpus +1.2, songbook 0, hymnal −0.7, beat store
// 0, jam tracks 0, MIDI archive +1.0; wo chosen 0.05, 0.02, 0.05, 0.02, 0, 0.05): not kept (the rule
// asked +4), neither validation half read. 6 722 moves over 584 items, 12 an item, and the tables are
// musical (major: V → I and IV → I the likeliest moves into the tonic, log P −0.9; minor: ♭VII → i
// and v → i), but on top of the profile and the edges' bass they move a point here and there.
//
// Eighteenth session's third rule (written and committed before any run with --minor-kinds): one pitch
// profile per minor colour. The learned minor profile averages natural, harmonic and dorian minors
// alike; set L's first read (10:53) missed dorian minors read as the major key of their IV and
// harmonic minors read on their V. With --minor-kinds the minor items are averaged per labelled colour
// (natural; harmonic: the raised 7th; dorian: the raised 6th; a minor item without a colour counts as
// natural; a colour with no training item falls back to the all-minor profile), and a minor key's
// score is its best correlation over the three (the edges' bass added as before); the major profile is
// unchanged. At the analyser's setting (DEFAULT_CHROMA, EDGE_BASS_WEIGHT), with --beatstore --jam --ma
// (six composers' tuning halves; dorian minors are labelled by the beat store, the jam tracks and the
// MIDI archive), leave one composer out (the profiles learned on the other five, scored on the sixth)
// must gain ≥ 4 MIREX points summed over the six against the same procedure with the one minor
// profile, and lose ≤ 1 point on each composer. Then the profiles learned on all six go into key.ts,
// and the karaoke book's and the production-music library's tuning halves (validation, never fitted;
// read by bench:analysis on the same machine in the same hour) must both not read lower than with the
// committed key, and key.test.ts and the engine's key tests must pass. Then the held-out sets are read
// once.
// Result: −6.9 points (546.8 against 553.7: corpus −1.9, songbook −2.2, hymnal −1.4, beat store +3.3,
// jam tracks −4.2, MIDI archive −0.5): not kept, neither validation half read. The three profiles are
// musical (harmonic: the raised 7th at 0.33 against the natural ♭7's 0.67; dorian: the 6th at 0.47
// against 0.22), but a minor key read by the best of three fits more of what is not minor: the beat
// store's dorian loops gain, everyone else's major pieces lose to a minor colour of a related tonic.
//
// Eighteenth session's fourth rule (written and committed before any run with --gate): a gated chroma.
// essentia.js, measured beside ours on set L's held-out half in bench:analysis (11:40), read its keys
// at 0.906 against our 0.829 (on set K 0.880 against 0.892); its KeyExtractor (the settings bench/
// analysis.ts gives it, essentia's defaults) sets the track profile's pitch classes below 0.2 of the
// largest to 0 before correlating (pcpThreshold). With --gate, ours does the same to the track chroma
// (the analyser's setting otherwise: DEFAULT_CHROMA, EDGE_BASS_WEIGHT), the learned profile re-learned
// on the gated chroma; the threshold is essentia's 0.2, not searched. With --beatstore --jam --ma, leave
// one composer out (the profile learned on the other five, scored on the sixth) must gain ≥ 4 MIREX
// points summed over the six against the same procedure ungated, and lose ≤ 1 point on each composer.
// Then the karaoke book's and the production-music library's tuning halves (validation, never fitted;
// bench:analysis on the same machine in the same hour) must both not read lower than with the
// committed key, and key.test.ts and the engine's key tests must pass. Then the held-out sets are read
// once. (Set L's held-out half has now been seen through essentia's reading of it: only a rule that
// the six composers' tuning halves and both validation halves pass can change the analyser.)
// Result: −1.5 points (552.2 against 553.7: corpus +0.9, songbook −1.6, hymnal −0.7, beat store +2.3,
// jam tracks −0.7, MIDI archive −1.7; 3.4 of 12 pitch classes gated an item): not kept, neither
// validation half read. What essentia reads better on set L is not its gate; its other differences
// (HPCP's cosine-weighted semitone window over 60 peaks from 25 Hz, frames normalised to their
// largest, a polyphonic 'bgate' profile built from the key's three main triads and their harmonics)
// are untried.
//
// Nineteenth session's rule (written and committed before any run with --hpcp): essentia's HPCP,
// its KeyExtractor's documented defaults, together. Its gate alone (--gate) lost 1.5 points; its other
// differences are taken at once, as its chroma is one design: spectral peaks from 25 Hz (ours from
// 60) to 3.5 kHz, at most the 60 largest of a frame (maxPeaks), each voting within ±0.5 semitone of the
// tuned grid (ours ±0.35; the same cosine taper), every frame scaled so that its largest pitch class
// is 1 before the frames are summed (unitMax; ours unscaled); √magnitude, no harmonics, the
// analyser's tuning and the edges' bass (from the analyser's peaks) as the analyser's; the learned
// profile re-learned on this chroma. Judged in two steps. (1) Guard, with --beatstore --jam --ma:
// leave one composer out (the profile learned on the other five, scored on the sixth) must not lose
// in total against the same procedure at the analyser's chroma, and lose ≤ 1 point on each composer.
// (2) Decision: the chroma and the profile learned on all six go into key.ts, and the karaoke book's
// and the production-music library's tuning halves (validation: 160 items no fit has read), read by
// bench:analysis on the same machine in the same hour as the committed key, must gain ≥ 3 MIREX
// points together, neither half losing more than 1; key.test.ts and the engine's key tests must pass.
// Then the held-out sets are read once. Why the validation halves decide: the six composers' tuning
// halves read 0.948 leave one out, and the candidates meant for music from elsewhere moved them by
// ±2 points; what is left to win is on composers no fit has heard. Each of the four changes alone is
// printed for the record; the rule judges them together.
// Result: +1.0 point in total (554.7 against 553.7: corpus +2.2, songbook 0, hymnal −1.2, beat store
// +1.8, jam tracks −0.8, MIDI archive −1.0): the guard fails (the hymnal lost more than 1), not kept,
// neither validation half read. For the record, each alone: from 25 Hz +2.2 (corpus +0.2, beat store
// +2.1, MIDI archive +0.7, jam tracks −0.8, others 0); the 60 largest peaks −1.6; ±0.5 semitone +1.0;
// frames scaled to their largest +1.3 (MIDI archive −2.0). 39 peaks a frame from 25 Hz on average, so
// the cap of 60 rarely bites.
//
// Nineteenth session's second rule (written and committed before any run with --low-floor, after
// --hpcp's record rows above — so chosen on the six composers' tuning halves, which is what they are
// for): the chroma's peaks from 25 Hz, the other settings the analyser's (the edges' bass and the
// tuning from the analyser's peaks, from 60 Hz), the learned profile re-learned on it. Why: E1–A♯1
// (41–58 Hz), the bass's lowest fundamentals, vote for their pitch class only through their harmonics
// now. Judged as --hpcp: (1) the guard (six composers leave one out: not lower in total, ≤ 1 point lost
// on each) — which the record rows above already pass (+2.2; the jam tracks −0.8 the worst); (2) the
// decision: the chroma and the profile learned on all six in key.ts, the karaoke book's and the
// library's tuning halves (read with the committed key at 14:47 by bench:analysis: 0.935 and 0.898,
// 146.6 points of 160) must gain ≥ 3 MIREX points together, neither losing more than 1; key.test.ts and
// the engine's key tests must pass. Then the held-out sets are read once.
// Result: (1) the guard passes (555.9 against 553.7: corpus +0.2, beat store +2.1, MIDI archive +0.7,
// jam tracks −0.8, songbook and hymnal 0); (2) the decision fails: with the chroma from 25 Hz and the
// profile learned on all six in key.ts, bench:analysis (15:00, the same machine, 13 min after the
// committed key's reading) read the karaoke book's tuning half 0.944 (0.935) and the library's 0.893
// (0.898): +0.3 points together, not the +3 asked. Not kept; key.ts unchanged.
//
// Twentieth session's rule (written and committed before any run with --edge-gate): the edges' bonus
// only for the keys the pitch content allows. keyFromChroma adds the edges' bass bonus (EDGE_BASS_WEIGHT
// × (the tonic's share − 1⁄12)) to every key; with the gate δ only keys whose profile correlation is
// within δ of the best one take it, so the edges choose among a relative, a mode or a fifth and cannot
// carry a key the notes do not support (a clip opening on its IV chord). Explored first on the six
// composers' tuning halves (what they are for: bench/out scratch, in sample, committed profile: 553.8
// ungated, 557.1 at δ 0.1, 554.0–554.4 at 0.03, 0.06 and 0.15). Judged in two steps. (1) Guard, with
// --beatstore --jam --ma: leave one composer out — the profile learned on the other five, δ ∈ {0.02,
// 0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2, ∞} chosen on those five, scored on the sixth — must not lose
// in total against the same procedure ungated, and lose ≤ 1 point on each composer. (2) Decision: the δ
// best on all six with the committed profile goes into key.ts (EDGE_GATE), and the four tuning halves
// no key fit has read — the karaoke book's, the library's, the world-music atlas's and the live sets'
// (320 items, read by bench:analysis with the committed key and with the gate on the same machine in
// the same hour) — must gain ≥ 3 MIREX points together, none losing more than 1, and the live sets'
// half (the only one whose key misses no one has looked at: the other three's were listed by this
// session's --misses runs) must not read lower; key.test.ts and the engine's key tests must pass.
// Then the held-out sets are read once.
// Result: (1) the guard passes, barely (554.3 against 553.7: corpus −1.0, hymnal +0.3, beat store +0.3,
// jam tracks +1.0, songbook and MIDI archive 0; δ chosen 0.06–0.12 without the scored composer); δ 0.1
// best on all six with the committed profile (557.1 against 553.8 ungated). (2) The decision fails:
// bench:analysis with EDGE_GATE 0.1 (17:35–17:42, beside the committed key) read the karaoke book's
// tuning half 0.935 (0.935), the library's 0.907 (0.898), the atlas's 0.875 (0.875) and the live sets'
// 0.887 (0.887): +0.7 points of the +3 asked. The gate also thins the key alternatives (the label read
// or offered: karaoke 0.950 against 0.988, atlas 0.887 against 0.938), whose temperature was calibrated
// ungated. Not kept; the analyser reads ungated (keyFromChroma's gate stays an option, unit-tested).
//
// Twenty-second session's rule (written and committed before the game soundtrack's and the concert
// programme's tuning halves are read with the candidate): a chroma that counts a note's partials less.
// The analyser's chroma ('none') counts every spectral peak as a note, and the learned profile carries
// what the fitted renders' partials add to each degree (a note's 3rd harmonic is its fifth, the 5th its
// major third); a renderer with other partials (a console synth's pulses, GUS patches, an orchestra of
// our own) then reads towards the dominant or the relative. 'suppress' (harmonicWeights: a peak at 3×,
// 5× or 6× the frequency of a peak at least half as strong) was judged in the eleventh and twelfth
// sessions only at a vote of 0.25 and on composers rendered from SoundFonts. Candidate: harmonics
// 'suppress' with harmonicVote 0.5, EDGE_BASS_WEIGHT 0.15, KEY_PROFILES.learned re-learned at that
// setting on the six composers' tuning halves (all 584 items; `--harmonic-vote` prints it).
// How it was chosen, in the open: the grid vote ∈ {0.25, 0.4, 0.5, 0.6, 0.75, 1} × edge weight ∈
// {0.15, 0.25, 0.35} was read (`--beatstore --jam --ma --harmonic-vote`, and a scratch script before
// it) on the six composers leave one composer out and on the four validation halves no key fit has
// trained on (karaoke, library, atlas, live sets: 320 items, profile learned on all six; their misses
// have been listed by earlier sessions). Committed setting (vote 1, edge 0.25): 553.7 | 289.0;
// vote 0.5, edge 0.15: 558.2 | 294.9; vote 0.4, edge 0.15: 555.9 | 296.1; 0.5 has the larger sum.
// Both of those sets are therefore in sample for this choice, and neither decides.
// Decision: the game soundtrack's and the concert programme's tuning halves (160 items; no key fit has
// read them and their key misses have never been listed; bench:analysis read them with the committed
// key at 23:15 this session: 0.796 and 0.893, 135.1 points), read by bench:analysis with the candidate
// in key.ts on the same machine in the same session, must gain ≥ 3 MIREX points together, neither half
// losing more than 1; key.test.ts and the engine's key tests must pass. The keys' share temperature
// (KEY_SHARE_TEMPERATURE) is not recalibrated. Then the held-out sets are read once, after the commit.
// Result: the decision fails. With the candidate in key.ts (a worktree of 702bb7c), bench:analysis
// (23:32, 17 minutes after the committed key's reading, the same machine and renders) read the game
// soundtrack's tuning half 0.817 (0.796 committed: +1.7 points) and the concert programme's 0.894 (0.893:
// +0.1): +1.8 of the +3 asked. The label read or offered fell (0.938 → 0.900 and 0.963 → 0.950): the
// lower edge weight flattens the keys' shares. Not kept; key.ts reads as before (harmonicVote stays an
// option, unit-tested). `--harmonic-vote` reproduced the scratch grid to the point (a profile value
// differs in the third decimal: the scratch script cached the peaks to 0.01 Hz). The partials explain a
// little of the console synth's key misses, not the mode-related confusions that remain.
//
// Twenty-third session's rule (written and committed before the rehearsal room's tuning half is read
// by any key, committed or candidate): the order of the chords on the beat grid (--chord-moves, found in
// the twenty-second session's exploration). Candidate: the analyser labels each beat of its own tempo
// reading (trackBeats at the period of estimateTempo, on the onset envelope it already computes) with
// its best major or minor triad (the beat's summed frame chroma at the analyser's setting and tuning,
// binary templates, the first on a tie), scores each key by the mean over the beats of
// log P(chord | the chord a beat before), the chords as degrees and qualities of the candidate tonic
// (one 24 × 24 table per mode, learned on all six fitted composers' tuning halves, counts + 0.5), and
// adds 0.3 × (that mean − the best key's mean) to the key's score (profile correlation + edges' bass, as
// committed). w 0.3 is the weight the inner loops chose most often (0.3–0.5) and the low end of the
// validation halves' plateau (0.2–0.5), fixed here before the decision.
// Guard (the fit, read in the exploration before this rule, a9245a7): nested leave-one-composer-out over
// the six composers must gain ≥ 4 MIREX points of 584 against w 0, no composer losing more than 1. Read:
// 563.3 against 553.7 (+9.6), every composer up (+0.5 to +2.6). The validation halves K–N were read by a
// scratch script in that exploration (289.0 → 294.7 of 320 at w 0.2–0.5), so they are in sample here.
// Decision: the rehearsal room's tuning half (the thirteenth composer, test-support/bandroom.ts: 80 items
// of live band music with its own synthesiser; nothing has read it), read by bench:analysis with the
// committed key and with the candidate in key.ts on the same machine in the same session, must gain
// ≥ 1.5 MIREX points of 80 (0.019 an item; the fit's nested gain was 0.016 an item) with more items up
// than down; key.test.ts and the engine's key tests must pass. The keys' share temperature is not
// recalibrated. Then the held-out sets are read once, after the commit.
// Result: the guard holds and the decision fails. The fit, on this session's fresh renders (`--chord-moves
// --emit-chord-moves`, the evidence now in engine/src/analyze/chord-moves.ts), read 563.3 against 552.5
// with w 0 (+10.8; corpus +2.3, songbook +0.5, hymnal +1.0, beat store +2.6, jam tracks +1.9, MIDI
// archive +2.5). The rehearsal room's tuning half, read at 03:20 (bench:analysis with the committed key
// at 02:56: 0.895), by a script that scored both analysers on the same files and printed only the sums
// and counts: committed 71.6, candidate 72.4 of 80 (+0.8 of the +1.5 asked; 3 items up, 2 down). Not
// kept: analyzeAudio passes no beats to estimateKey, whose `beatsSec` option stays (unit-tested), with
// the tables the fit emitted (chord-moves-table.ts). Its misses were not listed, so the half stays clean
// for key rules that do not take this evidence's form.
//
// Flags: --beatstore, --jam, --ma, --bigram (--bigram-held, --bigram-misses, --wo=x), --minor-kinds, --gate, --hpcp, --low-floor, --edge-gate, --nnls, --bass, --chords (--chord-misses, --wc=x), --logit (--logit-misses), --calibrate, --harmonic-vote, --beat-bass, --chord-moves, --start-only, --quick (every 3rd item), --top=n (rows of the ranking), --misses=<variant index> (or --misses=current).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { beatTimes } from '../engine/src/analyze/beats.ts';
import { beatChords, chordMoveScores, learnChordMoveTables } from '../engine/src/analyze/chord-moves.ts';
import {
  beatChromaFrames,
  CHROMA_HOP,
  type ChromaSettings,
  chromaPeaks,
  DEFAULT_CHROMA,
  DEFAULT_KEY_PROFILE,
  EDGE_BASS_WEIGHT,
  EDGE_SEC,
  edgeBassChroma,
  estimateTuningCents,
  frameBassNote,
  frameChroma,
  frameChromas,
  KEY_PROFILES,
  KEY_SHARE_TEMPERATURE,
  type KeyProfile,
  type KeyProfileName,
  keyAlternatives,
  keyFromChroma,
  keyShares,
  profileCorrelation,
  type SpectralPeak,
  TONIC_NAMES,
  trackChroma,
} from '../engine/src/analyze/key.ts';
import { rms } from '../engine/src/analyze/signal.ts';
import { estimateTempo, onsetEnvelope } from '../engine/src/analyze/tempo.ts';
import {
  bassMoveIndex,
  bassMoveLogTable,
  bassMoveScore,
  bassNoteSequence,
} from '../engine/src/analyze/test-support/bass-moves.ts';
import {
  KEY_FIT_TUNING_HALVES,
  type LabelledItem,
  labelledAtlasTuningHalf,
  labelledKaraokeTuningHalf,
  labelledLibraryTuningHalf,
  labelledLivesetTuningHalf,
} from '../engine/src/analyze/test-support/labelled.ts';
import { mirexKeyScore } from '../engine/src/analyze/test-support/scores.ts';
import { generativeTheta, keyLogitFeatures, keyLogitScores, trainKeyLogit } from './key-logit.ts';
import { lowSignalOf } from './low-signal.ts';

// Chord evidence (--chords): templates, each frame's best chord, the track's histogram.
const CHORD_TYPES = [
  { name: 'maj', notes: [0, 4, 7] },
  { name: 'min', notes: [0, 3, 7] },
  { name: 'dom7', notes: [0, 4, 7, 10] },
  { name: 'min7', notes: [0, 3, 7, 10] },
] as const;
const CHORD_DIMS = CHORD_TYPES.length * 12;
/** Index (type * 12 + root) of the chord whose root sits `i % 12` semitones above `tonic`. */
const rotatedChordIndex = (i: number, tonic: number) => Math.floor(i / 12) * 12 + (((i % 12) + tonic) % 12);
/** Unit-length binary templates, index type * 12 + root. */
const CHORD_TEMPLATES = CHORD_TYPES.flatMap((t) =>
  Array.from({ length: 12 }, (_, root) => {
    const v = new Float64Array(12);
    for (const n of t.notes) v[(root + n) % 12] = 1 / Math.sqrt(t.notes.length);
    return v;
  }),
);
/**
 * The track's chord histogram: each frame's chroma summed with its two neighbours (≈1.1 s), labelled
 * with its best template by cosine, weighted by the window's chroma sum; normalised to sum 1.
 */
function chordHistogram(framesPeaks: SpectralPeak[][], tuningCents: number): Float64Array {
  const frames = framesPeaks.map((peaks) => {
    const v = new Float64Array(12);
    frameChroma(peaks, tuningCents, DEFAULT_CHROMA, v);
    return v;
  });
  const hist = new Float64Array(CHORD_DIMS);
  const window = new Float64Array(12);
  for (let f = 0; f < frames.length; f++) {
    window.fill(0);
    for (let g = Math.max(0, f - 1); g <= Math.min(frames.length - 1, f + 1); g++)
      for (let i = 0; i < 12; i++) window[i] = window[i]! + frames[g]![i]!;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < 12; i++) {
      sum += window[i]!;
      sq += window[i]! * window[i]!;
    }
    if (sum <= 0) continue;
    let best = 0;
    let bestCos = -1;
    CHORD_TEMPLATES.forEach((t, k) => {
      let dot = 0;
      for (let i = 0; i < 12; i++) dot += t[i]! * window[i]!;
      const cos = dot / Math.sqrt(sq);
      if (cos > bestCos) {
        bestCos = cos;
        best = k;
      }
    });
    hist[best] = hist[best]! + sum;
  }
  const total = hist.reduce((a, b) => a + b, 0);
  if (total > 0) for (let i = 0; i < CHORD_DIMS; i++) hist[i] = hist[i]! / total;
  return hist;
}
const quick = process.argv.includes('--quick');
const top = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 15);
const missesOf = process.argv.find((a) => a.startsWith('--misses='))?.slice(9);
// --start-only: the tonic evidence from the first EDGE_SEC only (a 30 s excerpt ends mid-phrase).
const startOnly = process.argv.includes('--start-only');

// --beatstore: the beat store's tuning half as a fourth composer (test-support/beatstore.ts; its
// held-out half is bench:analysis set H).
const withBeatstore = process.argv.includes('--beatstore');
// --jam: the fifth composer's tuning half (80 backing tracks rendered by spessasynth) as a fifth
// composer here, read only through labelledJamtracksTuningHalf (its held-out half, set I, is never
// fitted on).
const withJam = process.argv.includes('--jam');
// --ma (eighteenth session): the sixth composer's tuning half (the MIDI archive, rendered with the
// csound GM bank), read only through labelledMidiarchiveTuningHalf (its held-out half, set J, is never
// fitted on).
const withMa = process.argv.includes('--ma');
const ALL_COMPOSERS = ['corpus', 'songbook', 'hymnal', 'beatstore', 'jam', 'ma'] as const;
type Composer = (typeof ALL_COMPOSERS)[number];
const COMPOSERS: Composer[] = ALL_COMPOSERS.filter(
  (c) => (c !== 'beatstore' || withBeatstore) && (c !== 'jam' || withJam) && (c !== 'ma' || withMa),
);
const material: Readonly<Record<Composer, () => LabelledItem[]>> = KEY_FIT_TUNING_HALVES;

const PEAK_RANGES = [2000, 3500, 5000];
// --nnls (seventeenth session): the 'nnls' chroma (note activations) joins the grid.
const withNnls = process.argv.includes('--nnls');
// --hpcp (nineteenth session): essentia's HPCP settings, by the rule above.
const withHpcp = process.argv.includes('--hpcp');
// --low-floor (nineteenth session's second rule): the chroma's peaks from HPCP_MIN_HZ alone.
const withLowFloor = process.argv.includes('--low-floor');
const HPCP_MIN_HZ = 25;
// --beat-bass (twenty-second session, exploration before the rule): the bass read on the beat grid.
const withBeatBass = process.argv.includes('--beat-bass');
// --chord-moves (twenty-second session's exploration, the twenty-third session's rule): the order of the
// chords on the beat grid; --emit-chord-moves writes the tables learned on all items.
const withChordMoves = process.argv.includes('--chord-moves');
/** The chroma frame holding each beat of the analyser's tempo reading (beatTimes at its period). */
function beatFramesOf(low: Float32Array, rate: number): number[] {
  const env = onsetEnvelope(low, rate, rms(low));
  return beatChromaFrames(beatTimes(env.strength, env.frameRate, estimateTempo(env).bpm), rate);
}
interface Prepared {
  id: string;
  /** Null for the validation halves' items (--harmonic-vote), which belong to no fitted composer. */
  composer: Composer | null;
  tonicPc: number;
  mode: 'major' | 'minor';
  /** The labelled colour of a minor item (null for major items and where the composer gives none). */
  minorKind: string | null;
  rate: number;
  peaks: Map<number, SpectralPeak[][]>;
  /** --hpcp, --low-floor: peaks from HPCP_MIN_HZ to the analyser's 3.5 kHz (null without them). */
  lowPeaks: SpectralPeak[][] | null;
  /** --beat-bass: the chroma frame of every beat the analyser's tempo reading tracks (null without it). */
  beatFrames: number[] | null;
}

/** An item decoded and its chroma peaks found at each of `ranges` (every fitted range unless told). */
async function prepare(
  item: LabelledItem,
  composer: Composer | null,
  ranges: readonly number[] = PEAK_RANGES,
): Promise<Prepared> {
  const rendered = await item.render();
  const { low, rate } = await lowSignalOf(rendered.path);
  const peaks = new Map(ranges.map((hz) => [hz, chromaPeaks(low, rate, hz)] as const));
  const lowPeaks =
    withHpcp || withLowFloor ? chromaPeaks(low, rate, DEFAULT_CHROMA.maxPitchHz, HPCP_MIN_HZ) : null;
  return {
    beatFrames: withBeatBass || withChordMoves ? beatFramesOf(low, rate) : null,
    id: item.id,
    composer,
    tonicPc: rendered.tonicPc,
    mode: rendered.mode,
    minorKind: rendered.mode === 'minor' ? item.minorKind : null,
    rate,
    peaks,
    lowPeaks,
  };
}

interface Variant {
  /** Index into chromaSettings. */
  c: number;
  chroma: ChromaSettings;
  profile: KeyProfileName;
  edgeBassWeight: number;
}
const label = (v: Variant) =>
  `≤${v.chroma.maxPitchHz} Hz ${v.chroma.harmonics} ${v.chroma.magnitude} norm:${v.chroma.frameNorm} ${v.profile} edge ${v.edgeBassWeight}`;

const chromaSettings: ChromaSettings[] = [];
for (const maxPitchHz of PEAK_RANGES)
  for (const harmonics of [
    'suppress',
    'subharmonic',
    'none',
    ...(withNnls ? (['nnls'] as const) : []),
  ] as const)
    for (const magnitude of ['sqrt', 'linear'] as const)
      for (const frameNorm of ['sum', 'none'] as const)
        chromaSettings.push({ maxPitchHz, harmonics, magnitude, frameNorm });
const EDGE_WEIGHTS = [0, 0.25, 0.5, 0.75, 1];
const variants: Variant[] = [];
for (const [c, chroma] of chromaSettings.entries())
  for (const profile of Object.keys(KEY_PROFILES) as KeyProfileName[])
    for (const edgeBassWeight of EDGE_WEIGHTS) variants.push({ c, chroma, profile, edgeBassWeight });
const sameChroma = (a: ChromaSettings, b: ChromaSettings) =>
  (Object.keys(a) as (keyof ChromaSettings)[]).every((k) => a[k] === b[k]);
const current = variants.findIndex(
  (v) =>
    sameChroma(v.chroma, DEFAULT_CHROMA) &&
    v.profile === DEFAULT_KEY_PROFILE &&
    v.edgeBassWeight === EDGE_BASS_WEIGHT,
);

const items: Prepared[] = [];
for (const composer of COMPOSERS) {
  const list = material[composer]().filter((_, i) => !quick || i % 3 === 0);
  for (const [i, item] of list.entries()) {
    items.push(await prepare(item, composer));
    process.stderr.write(`\r${composer} ${i + 1}/${list.length}   `);
  }
}
process.stderr.write('\n');

// Per item, once: each peak range's tuning and edge bass, each chroma setting's vector.
const tuningOf = PEAK_RANGES.map(() => new Float64Array(items.length));
const edgeOf = PEAK_RANGES.map(() => new Array<Float64Array>(items.length));
const chromas = chromaSettings.map(() => new Array<Float64Array>(items.length));
items.forEach((item, j) => {
  const edgeFrames = Math.max(1, Math.round((EDGE_SEC * item.rate) / CHROMA_HOP));
  PEAK_RANGES.forEach((hz, r) => {
    const peaks = item.peaks.get(hz)!;
    tuningOf[r]![j] = estimateTuningCents(peaks.flat());
    edgeOf[r]![j] = edgeBassChroma(peaks, tuningOf[r]![j]!, edgeFrames, startOnly ? 0 : edgeFrames);
  });
  chromaSettings.forEach((chroma, c) => {
    const r = PEAK_RANGES.indexOf(chroma.maxPitchHz);
    chromas[c]![j] = trackChroma(item.peaks.get(chroma.maxPitchHz)!, tuningOf[r]![j]!, chroma);
  });
});

/** The key read from item j's chroma `c` with a profile and tonic-evidence weight, and its MIREX score. */
function readKey(c: number, j: number, profile: KeyProfile, edgeBassWeight: number) {
  const r = PEAK_RANGES.indexOf(chromaSettings[c]!.maxPitchHz);
  const est = keyFromChroma(chromas[c]![j]!, profile, tuningOf[r]![j]!, edgeOf[r]![j]!, edgeBassWeight);
  const it = items[j]!;
  const mirex = mirexKeyScore(it.tonicPc, it.mode, TONIC_NAMES.indexOf(est.tonic), est.mode);
  // MIREX gives 0.3 to a minor piece read as its relative major (and the reverse).
  return { mirex, relativeMajor: mirex === 0.3 && it.mode === 'minor', guess: `${est.tonic} ${est.mode}` };
}

// score[v][item]: MIREX score; relative[v][item]: a minor item read as its relative major.
const score = variants.map(() => new Float64Array(items.length));
const relative = variants.map(() => new Uint8Array(items.length));
const guesses = variants.map(() => new Array<string>(items.length));
variants.forEach((v, i) => {
  items.forEach((_, j) => {
    const read = readKey(v.c, j, KEY_PROFILES[v.profile], v.edgeBassWeight);
    score[i]![j] = read.mirex;
    relative[i]![j] = read.relativeMajor ? 1 : 0;
    guesses[i]![j] = read.guess;
  });
});

const members = (c: Composer) => items.flatMap((it, j) => (it.composer === c ? [j] : []));
const sumOver = (v: number, js: number[]) => js.reduce((s, j) => s + score[v]![j]!, 0);
const relOver = (v: number, js: number[]) => js.reduce((s, j) => s + relative[v]![j]!, 0);
const all = items.map((_, j) => j);

function row(v: number): string {
  const parts = COMPOSERS.map((c) => {
    const js = members(c);
    return `${c} ${(sumOver(v, js) / js.length).toFixed(3)} (rel ${relOver(v, js)})`;
  });
  return `${(sumOver(v, all) / all.length).toFixed(3)} | ${parts.join(' | ')} | ${label(variants[v]!)}`;
}

console.log(
  `items: ${COMPOSERS.map((c) => `${c} ${members(c).length}`).join(', ')}; variants ${variants.length}`,
);
console.log(`MIREX mean | per composer (minor items read as the relative major) | variant`);
console.log(`current  ${row(current)}`);
const totals = variants.map((_, v) => sumOver(v, all));
const ranked = variants.map((_, i) => i).sort((a, b) => totals[b]! - totals[a]!);
for (const i of ranked.slice(0, top)) console.log(`#${String(i).padEnd(6)} ${row(i)}`);

// Leave one composer out: chosen on the others, scored on the left-out one.
console.log('\nleave-one-composer-out (chosen on the others → scored on the left-out one; current on it):');
for (const c of COMPOSERS) {
  const others = items.flatMap((it, j) => (it.composer !== c ? [j] : []));
  const onOthers = variants.map((_, v) => sumOver(v, others));
  const best = onOthers.indexOf(Math.max(...onOthers));
  const js = members(c);
  console.log(
    `${c}: ${(sumOver(best, js) / js.length).toFixed(3)} against current ${(sumOver(current, js) / js.length).toFixed(3)} — #${best} ${label(variants[best]!)}`,
  );
}
// Each setting alone, the others held at the analyser's: what one change buys.
console.log('\none change at a time from the current setting:');
for (const [i, v] of variants.entries()) {
  const cur = variants[current]!;
  const diffs =
    (v.profile !== cur.profile ? 1 : 0) +
    (v.edgeBassWeight !== cur.edgeBassWeight ? 1 : 0) +
    (Object.keys(v.chroma) as (keyof ChromaSettings)[]).filter((k) => v.chroma[k] !== cur.chroma[k]).length;
  if (diffs === 1) console.log(`#${String(i).padEnd(6)} ${row(i)}`);
}

// Profiles learned from the material itself (each item's chroma, normalised to sum 1 and rotated
// to its labelled tonic, averaged per mode): learned on the other composers, scored on the left-out one.
function learnedProfile(c: number, js: number[]) {
  return profileOf(chromas[c]!, js);
}
/** Items js's vectors, each normalised to sum 1 and rotated to its labelled tonic, summed per mode. */
function profileOf(vectors: readonly Float64Array[], js: number[]) {
  const major = new Array<number>(12).fill(0);
  const minor = new Array<number>(12).fill(0);
  for (const j of js) {
    const v = vectors[j]!;
    const sum = v.reduce((a, b) => a + b, 0) || 1;
    const target = items[j]!.mode === 'major' ? major : minor;
    for (let i = 0; i < 12; i++) target[i] = target[i]! + v[(i + items[j]!.tonicPc) % 12]! / sum;
  }
  return { major, minor };
}
/** Learn a profile on `train`, read the key of `test` items: MIREX sum and relative-major count. */
function learnedScore(c: number, w: number, train: number[], test: number[]) {
  const profile = learnedProfile(c, train);
  let sum = 0;
  let rel = 0;
  for (const j of test) {
    const read = readKey(c, j, profile, w);
    sum += read.mirex;
    if (read.relativeMajor) rel++;
  }
  return { sum, rel };
}
const settingsGrid = chromaSettings.flatMap((chroma, c) => EDGE_WEIGHTS.map((w) => ({ c, w, chroma })));
const settingLabel = (g: (typeof settingsGrid)[number]) =>
  `≤${g.chroma.maxPitchHz} Hz ${g.chroma.harmonics} ${g.chroma.magnitude} norm:${g.chroma.frameNorm} edge ${g.w}`;
const others = (left: Composer) => items.flatMap((it, j) => (it.composer !== left ? [j] : []));

console.log('\nprofiles learned on the other composers, scored on the left-out one (current on it):');
const loco = settingsGrid.map((g) => {
  const parts = COMPOSERS.map((left) => ({
    left,
    n: members(left).length,
    ...learnedScore(g.c, g.w, others(left), members(left)),
  }));
  const total = parts.reduce((a, p) => a + p.sum, 0);
  const text = `${(total / items.length).toFixed(3)} | ${parts.map((p) => `${p.left} ${(p.sum / p.n).toFixed(3)} (rel ${p.rel})`).join(' | ')} | ${settingLabel(g)}`;
  return { g, total, text };
});
for (const l of [...loco].sort((a, b) => b.total - a.total).slice(0, top)) console.log(l.text);

// Nested: the setting too is chosen without the left-out composer (learned on one of the other
// two, scored on the other, both ways), then the profile is learned on both and scored on it.
console.log('\nnested leave-one-composer-out (setting and profile chosen without the scored composer):');
let nestedTotal = 0;
for (const left of COMPOSERS) {
  const rest = COMPOSERS.filter((c) => c !== left);
  // Inner leave-one-out over the remaining composers: learned on all of them but one, scored on
  // that one (with three composers: on one of the other two, scored on the other, both ways).
  // Each setting scored once (not inside a sort comparator); the first best wins ties, as a stable sort would.
  const inner = settingsGrid.map((g) =>
    rest.reduce((sum, b) => {
      const train = rest.filter((c) => c !== b).flatMap(members);
      return sum + learnedScore(g.c, g.w, train, members(b)).sum;
    }, 0),
  );
  const best = settingsGrid[inner.indexOf(Math.max(...inner))]!;
  const res = learnedScore(best.c, best.w, others(left), members(left));
  nestedTotal += res.sum;
  console.log(
    `${left}: ${(res.sum / members(left).length).toFixed(3)} (rel ${res.rel}) against current ${(sumOver(current, members(left)) / members(left).length).toFixed(3)} — ${settingLabel(best)}`,
  );
}
console.log(
  `all: ${(nestedTotal / items.length).toFixed(3)} against current ${(sumOver(current, all) / all.length).toFixed(3)}`,
);

// The best setting's profile learned on every composer (what key.ts would hold).
const chosen = [...loco].sort((a, b) => b.total - a.total)[0]!.g;
const full = learnedProfile(chosen.c, all);
const norm = (xs: number[]) => xs.map((x) => Math.round((x / Math.max(...xs)) * 1000) / 1000);
/** A profile as printed for key.ts: its title, then major and minor scaled to a largest of 1. */
const profileText = (title: string, p: { major: number[]; minor: number[] }) =>
  `${title}:\n  major: [${norm(p.major).join(', ')}],\n  minor: [${norm(p.minor).join(', ')}],`;
console.log(profileText(`\nlearned on all (${settingLabel(chosen)})`, full));
const inSample = learnedScore(chosen.c, chosen.w, all, all);
console.log(`in sample: ${(inSample.sum / items.length).toFixed(3)} (rel ${inSample.rel})`);
// The same at the analyser's own setting (what KEY_PROFILES.learned holds when only the material
// changes, as the fifteenth session's rule asks).
const atCurrent = learnedProfile(variants[current]!.c, all);
console.log(
  profileText(`\nlearned on all at the analyser's setting (${label(variants[current]!)})`, atCurrent),
);

/** Item j's labelled key as an index of the 24 keys' scores (tonic * 2 + minor). */
const labelIndex = (j: number) => items[j]!.tonicPc * 2 + (items[j]!.mode === 'minor' ? 1 : 0);
/** Item j's whole-track bass chroma at the analyser's peak range (the lowest clear peak of every frame). */
function wholeTrackBass(j: number): Float64Array {
  const peaks = items[j]!.peaks.get(DEFAULT_CHROMA.maxPitchHz)!;
  return edgeBassChroma(
    peaks,
    tuningOf[PEAK_RANGES.indexOf(DEFAULT_CHROMA.maxPitchHz)]![j]!,
    peaks.length,
    0,
  );
}

/**
 * Item j's key read from its 24 scores (index tonic * 2 + minor): the MIREX score, 1 when a minor
 * item was read as its relative major, and the miss appended to `misses` when asked.
 */
function readScores(j: number, scores: ArrayLike<number>, misses?: string[]) {
  let best = 0;
  for (let k = 1; k < 24; k++) if (scores[k]! > scores[best]!) best = k;
  const it = items[j]!;
  const mode = best & 1 ? 'minor' : 'major';
  const mirex = mirexKeyScore(it.tonicPc, it.mode, best >> 1, mode);
  if (misses && mirex < 1)
    misses.push(
      `${it.id}: ${TONIC_NAMES[it.tonicPc]} ${it.mode} → ${TONIC_NAMES[best >> 1]} ${mode} (${mirex})`,
    );
  return { mirex, relativeMajor: mirex === 0.3 && it.mode === 'minor' ? 1 : 0 };
}

/**
 * An extra per-key evidence on top of the analyser's setting (DEFAULT_CHROMA, EDGE_BASS_WEIGHT), as the
 * --bass and --chords rules judge it: `evidence(train)` learns its profile on the items `train` and
 * returns (item, tonic pitch class, minor?) → a correlation, added with weight w to the key score
 * (the pitch profile learned on the same items). Nested leave-one-composer-out, w chosen by the
 * inner leave-one-out over the remaining composers, against the same procedure with w held at 0.
 */
function judgeEvidence(
  w: string,
  weights: number[],
  evidence: (train: number[]) => (j: number, pc: number, minor: boolean) => number,
  missesAt?: number,
) {
  const c = chromaSettings.findIndex((ch) => sameChroma(ch, DEFAULT_CHROMA));
  const r = PEAK_RANGES.indexOf(DEFAULT_CHROMA.maxPitchHz);
  /** Profiles learned on `train`, keys read on `test` with weight x: MIREX sum, relative-major count. */
  const read = (x: number, train: number[], test: number[], misses?: string[]) => {
    const profile = learnedProfile(c, train);
    const extra = evidence(train);
    let sum = 0;
    let rel = 0;
    for (const j of test) {
      const est = keyFromChroma(chromas[c]![j]!, profile, tuningOf[r]![j]!, edgeOf[r]![j]!, EDGE_BASS_WEIGHT);
      const scores = est.scores.slice();
      for (let pc = 0; pc < 12; pc++) {
        scores[pc * 2] = scores[pc * 2]! + x * extra(j, pc, false);
        scores[pc * 2 + 1] = scores[pc * 2 + 1]! + x * extra(j, pc, true);
      }
      const read = readScores(j, scores, misses);
      sum += read.mirex;
      rel += read.relativeMajor;
    }
    return { sum, rel };
  };
  console.log(
    `\n--${{ wb: 'bass', wc: 'chords', wo: 'bigram' }[w] ?? w}: nested leave-one-composer-out, ${w} chosen without the scored composer (${w} 0 alongside):`,
  );
  let total = 0;
  let total0 = 0;
  for (const left of COMPOSERS) {
    const rest = COMPOSERS.filter((x) => x !== left);
    const inner = weights.map((x) =>
      rest.reduce((sum, b) => sum + read(x, rest.filter((y) => y !== b).flatMap(members), members(b)).sum, 0),
    );
    const chosen = weights[inner.indexOf(Math.max(...inner))]!;
    const res = read(chosen, others(left), members(left));
    const res0 = read(0, others(left), members(left));
    total += res.sum;
    total0 += res0.sum;
    const n = members(left).length;
    console.log(
      `${left}: ${res.sum.toFixed(1)} / ${n} (${(res.sum / n).toFixed(3)}, rel ${res.rel}) with ${w} ${chosen} (inner ${inner.map((x) => x.toFixed(1)).join(' / ')}) against ${w} 0: ${res0.sum.toFixed(1)} (${(res0.sum / n).toFixed(3)}, rel ${res0.rel})`,
    );
  }
  console.log(
    `all: ${total.toFixed(1)} against ${total0.toFixed(1)} with ${w} 0 (${(total - total0).toFixed(1)} points)`,
  );
  for (const x of weights) {
    const parts = COMPOSERS.map((left) => read(x, others(left), members(left)).sum);
    console.log(
      `  ${w} ${x} everywhere: ${parts.map((v, i) => `${COMPOSERS[i]} ${v.toFixed(1)}`).join(', ')}`,
    );
  }
  if (missesAt !== undefined)
    for (const left of COMPOSERS) {
      const misses: string[] = [];
      read(missesAt, others(left), members(left), misses);
      console.log(`misses, ${left} left out, ${w} ${missesAt}:\n  ${misses.join('\n  ')}`);
    }
}

// --bass (thirteenth session): a whole-track bass profile on top of the analyser's setting.
if (process.argv.includes('--bass')) {
  const bassOf = items.map((_, j) => wholeTrackBass(j));
  // edgeBassChroma's vectors already sum to 1 (or are all zero), so this is their plain sum.
  const bassProfile = (js: number[]) => profileOf(bassOf, js);
  judgeEvidence('wb', [0, 0.1, 0.2, 0.3, 0.5], (train) => {
    const bp = bassProfile(train);
    return (j, pc, minor) => profileCorrelation(bassOf[j]!, minor ? bp.minor : bp.major, pc);
  });
  const bp = bassProfile(all);
  console.log(profileText(`bass profile learned on all`, bp));
}

// --chords (fourteenth session): chord evidence on top of the analyser's setting.
if (process.argv.includes('--chords')) {
  const r = PEAK_RANGES.indexOf(DEFAULT_CHROMA.maxPitchHz);
  const chordsOf = items.map((it, j) =>
    chordHistogram(it.peaks.get(DEFAULT_CHROMA.maxPitchHz)!, tuningOf[r]![j]!),
  );
  /** Items js's chord histograms rotated to their labelled tonic, summed per mode (48 values each). */
  const chordProfile = (js: number[]) => {
    const major = new Array<number>(CHORD_DIMS).fill(0);
    const minor = new Array<number>(CHORD_DIMS).fill(0);
    for (const j of js) {
      const target = items[j]!.mode === 'major' ? major : minor;
      const h = chordsOf[j]!;
      for (let i = 0; i < CHORD_DIMS; i++)
        target[i] = target[i]! + h[rotatedChordIndex(i, items[j]!.tonicPc)]!;
    }
    return { major, minor };
  };
  const missesAt = process.argv.includes('--chord-misses')
    ? Number(process.argv.find((a) => a.startsWith('--wc='))?.slice(5) ?? 0.2)
    : undefined;
  judgeEvidence(
    'wc',
    [0, 0.1, 0.2, 0.3, 0.5],
    (train) => {
      const cp = chordProfile(train);
      return (j, pc, minor) => profileCorrelation(chordsOf[j]!, minor ? cp.minor : cp.major, pc);
    },
    missesAt,
  );
  const cp = chordProfile(all);
  for (const mode of ['major', 'minor'] as const) {
    const p = norm(cp[mode]);
    console.log(`chord profile (${mode}), learned on all, per type:`);
    for (const [k, t] of CHORD_TYPES.entries())
      console.log(`  ${t.name.padEnd(5)} [${p.slice(k * 12, k * 12 + 12).join(', ')}]`);
  }
}

/**
 * A candidate against the analyser's setting by leave one composer out (each composer read with what
 * was learned on the other composers): `read(train, test)` gives the MIREX sum and the relative-major
 * count; the baseline is the pitch profile learned at DEFAULT_CHROMA with EDGE_BASS_WEIGHT. Prints a
 * row per composer and the totals (--nnls, --minor-kinds and --gate judge so).
 */
function compareLeaveOneOut(
  name: string,
  read: (train: number[], test: number[]) => { sum: number; rel: number },
) {
  const c = chromaSettings.findIndex((ch) => sameChroma(ch, DEFAULT_CHROMA));
  let total = 0;
  let total0 = 0;
  for (const left of COMPOSERS) {
    const res = read(others(left), members(left));
    const res0 = learnedScore(c, EDGE_BASS_WEIGHT, others(left), members(left));
    total += res.sum;
    total0 += res0.sum;
    console.log(
      `${left}: ${name} ${res.sum.toFixed(1)} (rel ${res.rel}) against ${res0.sum.toFixed(1)} (rel ${res0.rel}) / ${members(left).length}`,
    );
  }
  console.log(
    `all: ${name} ${total.toFixed(1)} against ${total0.toFixed(1)} (${(total - total0).toFixed(1)} points)`,
  );
}

/**
 * Keys read from other track chromas (one per item) at the analyser's tuning and edges' bass, the
 * profile learned on those chromas of the training items: what --gate and --hpcp compare.
 */
function readLearnedOn(vectors: readonly Float64Array[]) {
  return (train: number[], test: number[]) => readWith(vectors, profileOf(vectors, train), test);
}

/**
 * Keys of items `js` read from one track chroma each with `profile`, at the analyser's tuning and edges'
 * bass (EDGE_BASS_WEIGHT; only within `edgeGate` of the best profile correlation when given): MIREX sum
 * and relative-major count.
 */
function readWith(
  vectors: readonly Float64Array[],
  profile: KeyProfile,
  js: number[],
  edgeGate = Number.POSITIVE_INFINITY,
) {
  const r = PEAK_RANGES.indexOf(DEFAULT_CHROMA.maxPitchHz);
  let sum = 0;
  let rel = 0;
  for (const j of js) {
    const est = keyFromChroma(
      vectors[j]!,
      profile,
      tuningOf[r]![j]!,
      edgeOf[r]![j]!,
      EDGE_BASS_WEIGHT,
      edgeGate,
    );
    const read = readScores(j, est.scores);
    sum += read.mirex;
    rel += read.relativeMajor;
  }
  return { sum, rel };
}

// --bigram (eighteenth session): the order of the bass notes, by the rule above.
// --bigram-held (the second rule): the notes held two frames or more only.
const bigramHeld = process.argv.includes('--bigram-held');
if (process.argv.includes('--bigram') || bigramHeld) {
  const r = PEAK_RANGES.indexOf(DEFAULT_CHROMA.maxPitchHz);
  const movesOf = items.map((it, j) =>
    bassNoteSequence(it.peaks.get(DEFAULT_CHROMA.maxPitchHz)!, tuningOf[r]![j]!, bigramHeld ? 2 : 1),
  );
  /** log P(to | from) per mode (index from * 12 + to, degrees of the tonic), learned on items js. */
  const moveTables = (js: number[]) => {
    const counts = { major: new Float64Array(144), minor: new Float64Array(144) };
    for (const j of js) {
      const { tonicPc, mode } = items[j]!;
      const m = movesOf[j]!;
      for (let i = 1; i < m.length; i++) {
        const k = bassMoveIndex(m[i - 1]!, m[i]!, tonicPc);
        counts[mode][k] = counts[mode][k]! + 1;
      }
    }
    return { major: bassMoveLogTable(counts.major), minor: bassMoveLogTable(counts.minor) };
  };
  const missesAt = process.argv.includes('--bigram-misses')
    ? Number(process.argv.find((a) => a.startsWith('--wo='))?.slice(5) ?? 0.05)
    : undefined;
  judgeEvidence(
    'wo',
    [0, 0.01, 0.02, 0.05, 0.1, 0.2],
    (train) => {
      const t = moveTables(train);
      return (j, pc, minor) => bassMoveScore(movesOf[j]!, minor ? t.minor : t.major, pc);
    },
    missesAt,
  );
  // The outer choice (each wo everywhere, summed) and the tables learned on all: what key.ts would hold.
  const t = moveTables(all);
  const round = (xs: ArrayLike<number>) => Array.from(xs, (x) => Math.round(x * 1000) / 1000);
  console.log(
    `moves: ${movesOf.reduce((a, m) => a + Math.max(0, m.length - 1), 0)} over ${items.length} items`,
  );
  console.log(
    `BASS_MOVE_LOG_P = {\n  major: [${round(t.major).join(', ')}],\n  minor: [${round(t.minor).join(', ')}],\n};`,
  );
}

// --minor-kinds (eighteenth session's third rule): one minor profile per labelled colour.
if (process.argv.includes('--minor-kinds')) {
  const c = chromaSettings.findIndex((ch) => sameChroma(ch, DEFAULT_CHROMA));
  const r = PEAK_RANGES.indexOf(DEFAULT_CHROMA.maxPitchHz);
  const KINDS = ['natural', 'harmonic', 'dorian'] as const;
  const kindOf = (j: number) => {
    const k = items[j]!.minorKind;
    return k === 'harmonic' || k === 'dorian' ? k : 'natural';
  };
  /** The major profile and one minor profile per colour (a colour without items: the all-minor one). */
  const kindProfiles = (train: number[]) => {
    const pooled = learnedProfile(c, train);
    const byColour = KINDS.map((kind) =>
      train.filter((j) => items[j]!.mode === 'minor' && kindOf(j) === kind),
    );
    return {
      major: pooled.major,
      minors: byColour.map((js) => (js.length ? profileOf(chromas[c]!, js).minor : pooled.minor)),
      counts: byColour.map((js) => js.length),
    };
  };
  /** Keys read with each colour's profile in turn (keyFromChroma: the edges' bass added alike), a minor key by its best. */
  const readWith = (p: ReturnType<typeof kindProfiles>, test: number[]) => {
    let sum = 0;
    let rel = 0;
    for (const j of test) {
      const [first, ...rest] = p.minors.map(
        (minor) =>
          keyFromChroma(
            chromas[c]![j]!,
            { major: p.major, minor },
            tuningOf[r]![j]!,
            edgeOf[r]![j]!,
            EDGE_BASS_WEIGHT,
          ).scores,
      );
      for (const scores of rest) for (let k = 1; k < 24; k += 2) first![k] = Math.max(first![k]!, scores[k]!);
      const read = readScores(j, first!);
      sum += read.mirex;
      rel += read.relativeMajor;
    }
    return { sum, rel };
  };
  console.log(
    '\n--minor-kinds: profiles learned on the other composers, scored on the left-out one (one minor profile alongside):',
  );
  compareLeaveOneOut('minor colours', (train, test) => readWith(kindProfiles(train), test));
  const p = kindProfiles(all);
  console.log(
    `learned on all (minor items per colour ${KINDS.map((k, i) => `${k} ${p.counts[i]}`).join(', ')}):\n  major: [${norm(p.major).join(', ')}],\n${KINDS.map((k, i) => `  ${k}: [${norm(p.minors[i]!).join(', ')}],`).join('\n')}`,
  );
}

// --gate (eighteenth session's fourth rule): the track chroma gated at 0.2 of its largest.
if (process.argv.includes('--gate')) {
  const GATE = 0.2;
  const c = chromaSettings.findIndex((ch) => sameChroma(ch, DEFAULT_CHROMA));
  const gated = chromas[c]!.map((v) => {
    const max = Math.max(...v);
    return v.map((x) => (x < GATE * max ? 0 : x));
  });
  console.log(
    `\n--gate: the track chroma gated at ${GATE} of its largest, profile learned on the other composers:`,
  );
  compareLeaveOneOut('gated', readLearnedOn(gated));
  const p = profileOf(gated, all);
  console.log(profileText(`gated profile learned on all`, p));
  const zeros = gated.reduce((a, v) => a + v.filter((x) => x === 0).length, 0) / gated.length;
  console.log(`pitch classes gated to 0: ${zeros.toFixed(1)} of 12 an item`);
}

const HPCP_MAX_PEAKS = 60;
const HPCP_WINDOW = 0.5;
/** The frame's `n` largest peaks (essentia's maxPeaks keeps the largest). */
const largest = (frames: SpectralPeak[][], n: number) =>
  frames.map((f) => (f.length <= n ? f : [...f].sort((a, b) => b.magnitude - a.magnitude).slice(0, n)));
/**
 * Every item's track chroma at the analyser's setting and tuning, with any of essentia's HPCP
 * settings (--hpcp, --low-floor): peaks from HPCP_MIN_HZ, the HPCP_MAX_PEAKS largest a frame, a
 * ±HPCP_WINDOW semitone window, frames scaled to their largest.
 */
function essentiaChroma(low: boolean, cap: boolean, window: boolean, max: boolean): Float64Array[] {
  const r = PEAK_RANGES.indexOf(DEFAULT_CHROMA.maxPitchHz);
  return items.map((it, j) => {
    const peaks = low ? it.lowPeaks! : it.peaks.get(DEFAULT_CHROMA.maxPitchHz)!;
    return trackChroma(cap ? largest(peaks, HPCP_MAX_PEAKS) : peaks, tuningOf[r]![j]!, {
      ...DEFAULT_CHROMA,
      frameNorm: max ? 'max' : DEFAULT_CHROMA.frameNorm,
      ...(window ? { window: HPCP_WINDOW } : {}),
    });
  });
}

// --hpcp (nineteenth session's rule): essentia's HPCP settings together, and each alone for the record.
if (withHpcp) {
  const hpcp = essentiaChroma(true, true, true, true);
  console.log(
    `\n--hpcp: peaks from ${HPCP_MIN_HZ} Hz, the ${HPCP_MAX_PEAKS} largest a frame, ±${HPCP_WINDOW} semitone, frames scaled to their largest; profile learned on the other composers:`,
  );
  compareLeaveOneOut('hpcp', readLearnedOn(hpcp));
  const alone = [
    ['from 25 Hz alone', essentiaChroma(true, false, false, false)],
    ['60 largest peaks alone', essentiaChroma(false, true, false, false)],
    ['±0.5 semitone alone', essentiaChroma(false, false, true, false)],
    ['frames scaled to their largest alone', essentiaChroma(false, false, false, true)],
  ] as const;
  for (const [name, vectors] of alone) {
    console.log(`\n--hpcp, for the record: ${name}:`);
    compareLeaveOneOut(name, readLearnedOn(vectors));
  }
  const peaksPerFrame = items.reduce(
    (a, it) => a + it.lowPeaks!.reduce((b, f) => b + f.length, 0) / it.lowPeaks!.length,
    0,
  );
  console.log(
    `peaks a frame from ${HPCP_MIN_HZ} Hz: ${(peaksPerFrame / items.length).toFixed(1)} on average`,
  );
  const p = profileOf(hpcp, all);
  console.log(profileText(`hpcp profile learned on all`, p));
}

// --low-floor (nineteenth session's second rule): the chroma's peaks from 25 Hz, the rest the analyser's.
if (withLowFloor) {
  const low = essentiaChroma(true, false, false, false);
  console.log(
    `\n--low-floor: the chroma's peaks from ${HPCP_MIN_HZ} Hz, profile learned on the other composers:`,
  );
  compareLeaveOneOut('from 25 Hz', readLearnedOn(low));
  const p = profileOf(low, all);
  console.log(profileText(`profile learned on all six (key.ts)`, p));
}

// --edge-gate (twentieth session): the edges' bonus only within δ of the best profile correlation.
if (process.argv.includes('--edge-gate')) {
  const c = chromaSettings.findIndex((ch) => sameChroma(ch, DEFAULT_CHROMA));
  const GATES = [Number.POSITIVE_INFINITY, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2]; // ties keep the first
  const gated = (profile: KeyProfile, gate: number, js: number[]) => readWith(chromas[c]!, profile, js, gate);
  /** The gate with the highest MIREX sum on `js` (each gate scored once; ties keep the first). */
  const bestGate = (profile: KeyProfile, js: number[]) => {
    const sums = GATES.map((g) => gated(profile, g, js).sum);
    return GATES[sums.indexOf(Math.max(...sums))]!;
  };
  console.log(
    '\n--edge-gate: δ chosen on the other composers (profile learned on them), scored on the left-out one:',
  );
  compareLeaveOneOut('gated', (train, test) => {
    const profile = learnedProfile(c, train);
    const gate = bestGate(profile, train);
    process.stdout.write(`  δ ${gate} chosen without it; `);
    return gated(profile, gate, test);
  });
  const committed = KEY_PROFILES[DEFAULT_KEY_PROFILE];
  for (const g of GATES)
    console.log(`  committed profile, all six, δ ${g}: ${gated(committed, g, all).sum.toFixed(1)}`);
  console.log(`δ best on all six with the committed profile (key.ts EDGE_GATE): ${bestGate(committed, all)}`);
}

// --nnls (seventeenth session): the note-activation chroma against the analyser's, by the rule above.
if (withNnls) {
  const nn = chromaSettings.findIndex((ch) => sameChroma(ch, { ...DEFAULT_CHROMA, harmonics: 'nnls' }));
  console.log('\n--nnls: profile learned on the other composers, scored on the left-out one, edge 0.25:');
  compareLeaveOneOut('nnls', (train, test) => learnedScore(nn, EDGE_BASS_WEIGHT, train, test));
  const p = learnedProfile(nn, all);
  console.log(profileText(`nnls profile learned on all`, p));
}

// --logit (seventeenth session): the discriminatively trained key model, by the rule above.
if (process.argv.includes('--logit')) {
  const c = chromaSettings.findIndex((ch) => sameChroma(ch, DEFAULT_CHROMA));
  const r = PEAK_RANGES.indexOf(DEFAULT_CHROMA.maxPitchHz);
  const features = items.map((_, j) => keyLogitFeatures(chromas[c]![j]!, edgeOf[r]![j]!, wholeTrackBass(j)));
  const LAMBDAS = [1, 3, 10, 30, 100, 1000];
  const theta0Of = (train: number[]) =>
    generativeTheta(learnedProfile(c, train), EDGE_BASS_WEIGHT, 1 / KEY_SHARE_TEMPERATURE);
  const trainOn = (lambda: number, train: number[]) =>
    trainKeyLogit(
      train.map((j) => ({ x: features[j]!, label: labelIndex(j) })),
      theta0Of(train),
      lambda,
    );
  /** MIREX sum of θ on `test` (relative-major count; misses listed when asked). */
  const scoreWith = (theta: Float64Array, test: number[], misses?: string[]) => {
    let sum = 0;
    let rel = 0;
    for (const j of test) {
      const s = keyLogitScores(theta, features[j]!);
      const read = readScores(j, s, misses);
      sum += read.mirex;
      rel += read.relativeMajor;
    }
    return { sum, rel };
  };
  const listMisses = process.argv.includes('--logit-misses');
  console.log(
    '\n--logit: nested leave-one-composer-out, λ chosen without the scored composer (generative alongside):',
  );
  let total = 0;
  let total0 = 0;
  for (const left of COMPOSERS) {
    const rest = COMPOSERS.filter((x) => x !== left);
    const inner = LAMBDAS.map((lambda) =>
      rest.reduce(
        (sum, b) =>
          sum + scoreWith(trainOn(lambda, rest.filter((y) => y !== b).flatMap(members)), members(b)).sum,
        0,
      ),
    );
    const lambda = LAMBDAS[inner.indexOf(Math.max(...inner))]!;
    const misses: string[] = [];
    const res = scoreWith(trainOn(lambda, others(left)), members(left), listMisses ? misses : undefined);
    const res0 = learnedScore(c, EDGE_BASS_WEIGHT, others(left), members(left));
    total += res.sum;
    total0 += res0.sum;
    const n = members(left).length;
    console.log(
      `${left}: ${res.sum.toFixed(1)} / ${n} (${(res.sum / n).toFixed(3)}, rel ${res.rel}) with λ ${lambda} (inner ${inner.map((x) => x.toFixed(1)).join(' / ')}) against generative ${res0.sum.toFixed(1)} (${(res0.sum / n).toFixed(3)}, rel ${res0.rel})`,
    );
    if (listMisses) console.log(`  ${misses.join('\n  ')}`);
  }
  console.log(
    `all: ${total.toFixed(1)} against ${total0.toFixed(1)} generative (${(total - total0).toFixed(1)} points)`,
  );
  // Each λ everywhere (for the record), and the outer choice for the model trained on all.
  const outer = LAMBDAS.map((lambda) => {
    const parts = COMPOSERS.map((left) => scoreWith(trainOn(lambda, others(left)), members(left)).sum);
    console.log(
      `  λ ${lambda} everywhere: ${parts.map((v, i) => `${COMPOSERS[i]} ${v.toFixed(1)}`).join(', ')} (${parts.reduce((a, b) => a + b, 0).toFixed(1)})`,
    );
    return parts.reduce((a, b) => a + b, 0);
  });
  const lambda = LAMBDAS[outer.indexOf(Math.max(...outer))]!;
  const theta = trainOn(lambda, all);
  const inSample = scoreWith(theta, all);
  console.log(`trained on all with λ ${lambda}: in sample ${inSample.sum.toFixed(1)} / ${all.length}`);
  const round = (xs: ArrayLike<number>) => Array.from(xs, (x) => Math.round(x * 1000) / 1000);
  console.log(`KEY_LOGIT_WEIGHTS = [${round(theta).join(', ')}]`);
}

// --calibrate (fourteenth session): the temperature of the keys' shares, by the rule above.
if (process.argv.includes('--calibrate')) {
  const c = chromaSettings.findIndex((ch) => sameChroma(ch, DEFAULT_CHROMA));
  const r = PEAK_RANGES.indexOf(DEFAULT_CHROMA.maxPitchHz);
  // Each composer's items scored with the pitch profile learned on the other composers.
  const scoresOf = new Array<Float64Array>(items.length);
  for (const left of COMPOSERS) {
    const profile = learnedProfile(c, others(left));
    for (const j of members(left))
      scoresOf[j] = keyFromChroma(
        chromas[c]![j]!,
        profile,
        tuningOf[r]![j]!,
        edgeOf[r]![j]!,
        EDGE_BASS_WEIGHT,
      ).scores;
  }
  console.log("\n--calibrate: keys' shares softmax(score / τ), leave-one-composer-out scores:");
  console.log(
    'τ | log-likelihood of the label | label read or offered | alternatives offered per item | mean share of the reading',
  );
  const grid = [0.01, 0.015, 0.02, 0.03, 0.05, 0.08, 0.12];
  const rows = grid.map((tau) => {
    let ll = 0;
    let covered = 0;
    let offered = 0;
    let readShare = 0;
    for (const j of all) {
      const shares = keyShares(scoresOf[j]!, tau);
      ll += Math.log(Math.max(shares[labelIndex(j)]!, 1e-12));
      const alts = keyAlternatives(scoresOf[j]!, tau);
      offered += alts.length;
      const est = scoresOf[j]!.indexOf(Math.max(...scoresOf[j]!));
      readShare += shares[est]!;
      const label = labelIndex(j);
      if (
        est === label ||
        alts.some((a) => TONIC_NAMES.indexOf(a.tonic) * 2 + (a.mode === 'minor' ? 1 : 0) === label)
      )
        covered++;
    }
    return { tau, ll, covered, offered, readShare };
  });
  for (const x of rows)
    console.log(
      `${x.tau} | ${x.ll.toFixed(1)} | ${x.covered}/${all.length} (${(x.covered / all.length).toFixed(3)}) | ${(x.offered / all.length).toFixed(2)} | ${(x.readShare / all.length).toFixed(3)}`,
    );
  const best = rows.reduce((a, b) => (b.ll > a.ll ? b : a));
  console.log(
    `best τ by log-likelihood: ${best.tau} (the analyser's KEY_SHARE_TEMPERATURE: ${KEY_SHARE_TEMPERATURE})`,
  );
}

// --beat-bass (twenty-second session): tonic evidence from the bass on the beat grid, each a share of
// the bass notes (√magnitude, sum 1) added as the edges' bass is, w × (the tonic's share − 1⁄12), judged
// as --bass was. Why: the edges' bass reads the first and last 3 s; a loop or a phrase comes back to its
// tonic on its first downbeat, which the beat grid can find anywhere in the track.
if (withBeatBass) {
  const r = PEAK_RANGES.indexOf(DEFAULT_CHROMA.maxPitchHz);
  const bassAt = items.map((it, j) =>
    it.peaks.get(DEFAULT_CHROMA.maxPitchHz)!.map((peaks) => frameBassNote(peaks, tuningOf[r]![j]!)),
  );
  /** The bass notes at item j's beats that `keep` (beat index, every beat's bass pitch class) allows. */
  const share = (j: number, keep: (i: number, pcs: number[]) => boolean) => {
    const frames = items[j]!.beatFrames!;
    const pcs = frames.map((f) => bassAt[j]![f]?.pc ?? -1);
    const v = new Float64Array(12);
    frames.forEach((f, i) => {
      const b = bassAt[j]![f];
      if (b && keep(i, pcs)) v[b.pc] = v[b.pc]! + b.weight;
    });
    const sum = v.reduce((a, b) => a + b, 0);
    if (sum > 0) for (let i = 0; i < 12; i++) v[i] = v[i]! / sum;
    return v;
  };
  /** The bar phase (of four beats) onto which the bass changes most often: the downbeat. */
  const downbeatPhase = (pcs: number[]) => {
    const changes = [0, 0, 0, 0];
    for (let i = 1; i < pcs.length; i++) if (pcs[i]! >= 0 && pcs[i] !== pcs[i - 1]) changes[i % 4]!++;
    return changes.indexOf(Math.max(...changes));
  };
  const kinds: [string, (i: number, pcs: number[]) => boolean][] = [
    ['every beat', () => true],
    ['every 8th beat from the first', (i) => i % 8 === 0],
    ['every 16th beat from the first', (i) => i % 16 === 0],
    ['downbeats', (i, pcs) => i % 4 === downbeatPhase(pcs)],
  ];
  for (const [name, keep] of kinds) {
    const shares = items.map((_, j) => share(j, keep));
    console.log(`\n--beat-bass, ${name}:`);
    judgeEvidence('wbb', [0, 0.05, 0.1, 0.2, 0.3], () => (j, pc) => shares[j]![pc]! - 1 / 12);
  }
}

// --chord-moves (twenty-second session's exploration; judged by the twenty-third session's rule above,
// not kept; the evidence is engine/src/analyze/chord-moves.ts): each beat of the analyser's tempo
// reading labelled with its best major or minor triad (cosine of the beat's summed frame chroma, at the
// analyser's setting, with binary templates), and a key scored by the mean over the item's beats of
// log P(chord | the chord a beat before), the chords as degrees and qualities of the candidate tonic
// (24 × 24 per mode, learned on the training items rotated to their labelled tonic; counts + 0.5),
// added as w × (that mean − the best key's). Why: the bass's order (--bigram) reads no chord quality and
// no metre, the beat-grid bass (--beat-bass) no order; which chord follows which, beat by beat, holds
// both, and how long each chord lasts (the repeats are moves too: the tonic is held longest).
if (withChordMoves) {
  const r = PEAK_RANGES.indexOf(DEFAULT_CHROMA.maxPitchHz);
  /** Item j's chord on every beat (chord-moves.ts beatChords at the analyser's chroma and tuning). */
  const chordsOf = items.map((it, j) =>
    beatChords(frameChromas(it.peaks.get(DEFAULT_CHROMA.maxPitchHz)!, tuningOf[r]![j]!), it.beatFrames!),
  );
  const tables = (train: number[]) =>
    learnChordMoveTables(
      train.map((j) => ({ chords: chordsOf[j]!, tonicPc: items[j]!.tonicPc, mode: items[j]!.mode })),
    );
  judgeEvidence('wm', [0, 0.1, 0.2, 0.3, 0.5, 0.8], (train) => {
    const t = tables(train);
    const cache = new Map<number, Float64Array>();
    return (j, pc, minor) => {
      if (!cache.has(j)) cache.set(j, chordMoveScores(chordsOf[j]!, t));
      return cache.get(j)![pc * 2 + (minor ? 1 : 0)]!;
    };
  });
  // --emit-chord-moves: the tables learned on all the fit's items, as the analyser's data module
  if (process.argv.includes('--emit-chord-moves')) {
    if (quick) throw new Error('--emit-chord-moves learns on every item: drop --quick');
    const t = tables(all);
    const rows = (m: Float64Array) =>
      Array.from(
        { length: 24 },
        (_, a) => `    ${Array.from(m.subarray(a * 24, a * 24 + 24), (x) => x.toFixed(4)).join(', ')},`,
      ).join('\n');
    const out = new URL('../engine/src/analyze/chord-moves-table.ts', import.meta.url);
    writeFileSync(
      out,
      `// Generated by \`npm run fit:key -- --beatstore --jam --ma --chord-moves --emit-chord-moves\`: the
// chord-move tables (chord-moves.ts) learned on the six fitted composers' tuning halves (${all.length} items),
// log P(to | from), index from * 24 + to, chords as degree * 2 + (minor ? 1 : 0) of the key's tonic.
// biome-ignore-all lint/suspicious/noApproximativeNumericConstant: learned log-probabilities (one is −ln 10 to four places)
import type { ChordMoveTables } from './chord-moves.ts';

export const CHORD_MOVE_TABLES: ChordMoveTables = {
  major: new Float64Array([
${rows(t.major)}
  ]),
  minor: new Float64Array([
${rows(t.minor)}
  ]),
};
`,
    );
    execFileSync('npx', ['biome', 'format', '--write', out.pathname]);
    console.log(`wrote ${out.pathname}`);
  }
}

// --harmonic-vote (twenty-second session): how much a peak explained as a harmonic still votes, with
// the edges' weight, by the rule above.
if (process.argv.includes('--harmonic-vote')) {
  const setting = (vote: number): ChromaSettings => ({
    ...DEFAULT_CHROMA,
    harmonics: 'suppress',
    harmonicVote: vote,
  });
  // The validation halves: the tuning halves of sets K, L, M and N (karaoke book, library, atlas, live
  // sets), which no key fit has trained on, scored with the profile learned on all of the fit's composers.
  const validation: { name: string; items: Prepared[] }[] = [];
  for (const [name, list] of [
    ['K', labelledKaraokeTuningHalf],
    ['L', labelledLibraryTuningHalf],
    ['M', labelledAtlasTuningHalf],
    ['N', labelledLivesetTuningHalf],
  ] as const) {
    const set = { name, items: [] as Prepared[] };
    const chosen = list().filter((_, i) => !quick || i % 3 === 0);
    for (const [i, item] of chosen.entries()) {
      set.items.push(await prepare(item, null, [DEFAULT_CHROMA.maxPitchHz]));
      process.stderr.write(`\r${name} ${i + 1}/${chosen.length}   `);
    }
    validation.push(set);
  }
  process.stderr.write('\n');
  /** An item's chroma at the analyser's peak range, tuning and edges' bass, for a harmonic vote. */
  const read = (it: Prepared) => {
    const peaks = it.peaks.get(DEFAULT_CHROMA.maxPitchHz)!;
    const tuning = estimateTuningCents(peaks.flat());
    const edgeFrames = Math.max(1, Math.round((EDGE_SEC * it.rate) / CHROMA_HOP));
    return { peaks, tuning, edge: edgeBassChroma(peaks, tuning, edgeFrames) };
  };
  const r = PEAK_RANGES.indexOf(DEFAULT_CHROMA.maxPitchHz);
  // the fit's items: the tuning and the edges' bass computed above (edgeOf reads both edges unless
  // --start-only, which this table does not take)
  const fitReads = items.map((it, j) => ({
    peaks: it.peaks.get(DEFAULT_CHROMA.maxPitchHz)!,
    tuning: tuningOf[r]![j]!,
    edge: startOnly ? read(it).edge : edgeOf[r]![j]!,
  }));
  const valReads = validation.map((set) => set.items.map(read));
  const mirexOf = (
    it: Prepared,
    chroma: Float64Array,
    profile: KeyProfile,
    tuning: number,
    edge: Float64Array,
    w: number,
  ) => {
    const est = keyFromChroma(chroma, profile, tuning, edge, w);
    return mirexKeyScore(it.tonicPc, it.mode, TONIC_NAMES.indexOf(est.tonic), est.mode);
  };
  console.log(
    '\n--harmonic-vote: leave one composer out (profile learned on the others) | validation halves (profile learned on all):',
  );
  for (const vote of [0.25, 0.4, 0.5, 0.6, 0.75, 1]) {
    const st = setting(vote);
    const fitChroma = items.map((_, j) => trackChroma(fitReads[j]!.peaks, fitReads[j]!.tuning, st));
    const valChroma = valReads.map((reads) => reads.map((x) => trackChroma(x.peaks, x.tuning, st)));
    for (const w of [0.15, 0.25, 0.35]) {
      const parts = COMPOSERS.map((left) => {
        const profile = profileOf(fitChroma, others(left));
        return members(left).reduce(
          (sum, j) =>
            sum + mirexOf(items[j]!, fitChroma[j]!, profile, fitReads[j]!.tuning, fitReads[j]!.edge, w),
          0,
        );
      });
      const profile = profileOf(fitChroma, all);
      const val = validation.map((set, v) =>
        set.items.reduce((sum, it, i) => {
          const x = valReads[v]![i]!;
          return sum + mirexOf(it, valChroma[v]![i]!, profile, x.tuning, x.edge, w);
        }, 0),
      );
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      console.log(
        `vote ${vote} edge ${w}: ${sum(parts).toFixed(1)} | ${COMPOSERS.map((c, i) => `${c} ${parts[i]!.toFixed(1)}`).join(', ')} | validation ${sum(val).toFixed(1)}: ${validation.map((set, v) => `${set.name} ${val[v]!.toFixed(1)}/${set.items.length}`).join(', ')}`,
      );
      if (vote === 0.5 && w === 0.15) console.log(profileText('  learned on all at vote 0.5', profile));
    }
  }
}

if (missesOf !== undefined) {
  const v = missesOf === 'current' || missesOf === '' ? current : Number(missesOf);
  console.log(`\nmisses of #${v} (${label(variants[v]!)}):`);
  items.forEach((it, j) => {
    if (score[v]![j]! < 1)
      console.log(`${it.id}: ${TONIC_NAMES[it.tonicPc]} ${it.mode} → ${guesses[v]![j]} (${score[v]![j]})`);
  });
}
