import { BlockList, isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

// Headers a reverse proxy sets about the client (its country, its address) are believed only
// when the connection itself comes from one of TRUSTED_PROXIES: from anyone else they are the
// client's own words, and a client that names its country picks its price band.

/** Whether a socket peer address is one of the trusted proxies (addresses or CIDRs). */
export function trustedPeerCheck(proxies: readonly string[]): (addr: string | undefined) => boolean {
  if (proxies.length === 0) return () => false;
  const list = new BlockList();
  for (const p of proxies) {
    const [addr, bits] = p.split('/') as [string, string | undefined];
    const type = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return (addr) => {
    if (!addr) return false;
    // An IPv4 client on a dual-stack socket is seen as ::ffff:a.b.c.d.
    const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(addr)?.[1];
    if (v4) return list.check(v4, 'ipv4');
    return list.check(addr, isIP(addr) === 6 ? 'ipv6' : 'ipv4');
  };
}

/** The value of a proxy-set header (lower-case name), only when the peer is a trusted proxy. */
export function proxyHeader(
  request: FastifyRequest,
  name: string | null,
  isTrustedPeer: (addr: string | undefined) => boolean,
): string | undefined {
  if (!name || !isTrustedPeer(request.socket.remoteAddress)) return undefined;
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The key a client address is limited under. An IPv6 client is one /64: every ISP customer, and
 * every cloud VM, holds at least a /64 and picks addresses in it at will, so a limit per full
 * address would be 2^64 limits for one attacker. An IPv4 client seen as ::ffff:a.b.c.d is that
 * IPv4 address. Anything unparseable is kept as it came (never a shared key for many clients).
 */
export function clientAddressKey(ip: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (v4) return `ip:${v4}`;
  if (isIP(ip) !== 6) return `ip:${ip}`;
  const hextets = expandIPv6(ip.split('%')[0]!);
  return hextets ? `ip6:${hextets.slice(0, 4).join(':')}::/64` : `ip:${ip}`;
}

/** The eight hextets of an IPv6 address (lower case, no leading zeros), or null. */
function expandIPv6(addr: string): string[] | null {
  let text = addr.toLowerCase();
  // An embedded IPv4 tail (::ffff:1.2.3.4 handled above; 64:ff9b::1.2.3.4 here) is two hextets.
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  return all.map((h) => Number.parseInt(h, 16).toString(16));
}
