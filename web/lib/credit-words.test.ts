import { describe, expect, it } from 'vitest';
import { creditCount } from './credit-words';

describe('credits in words', () => {
  it('one credit, otherwise credits', () => {
    expect(creditCount(1)).toBe('1 credit');
    expect(creditCount(0)).toBe('0 credits');
    expect(creditCount(2)).toBe('2 credits');
    expect(creditCount(398)).toBe('398 credits');
  });
});
