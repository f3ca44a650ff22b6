/** A genre as people read it: 'drum-and-bass' → 'drum and bass'. */
export const genreLabel = (genre: string): string => genre.replace(/-/g, ' ');
