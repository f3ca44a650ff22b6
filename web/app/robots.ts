import type { MetadataRoute } from 'next';
import { requestOrigin } from '@/lib/site';

// Only the API is closed to crawlers. App pages (/create, /library, /tracks/…) are not
// listed: a signed-out crawler is redirected to sign-in (noindex) by proxy.ts, which keeps
// them out of search results; a Disallow would only hide that redirect and let the bare
// URLs be indexed from links ("indexed, though blocked by robots.txt"). README Decisions.
export default async function robots(): Promise<MetadataRoute.Robots> {
  const origin = await requestOrigin();
  return {
    rules: {
      userAgent: '*',
      // A shared track's card image and audio (og:image, og:audio) are public downloads under
      // /api/tracks/…/download: crawlers that obey robots.txt (X's card crawler does) must reach them.
      allow: ['/', '/api/tracks/*/download'],
      disallow: ['/api/'],
    },
    sitemap: `${origin}/sitemap.xml`,
  };
}
