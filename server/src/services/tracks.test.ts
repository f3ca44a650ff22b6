import { describe, expect, it } from 'vitest';
import { titleFromPrompt } from './tracks.ts';

describe('titleFromPrompt', () => {
  it('a short prompt is its own title, capitalised, without trailing punctuation', () => {
    expect(titleFromPrompt('dusty lo-fi hip hop, rainy night, Rhodes piano')).toBe(
      'Dusty lo-fi hip hop, rainy night, Rhodes piano',
    );
    expect(titleFromPrompt('  epic   cinematic strings.  ')).toBe('Epic cinematic strings');
    expect(titleFromPrompt('warm acoustic folk with a gentle sung chorus')).toBe(
      'Warm acoustic folk with a gentle sung chorus',
    );
  });

  it('a long prompt: its first words, ended at a clause or before a linking word', () => {
    expect(
      titleFromPrompt('warm acoustic folk with a gentle sung chorus and soft brushed drums at dawn'),
    ).toBe('Warm acoustic folk');
    expect(titleFromPrompt('dusty lo-fi hip hop, rainy night, mellow Rhodes piano and vinyl crackle')).toBe(
      'Dusty lo-fi hip hop, rainy night',
    );
    // no clause or linking word to end on: the first six words
    expect(
      titleFromPrompt('driving dark techno rumbling kick acid bassline hypnotic late night warehouse'),
    ).toBe('Driving dark techno rumbling kick acid');
    // before the last linking word of the six, and never ending on one
    expect(titleFromPrompt('ambient drones of the deep ocean floor with whale song echoes')).toBe(
      'Ambient drones',
    );
    expect(titleFromPrompt('slow jazz ballad for a smoky late night club with brushed drums')).toBe(
      'Slow jazz ballad',
    );
  });

  it('clips very long words', () => {
    const t = titleFromPrompt(`${'x'.repeat(80)} more`);
    expect(t.length).toBe(60);
    expect(t.endsWith('...')).toBe(true);
  });
});
