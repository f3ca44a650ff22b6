// Any labelled item of the analyser's material — our corpus (corpus.ts), the songbook, the hymnal,
// the beat store, the jam tracks, the MIDI archive, the karaoke book, the production-music library, the world-music atlas, the live sets, the game soundtrack, the concert programme and the rehearsal room (the other composers) — as one shape with the renderer that makes (or finds)
// its file: what bench/analysis.ts, bench/fit-metre.ts and the held-out suites (../held-out/) iterate over. Tests and
// benches only.
import { type AtlasItem, atlas } from './atlas.ts';
import { renderAtlasItem } from './atlas-render.ts';
import type { BandroomItem } from './bandroom.ts';
import { renderBandroomItem } from './bandroom-render.ts';
import { type BeatstoreItem, beatstore } from './beatstore.ts';
import { renderBeatstoreItem } from './beatstore-render.ts';
import type { ConcertItem } from './concert.ts';
import { renderConcertItem } from './concert-render.ts';
import { type CorpusItem, corpusSet } from './corpus.ts';
import { type RenderedItem, renderCorpusItem } from './corpus-render.ts';
import type { GamesoundItem } from './gamesound.ts';
import { renderGamesoundItem } from './gamesound-render.ts';
import { type HymnalItem, hymnal } from './hymnal.ts';
import { renderHymnalItem } from './hymnal-render.ts';
import { type JamItem, jamtracks } from './jamtracks.ts';
import { renderJamtracksItem } from './jamtracks-render.ts';
import { type KaraokeItem, karaoke } from './karaoke.ts';
import { renderKaraokeItem } from './karaoke-render.ts';
import { type LibraryItem, library } from './library.ts';
import { renderLibraryItem } from './library-render.ts';
import { type LivesetItem, liveset } from './liveset.ts';
import { renderLivesetItem } from './liveset-render.ts';
import { type MidiArchiveItem, midiarchive } from './midiarchive.ts';
import { renderMidiarchiveItem } from './midiarchive-render.ts';
import { type SongbookItem, songbook } from './songbook.ts';
import { renderSongbookItem } from './songbook-render.ts';

export interface LabelledItem {
  id: string;
  /** The labelled tempo as known before rendering (0 for engine items: the plan decides it). */
  bpm: number;
  mode: 'major' | 'minor';
  minorKind: string | null;
  /** The file and its labels (rendered once, then read from its cache). */
  render: () => Promise<RenderedItem>;
}

type Labelled = Pick<LabelledItem, 'id' | 'bpm' | 'mode' | 'minorKind'>;

function labelled<T extends Labelled>(
  items: T[],
  render: (item: T) => Promise<RenderedItem>,
): LabelledItem[] {
  return items.map((it) => ({
    id: it.id,
    bpm: it.bpm,
    mode: it.mode,
    minorKind: it.minorKind,
    render: () => render(it),
  }));
}

export const labelledCorpus = (items: CorpusItem[]) => labelled(items, (it) => renderCorpusItem(it));
export const labelledSongbook = (items: SongbookItem[]) => labelled(items, (it) => renderSongbookItem(it));
export const labelledHymnal = (items: HymnalItem[]) => labelled(items, (it) => renderHymnalItem(it));
export const labelledBeatstore = (items: BeatstoreItem[]) => labelled(items, (it) => renderBeatstoreItem(it));
export const labelledJamtracks = (items: JamItem[]) => labelled(items, (it) => renderJamtracksItem(it));
export const labelledMidiarchive = (items: MidiArchiveItem[]) =>
  labelled(items, (it) => renderMidiarchiveItem(it));
