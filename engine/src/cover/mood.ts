import type { CoverMood } from './types.ts';

const WORDS: [CoverMood, RegExp][] = [
  ['dark', /\b(dark|night|noir|shadow|gloom|sinister|haunt\w*|melanchol\w*|sad)\b/i],
  ['intense', /\b(aggressive|intense|heavy|hard|fierce|epic|driving|angry|rage)\b/i],
  ['dreamy', /\b(dream\w*|ethereal|floating|hazy|lush|celestial)\b/i],
  ['calm', /\b(calm|chill|relax\w*|peaceful|gentle|soft|quiet|sleep\w*|lullaby)\b/i],
  ['warm', /\b(warm|sunny|summer|cozy|cosy|golden|vintage|dusty)\b/i],
  ['bright', /\b(happy|bright|upbeat|joyful|cheerful|uplifting|euphoric|fun)\b/i],
];

/** The cover's mood from the prompt's words, else from mode and energy. */
export function moodFromMusic(m: {
  prompt?: string | null;
  mode?: 'major' | 'minor' | null;
  energy?: number | null;
}): CoverMood {
  for (const [mood, re] of WORDS) if (m.prompt && re.test(m.prompt)) return mood;
  const e = m.energy ?? 0.5;
  if (m.mode === 'minor') return e > 0.7 ? 'intense' : 'dark';
  if (e > 0.7) return 'bright';
  if (e < 0.35) return 'calm';
  return 'warm';
}
