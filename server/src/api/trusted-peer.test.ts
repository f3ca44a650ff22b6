import { describe, expect, it } from 'vitest';
import { clientAddressKey, trustedPeerCheck } from './trusted-peer.ts';

describe('trustedPeerCheck', () => {
  it('trusts the listed addresses and subnets, v4, v6 and v4-mapped, and nobody else', () => {
    const trusted = trustedPeerCheck(['10.0.0.0/8', '192.0.2.7', '::1', '2001:db8::/32']);
    expect(trusted('10.20.30.40')).toBe(true);
    expect(trusted('::ffff:10.1.2.3')).toBe(true);
    expect(trusted('192.0.2.7')).toBe(true);
    expect(trusted('192.0.2.8')).toBe(false);
    expect(trusted('::1')).toBe(true);
    expect(trusted('2001:db8:1::5')).toBe(true);
    expect(trusted('2001:db9::5')).toBe(false);
    expect(trusted('127.0.0.1')).toBe(false);
    expect(trusted(undefined)).toBe(false);
  });

  it('trusts no one when no proxy is configured', () => {
    expect(trustedPeerCheck([])('127.0.0.1')).toBe(false);
  });
});

describe('clientAddressKey', () => {
  it('keys IPv4 by address, IPv4-mapped IPv6 as its IPv4, and IPv6 by its /64 however it is spelled', () => {
    expect(clientAddressKey('192.0.2.7')).toBe('ip:192.0.2.7');
    expect(clientAddressKey('::ffff:192.0.2.7')).toBe('ip:192.0.2.7');
    expect(clientAddressKey('::FFFF:192.0.2.7')).toBe('ip:192.0.2.7');
    const net = 'ip6:2001:db8:abcd:12::/64';
    for (const a of [
      '2001:db8:abcd:12::1',
      '2001:DB8:ABCD:0012:0000:0000:0000:0001',
      '2001:db8:abcd:12:ffff:ffff:ffff:ffff',
      '2001:db8:abcd:12:1:2:3:4',
      '2001:db8:abcd:12::1%eth0',
      '2001:db8:abcd:12::192.0.2.1',
    ])
      expect(clientAddressKey(a), a).toBe(net);
    expect(clientAddressKey('2001:db8:abcd:13::1')).toBe('ip6:2001:db8:abcd:13::/64');
    expect(clientAddressKey('::1')).toBe('ip6:0:0:0:0::/64');
    expect(clientAddressKey('2001:db8::')).toBe('ip6:2001:db8:0:0::/64');
    // Not an address: kept as it came, never folded into someone else's key.
    expect(clientAddressKey('not-an-ip')).toBe('ip:not-an-ip');
  });
});
