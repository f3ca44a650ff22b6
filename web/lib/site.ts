import { headers } from 'next/headers';

/** The origin the visitor used (for absolute og: URLs and the sitemap), from the request. */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return `${proto}://${host}`;
}

/** The API, read by server components over loopback in the same process (or the API service). */
export function internalApi(): string {
  return process.env.API_INTERNAL_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
}
