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
