import { describe, expect, it } from 'vitest';
import { formatTime, lyricAt } from './store';

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
});
