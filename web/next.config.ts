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
};

export default config;
