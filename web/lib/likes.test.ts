import { describe, expect, it } from 'vitest';
import { afterPress, likeCountWords } from './likes';

describe('likes in words', () => {
  it('counts likes in words, with thousands separated', () => {
    expect(likeCountWords(0)).toBe('No likes yet');
    expect(likeCountWords(1)).toBe('1 like');
    expect(likeCountWords(2)).toBe('2 likes');
    expect(likeCountWords(1204)).toBe('1,204 likes');
  });

  it('a press shows its result at once, never below zero', () => {
    expect(afterPress({ liked: false, count: 4 })).toEqual({ liked: true, count: 5 });
    expect(afterPress({ liked: true, count: 5 })).toEqual({ liked: false, count: 4 });
    expect(afterPress({ liked: true, count: 0 })).toEqual({ liked: false, count: 0 });
  });
});
