import { EXAMPLE_PROMPTS } from './examples';

/**
 * The prompt after a style preset is picked. The preset's example fills the prompt only when the
 * person has not written one of their own: the prompt is empty, or still holds an example the app
 * put there (any preset's, or an example chip's). Their own words are kept; the preset then sets
 * only the genre and style.
 */
export function promptAfterPreset(
  current: string,
  presetExample: string | undefined,
  presetExamples: readonly string[],
): string {
  if (!presetExample) return current;
  const typed = current.trim();
  const ours =
    typed === '' || presetExamples.includes(typed) || (EXAMPLE_PROMPTS as readonly string[]).includes(typed);
  return ours ? presetExample : current;
}
