import { describe, expect, it } from 'vitest';
import { trustedPeerCheck } from './trusted-peer.ts';

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
