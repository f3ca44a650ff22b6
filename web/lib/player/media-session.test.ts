import { describe, expect, it } from 'vitest';
import { mediaArtwork } from './media-session';

describe('mediaArtwork', () => {
  it('lists the cover renditions smallest first with their sizes, then the full cover', () => {
    expect(
      mediaArtwork({
        coverUrl: '/files/c.png',
        coverThumbs: [
          { width: 512, url: '/files/c-512' },
          { width: 256, url: '/files/c-256' },
        ],
      }),
    ).toEqual([
      { src: '/files/c-256', sizes: '256x256' },
      { src: '/files/c-512', sizes: '512x512' },
      { src: '/files/c.png' },
    ]);
    expect(mediaArtwork({ coverUrl: null })).toEqual([]);
  });
});
