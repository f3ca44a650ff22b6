import { describe, expect, it } from 'vitest';
import { EXAMPLE_PROMPTS } from './examples';
import { promptAfterPreset } from './preset';

const TANGO = 'passionate tango with bandoneon and violin';
const LOFI = 'dusty lo-fi beat for studying';
const ALL = [TANGO, LOFI, 'a second lo-fi example'];

describe('promptAfterPreset', () => {
  it('fills an empty prompt (or one of spaces) with the preset’s example', () => {
    expect(promptAfterPreset('', TANGO, ALL)).toBe(TANGO);
    expect(promptAfterPreset('  \n', TANGO, ALL)).toBe(TANGO);
  });

  it('keeps words the person typed', () => {
    expect(promptAfterPreset('my own words about a sunset', TANGO, ALL)).toBe('my own words about a sunset');
    // An example they edited is theirs now.
    expect(promptAfterPreset(`${LOFI} at dawn`, TANGO, ALL)).toBe(`${LOFI} at dawn`);
  });

  it('replaces an example the app put there: another preset’s, any of its examples, or a chip’s', () => {
    expect(promptAfterPreset(LOFI, TANGO, ALL)).toBe(TANGO);
    expect(promptAfterPreset('a second lo-fi example', TANGO, ALL)).toBe(TANGO);
    expect(promptAfterPreset(`${LOFI} `, TANGO, ALL)).toBe(TANGO);
    expect(promptAfterPreset(EXAMPLE_PROMPTS[0], TANGO, ALL)).toBe(TANGO);
  });

  it('leaves the prompt alone for a preset without an example', () => {
    expect(promptAfterPreset('', undefined, ALL)).toBe('');
    expect(promptAfterPreset(LOFI, undefined, ALL)).toBe(LOFI);
  });
});
