// A track's cover: the generated image when there is one, else a gradient drawn from its
// seed (the same track always gets the same colours).

export function seedHues(seed: number): [number, number] {
  const a = seed % 360;
  return [a, (a + 60 + ((seed >> 8) % 60)) % 360];
}

/** A smaller rendition of the cover (the track API's cover_thumbs). */
export interface CoverThumb {
  width: number;
  url: string;
}

/** The full cover is 1024 px wide; with smaller renditions the browser picks by `sizes`. */
export function coverSrcSet(url: string, thumbs: CoverThumb[] | undefined): string | undefined {
  if (!thumbs?.length) return undefined;
  return [...thumbs.map((t) => `${t.url} ${t.width}w`), `${url} 1024w`].join(', ');
}

/**
 * `sizes` for a big cover on phones, `slot` being how wide it is shown. Chrome takes the smallest
 * file at least as dense as the screen, so a 20–24rem slot on a 1.5–2.4 dppx phone (≈ 480–920
 * device px) takes the 1024 px file: those screens are told the cover is 16rem, and take the
 * 512 px rendition (shown ≤ 1.5× enlarged). 3 dppx phones still take 1024, 1 dppx the slot's own.
 */
export function densePhoneCoverSizes(slot: string): string {
  return `(min-resolution: 1.5dppx) and (max-resolution: 2.4dppx) 16rem, ${slot}`;
}

export function Cover({
  url,
  thumbs,
  sizes = '56px',
  seed,
  title,
  className = 'size-14',
  decorative = false,
  priority = false,
}: {
  url?: string | null;
  thumbs?: CoverThumb[];
  /** How wide the cover is shown (an <img sizes> value): picks the rendition. */
  sizes?: string;
  seed: number;
  title: string;
  className?: string;
  /** Beside the title already (inside a labelled button): hidden from assistive technology. */
  decorative?: boolean;
  /** The page's main image (its largest paint): fetched before other images. */
  priority?: boolean;
}) {
  if (url) {
    return (
      // biome-ignore lint/performance/noImgElement: signed URLs of any size; next/image adds nothing here
      <img
        src={url}
        srcSet={coverSrcSet(url, thumbs)}
        sizes={thumbs?.length ? sizes : undefined}
        // The intrinsic shape (square) before the file arrives: the layout never waits for it.
        width={1024}
        height={1024}
        alt={decorative ? '' : `Cover of ${title}`}
        fetchPriority={priority ? 'high' : undefined}
        className={`${className} shrink-0 rounded-lg object-cover`}
      />
    );
  }
  const [h1, h2] = seedHues(seed);
  const angle = (seed >> 16) % 360;
  return (
    <div
      {...(decorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': `Cover of ${title}` })}
      className={`${className} shrink-0 rounded-lg`}
      style={{
        background: `radial-gradient(circle at 30% 30%, hsl(${h2} 80% 62% / .9), transparent 55%), linear-gradient(${angle}deg, hsl(${h1} 70% 40%), hsl(${h2} 75% 28%))`,
      }}
    />
  );
}
