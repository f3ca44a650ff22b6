import type { MetadataRoute } from 'next';
import { requestOrigin } from '@/lib/site';

export default async function robots(): Promise<MetadataRoute.Robots> {
  const origin = await requestOrigin();
  return {
    rules: {
      userAgent: '*',
      allow: '/',
      disallow: ['/api/', '/create', '/library', '/tracks/', '/settings', '/credits', '/series'],
    },
    sitemap: `${origin}/sitemap.xml`,
  };
}
