import { describe, expect, it } from 'vitest';
import { titleFromPrompt } from './tracks.ts';

describe('titleFromPrompt', () => {
  it('takes the first words, capitalised, without a dangling comma', () => {
    expect(titleFromPrompt('dusty lo-fi hip hop, rainy night, Rhodes piano')).toBe(
      'Dusty lo-fi hip hop, rainy night',
    );
    expect(titleFromPrompt('  epic   cinematic strings  ')).toBe('Epic cinematic strings');
  });
  it('clips very long words', () => {
    const t = titleFromPrompt(`${'x'.repeat(80)} more`);
    expect(t.length).toBe(60);
    expect(t.endsWith('...')).toBe(true);
  });
});
