import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const here = dirname(fileURLToPath(import.meta.url));

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Type-checked by `npm run typecheck` (TypeScript 7 is native and has no compiler API for Next to call).
  typescript: { ignoreBuildErrors: true },
  transpilePackages: ['@soundfoundry/contract'],
  // The workspace root holds the hoisted node_modules and contract/.
  turbopack: { root: dirname(here) },
  outputFileTracingRoot: dirname(here),
  images: { unoptimized: true },
  // The addresses people guess for the auth pages (and other apps use) lead to ours, query kept
  // (`?next=` brings them back where they were going).
  async redirects() {
    const to = (destination: string, sources: string[]) =>
      sources.map((source) => ({ source, destination, permanent: true }));
    return [
      ...to('/auth/signin', ['/signin', '/sign-in', '/login', '/log-in', '/auth/login']),
      ...to('/auth/signup', ['/signup', '/sign-up', '/register', '/join', '/auth/register']),
    ];
  },
};

export default config;
