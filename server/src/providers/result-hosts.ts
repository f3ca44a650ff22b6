import { isIP } from 'node:net';
import { ProviderError } from './types.ts';

/**
 * Which hosts a provider's result URL may point at. The URL comes from the provider's answer, and our
 * server downloads it: without a list, a provider (or whoever tampers with its answer) could point us at
 * an internal address (SSRF: cloud metadata, Redis, the admin port). Entries are host names, `*.suffix`
 * for any subdomain of suffix (not suffix itself, never an IP address), or `host:port` to pin a port;
 * matched lower-case.
 */
export type ResultHosts = readonly string[];

export const DEFAULT_RESULT_HOSTS = {
  fal: 'fal.media,*.fal.media',
  replicate: 'replicate.delivery,*.replicate.delivery',
} as const;

/** Redirects followed (each checked against the list) before a result download gives up. */
const MAX_REDIRECTS = 3;

export function parseResultHosts(value: string): string[] {
  return value
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

export function isAllowedResultUrl(url: URL, hosts: ResultHosts): boolean {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  const port = url.port;
  return hosts.some((entry) => {
    const colon = entry.lastIndexOf(':');
    const pinned = colon > 0 && /^\d+$/.test(entry.slice(colon + 1));
    const name = pinned ? entry.slice(0, colon) : entry;
    if (pinned && entry.slice(colon + 1) !== port) return false;
    // A wildcard names DNS subdomains; an IP address is never one (`*.0.0.1` must not take 127.0.0.1).
    if (name.startsWith('*.')) return !isIP(host.replace(/^\[|\]$/g, '')) && host.endsWith(name.slice(1));
    return host === name;
  });
}

/**
 * Fetches a provider's result, refusing any URL (and any redirect target) whose host is not listed.
 * Refusal is RESULT_HOST_REFUSED, not retryable: asking the same provider again would get the same.
 */
export async function fetchResult(
  raw: string,
  o: {
    provider: string;
    hosts: ResultHosts;
    /** The env var that lists the hosts, for the message. */
    setting: string;
    fetch: typeof fetch;
    signal?: AbortSignal;
  },
): Promise<Response> {
  let url = raw;
  for (let hop = 0; ; hop++) {
    const parsed = URL.canParse(url) ? new URL(url) : null;
    if (!parsed || !isAllowedResultUrl(parsed, o.hosts)) {
      const host = parsed ? parsed.host : 'an unparsable URL';
      throw new ProviderError(
        'RESULT_HOST_REFUSED',
        `${o.provider} returned a result on ${host}, which is not in ${o.setting}`,
        false,
      );
    }
    const res = await o.fetch(parsed, { signal: o.signal, redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) return res;
    await res.body?.cancel();
    if (hop >= MAX_REDIRECTS)
      throw new ProviderError(
        'BAD_OUTPUT',
        `${o.provider}'s result redirected more than ${MAX_REDIRECTS} times`,
        true,
      );
    url = new URL(location, parsed).toString();
  }
}
