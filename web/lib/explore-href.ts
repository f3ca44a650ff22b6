/** The explore URL for a search, style, order and page ('/explore' for everything); defaults left out. */
export function exploreHref(f: { q?: string; genre?: string | null; sort?: string; page?: number }): string {
  const qs = new URLSearchParams();
  if (f.q) qs.set('q', f.q);
  if (f.genre) qs.set('genre', f.genre);
  if (f.sort && f.sort !== 'newest') qs.set('sort', f.sort);
  if (f.page && f.page > 1) qs.set('page', String(f.page));
  const s = qs.toString();
  return s ? `/explore?${s}` : '/explore';
}
