import { describe, expect, it } from 'vitest';
import { parseRange } from './range.ts';

describe('parseRange', () => {
  it('parses single ranges and clamps the end', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ kind: 'range', start: 0, end: 99 });
    expect(parseRange('bytes=10-', 1000)).toEqual({ kind: 'range', start: 10, end: 999 });
    expect(parseRange('bytes=10-5000', 1000)).toEqual({ kind: 'range', start: 10, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ kind: 'range', start: 900, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ kind: 'range', start: 0, end: 999 });
    expect(parseRange('Bytes= 5 - 6 ', 1000)).toEqual({ kind: 'range', start: 5, end: 6 });
  });

  it('reports unsatisfiable ranges', () => {
    expect(parseRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-0', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-10', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores what it does not serve (whole body instead)', () => {
    for (const header of [
      undefined,
      '',
      'bytes=',
      'bytes=-',
      'bytes=5-1',
      'bytes=0-1,4-5',
      'items=0-1',
      'bytes=a-b',
    ]) {
      expect(parseRange(header, 1000), String(header)).toEqual({ kind: 'none' });
    }
    expect(parseRange(`bytes=0-${'9'.repeat(30)}`, 1000)).toEqual({ kind: 'none' });
  });
});
