import { describe, expect, it } from 'vitest';
import { formatTime, lyricAt, mergeSyllables, queueNeighbour, storedVolume, usePlayer } from './store';

const words = [
  { text: 'City', startSec: 4, endSec: 4.5, line: 0 },
  { text: 'lights', startSec: 4.5, endSec: 5, line: 0 },
  { text: 'We', startSec: 12, endSec: 12.4, line: 1 },
  { text: 'dance', startSec: 12.4, endSec: 13, line: 1 },
];

describe('timed lyrics', () => {
  it('finds the word and line sounding at a time', () => {
    expect(lyricAt(words, 1)).toEqual({ word: -1, line: -1 });
    expect(lyricAt(words, 4.2)).toEqual({ word: 0, line: 0 });
    expect(lyricAt(words, 4.7)).toEqual({ word: 1, line: 0 });
    expect(lyricAt(words, 5.5)).toEqual({ word: -1, line: 0 }); // the line stays while it fades
    expect(lyricAt(words, 9)).toEqual({ word: -1, line: -1 }); // an instrumental gap
    expect(lyricAt(words, 12.5)).toEqual({ word: 3, line: 1 });
    expect(lyricAt(undefined, 3)).toEqual({ word: -1, line: -1 });
  });
  it('formats times', () => {
    expect(formatTime(0)).toBe('0:00');
    expect(formatTime(65.4)).toBe('1:05');
    expect(formatTime(Number.NaN)).toBe('0:00');
  });
  it('joins the syllables of a word back together', () => {
    const syl = [
      { text: 'We', startSec: 1, endSec: 1.2, line: 0 },
      { text: 'keep', startSec: 1.2, endSec: 1.5, line: 0 },
      { text: 'dan', startSec: 1.5, endSec: 1.7, line: 0 },
      { text: 'cing', startSec: 1.7, endSec: 2, line: 0 },
      { text: 'on', startSec: 3, endSec: 3.2, line: 1 },
    ];
    const merged = mergeSyllables(syl, '[Chorus]\nWe keep dancing\non');
    expect(merged.map((w) => w.text)).toEqual(['We', 'keep', 'dancing', 'on']);
    expect(merged[2]).toMatchObject({ startSec: 1.5, endSec: 2 });
  });
});

describe('the play queue', () => {
  const track = (id: string) => ({ id, title: id, src: `/${id}.mp3`, durationS: 30 });
  const list = ['a', 'b', 'c'].map(track);
  /** The bits of an <audio> element the store touches (node has none). */
  const fakeAudio = () => ({ src: '', currentTime: 0, paused: true, play: async () => {}, pause() {} });

  it('finds the neighbours of a track in its queue', () => {
    expect(queueNeighbour(list, 'a', 1)?.id).toBe('b');
    expect(queueNeighbour(list, 'c', 1)).toBeNull();
    expect(queueNeighbour(list, 'a', -1)).toBeNull();
    expect(queueNeighbour(list, 'c', -1)?.id).toBe('b');
    expect(queueNeighbour(list, 'x', 1)).toBeNull();
  });

  it('forgets deleted tracks: out of the queue, and the one playing stops and leaves the bar', () => {
    let paused = false;
    let loaded = false;
    const audio = {
      ...fakeAudio(),
      pause() {
        paused = true;
      },
      removeAttribute(name: string) {
        if (name === 'src') this.src = '';
      },
      load() {
        loaded = true;
      },
    };
    usePlayer.setState({ audio: audio as unknown as HTMLAudioElement, track: null, queue: [] });
    usePlayer.getState().play(list[0]!, undefined, list);
    // A track that is not playing: out of the queue, the music plays on.
    usePlayer.getState().forget(['b']);
    expect(usePlayer.getState().queue.map((q) => q.id)).toEqual(['a', 'c']);
    expect(usePlayer.getState().track?.id).toBe('a');
    expect(paused).toBe(false);
    expect(usePlayer.getState().next()).toBe(true); // Next skips the deleted one
    expect(usePlayer.getState().track?.id).toBe('c');
    // The one playing: stopped, its file let go, the bar empty.
    usePlayer.getState().forget(['c', 'x']);
    expect(paused && loaded).toBe(true);
    expect(audio.src).toBe('');
    expect(usePlayer.getState()).toMatchObject({ track: null, playing: false, time: 0 });
    expect(usePlayer.getState().queue.map((q) => q.id)).toEqual(['a']);
  });

  it('walks the list a track was started from; Previous restarts a track after 3 s', () => {
    const audio = fakeAudio();
    usePlayer.setState({ audio: audio as unknown as HTMLAudioElement, track: null, queue: [] });
    const p = usePlayer.getState();
    p.play(list[1]!, undefined, list);
    expect(usePlayer.getState().next()).toBe(true);
    expect(usePlayer.getState().track?.id).toBe('c');
    expect(audio.src).toBe('/c.mp3');
    expect(usePlayer.getState().next()).toBe(false); // the end of the list: nothing changes
    expect(usePlayer.getState().track?.id).toBe('c');
    audio.currentTime = 10;
    usePlayer.getState().previous();
    expect(usePlayer.getState().track?.id).toBe('c');
    expect(audio.currentTime).toBe(0);
    usePlayer.getState().previous();
    expect(usePlayer.getState().track?.id).toBe('b');
    // A track played from elsewhere (its own page) without a list: a queue of one.
    usePlayer.getState().play(track('z'));
    expect(usePlayer.getState().queue.map((q) => q.id)).toEqual(['z']);
    // ...but one of the current list keeps the list.
    usePlayer.getState().play(list[1]!, undefined, list);
    usePlayer.getState().play(list[0]!);
    expect(usePlayer.getState().queue.map((q) => q.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('the remembered volume', () => {
  it('reads a stored volume in 0–1, else the default', () => {
    expect(storedVolume(() => '0.35')).toBe(0.35);
    expect(storedVolume(() => '0')).toBe(0);
    expect(storedVolume(() => null)).toBe(0.9);
    expect(storedVolume(() => '7')).toBe(0.9);
    expect(storedVolume(() => 'loud')).toBe(0.9);
    expect(
      storedVolume(() => {
        throw new Error('storage is off');
      }),
    ).toBe(0.9);
  });
});
