import type { MetadataRoute } from 'next';
import { internalApi, requestOrigin } from '@/lib/site';

export const dynamic = 'force-dynamic';

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const origin = await requestOrigin();
  const pages: MetadataRoute.Sitemap = ['/', '/pricing', '/explore'].map((p) => ({ url: `${origin}${p}` }));
  try {
    const res = await fetch(`${internalApi()}/api/explore?limit=100`, { cache: 'no-store' });
    if (res.ok) {
      const body = (await res.json()) as { items: { id: string; updated_at: string }[] };
      for (const t of body.items) pages.push({ url: `${origin}/share/${t.id}`, lastModified: t.updated_at });
    }
  } catch {
    // The API is down: the static pages are still a valid sitemap.
  }
  return pages;
}
