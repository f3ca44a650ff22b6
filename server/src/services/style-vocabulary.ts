import { type PublishedStyle, publishedStyles } from '@soundfoundry/engine';
import { badRequest } from './errors.ts';

/** The engine's style vocabulary by id (fixed per deployment: built once). */
const BY_ID: ReadonlyMap<string, PublishedStyle> = new Map(publishedStyles().map((s) => [s.id, s]));

export function styleOf(id: string): PublishedStyle | undefined {
  return BY_ID.get(id);
}

/**
 * A track's `style` must be one of the vocabulary's ids, and an explicit `genre` beside it must
 * be the style's own (the style carries its genre: "reggae" is genre "world").
 */
export function checkStyle(input: { style?: string; genre?: string }): void {
  if (input.style === undefined) return;
  const style = BY_ID.get(input.style);
  if (!style) {
    throw badRequest(`Unknown style "${input.style}": use one of the ids listed by GET /api/styles.`, {
      field: 'style',
    });
  }
  if (input.genre !== undefined && input.genre !== style.genre) {
    throw badRequest(
      `Style "${style.id}" belongs to genre "${style.genre}", not "${input.genre}": send that genre or none.`,
      { field: 'genre' },
    );
  }
}

/**
 * The words a text-prompted model needs to hear for a style: its name without notes in
 * parentheses, lower-case ("Celtic jig (6/8)" → "celtic jig").
 */
export function styleWords(style: PublishedStyle): string {
  return style.name
    .replace(/\s*\(.*?\)\s*/g, ' ')
    .trim()
    .toLowerCase();
}

/** `prompt` with the style's name appended when the prompt does not already say it. */
export function promptWithStyle(prompt: string, styleId: string | undefined): string {
  const style = styleId === undefined ? undefined : BY_ID.get(styleId);
  if (!style) return prompt;
  const words = styleWords(style);
  const text = prompt.toLowerCase();
  if (text.includes(words) || text.includes(style.id.replace(/-/g, ' ')) || text.includes(style.id))
    return prompt;
  return `${prompt.trim()}, ${words}`;
}