export const labelledKaraoke = (items: KaraokeItem[]) => labelled(items, (it) => renderKaraokeItem(it));
export const labelledLibrary = (items: LibraryItem[]) => labelled(items, (it) => renderLibraryItem(it));
export const labelledAtlas = (items: AtlasItem[]) => labelled(items, (it) => renderAtlasItem(it));
export const labelledLiveset = (items: LivesetItem[]) => labelled(items, (it) => renderLivesetItem(it));
export const labelledGamesound = (items: GamesoundItem[]) => labelled(items, (it) => renderGamesoundItem(it));
export const labelledConcert = (items: ConcertItem[]) => labelled(items, (it) => renderConcertItem(it));
export const labelledBandroom = (items: BandroomItem[]) => labelled(items, (it) => renderBandroomItem(it));

/**
 * The jam tracks' TUNING half only (fifteenth session): the one way the fits may read the fifth
 * composer. Its held-out half (set I) stays out of every fit; jamtracks.test.ts checks that the fit
 * scripts name nothing else of it.
 */
export const labelledJamtracksTuningHalf = () =>
  labelledJamtracks(jamtracks().filter((it) => it.set === 'tuning'));

/**
 * The MIDI archive's TUNING half only (seventeenth session): the one way the fits may read the sixth
 * composer. Its held-out half (set J) stays out of every fit; midiarchive.test.ts checks that the fit
 * scripts name nothing else of it.
 */
export const labelledMidiarchiveTuningHalf = () =>
  labelledMidiarchive(midiarchive().filter((it) => it.set === 'tuning'));

/**
 * The karaoke book's TUNING half only (eighteenth session): the one way the fits may read the seventh
 * composer. Its held-out half (set K) stays out of every fit; karaoke.test.ts checks that the fit
 * scripts name nothing else of it.
 */
export const labelledKaraokeTuningHalf = () => labelledKaraoke(karaoke().filter((it) => it.set === 'tuning'));

/**
 * The production-music library's TUNING half only (twentieth session): the one way the fits may read
 * the eighth composer. Its held-out half (set L) stays out of every fit; library.test.ts checks that
 * the fit scripts name nothing else of it.
 */
export const labelledLibraryTuningHalf = () => labelledLibrary(library().filter((it) => it.set === 'tuning'));

/**
 * The world-music atlas's TUNING half only (twentieth session, after it arbitrated that session's
 * first rule): the one way the fits may read the ninth composer. Its held-out half (set M) stays out
 * of every fit; atlas.test.ts checks that the fit scripts name nothing else of it.
 */
export const labelledAtlasTuningHalf = () => labelledAtlas(atlas().filter((it) => it.set === 'tuning'));

/**
 * The live sets' TUNING half only (twenty-first session, after it arbitrated the twentieth session's
 * second rule): the one way the fits may read the tenth composer. Its held-out half (set N) stays out
 * of every fit; liveset.test.ts checks that the fit scripts name nothing else of it.
 */
export const labelledLivesetTuningHalf = () => labelledLiveset(liveset().filter((it) => it.set === 'tuning'));

/** The six composers whose tuning halves the key's fit reads (fit:key --beatstore --jam --ma). */
export type KeyFitComposer = 'corpus' | 'songbook' | 'hymnal' | 'beatstore' | 'jam' | 'ma';

/**
 * The tuning halves of the six composers fit:key reads (all six in the metre fit too): the corpus's
 * tuning set, the songbook's, the hymnal's, the beat store's, the jam tracks' and the MIDI archive's
 * tuning halves — 584 items. bench/fit-key.ts fits on them; bench/judge-levels.ts guards with them.
 */
export const KEY_FIT_TUNING_HALVES: Readonly<Record<KeyFitComposer, () => LabelledItem[]>> = {
  corpus: () => labelledCorpus(corpusSet('tuning')),
  songbook: () => labelledSongbook(songbook().filter((it) => it.set === 'tuning')),
  hymnal: () => labelledHymnal(hymnal().filter((it) => it.set === 'tuning')),
  beatstore: () => labelledBeatstore(beatstore().filter((it) => it.set === 'tuning')),
  jam: labelledJamtracksTuningHalf,
  ma: labelledMidiarchiveTuningHalf,
};
