/** Example prompts (landing chips, create page chips, empty library). */
export const EXAMPLE_PROMPTS = [
  'Dusty lo-fi hip hop, rainy night, mellow Rhodes piano and vinyl crackle',
  'Uplifting cinematic orchestra with soaring strings and big drums',
  'Driving techno at 128 BPM, hypnotic acid bassline, dark warehouse',
  'Warm acoustic folk with fingerpicked guitar, early morning sunlight',
  'Smooth late-night jazz trio, brushed drums and walking upright bass',
  'Euphoric house with piano stabs and a sunny summer groove',
] as const;

/** Longest chip label that stays on one line on a 375 px phone (text-xs, with its padding). */
const CHIP_CHARS = 48;

/**
 * A chip's label: the prompt's first phrase (up to its first comma), and for a long one without
 * a comma the words before its first " with ": "Uplifting cinematic orchestra". Every chip then
 * fits one line on a phone instead of wrapping into a two-line pill; the chip fills the whole prompt.
 */
export function exampleChipLabel(prompt: string): string {
  const first = prompt.split(',')[0]!.trim();
  if (first.length <= CHIP_CHARS) return first;
  const at = first.indexOf(' with ');
  return at > 0 ? first.slice(0, at) : first;
}
