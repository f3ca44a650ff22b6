/**
 * A genre as people read it: 'drum-and-bass' → 'drum and bass', 'hip-hop' → 'hip hop'. Only
 * hyphens that join words go; 'lo-fi' is spelt with its hyphen.
 */
export const genreLabel = (genre: string): string =>
  HYPHENATED.has(genre) ? genre : genre.replace(/-/g, ' ');

const HYPHENATED = new Set(['lo-fi']);
