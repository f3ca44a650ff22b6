import { describe, expect, it } from 'vitest';
import { headerMenu, sessionOfLookup } from './session';

describe('sessionOfLookup: what the server knew while rendering', () => {
  it('without a session cookie the visitor is signed out, whatever the lookup', () => {
    expect(sessionOfLookup(false, 'no-answer')).toBe('signed-out');
    expect(sessionOfLookup(false, { status: 200 })).toBe('signed-out');
  });

  it('an answer is signed in, a 401 signed out', () => {
    expect(sessionOfLookup(true, { status: 200 })).toBe('signed-in');
    expect(sessionOfLookup(true, { status: 401 })).toBe('signed-out');
  });

  it('no answer in time, or an API that could not say (5xx, 429), is unknown', () => {
    expect(sessionOfLookup(true, 'no-answer')).toBe('unknown');
    expect(sessionOfLookup(true, { status: 503 })).toBe('unknown');
    expect(sessionOfLookup(true, { status: 500 })).toBe('unknown');
    expect(sessionOfLookup(true, { status: 429 })).toBe('unknown');
  });
});

describe('headerMenu', () => {
  const waiting = { hasAccount: false, unauthenticated: false };

  it('shows no menu while neither the server nor the browser knows', () => {
    expect(headerMenu('unknown', waiting)).toBe('none');
    // Signed in on the server, yet no account handed over: not known yet either.
    expect(headerMenu('signed-in', waiting)).toBe('none');
  });

  it('shows the public menu at once when the server knew the visitor was signed out', () => {
    expect(headerMenu('signed-out', waiting)).toBe('public');
  });

  it("fills in from the browser's answer once it has one, whatever the server knew", () => {
    for (const server of ['unknown', 'signed-in', 'signed-out'] as const) {
      expect(headerMenu(server, { hasAccount: true, unauthenticated: false })).toBe('app');
      expect(headerMenu(server, { hasAccount: false, unauthenticated: true })).toBe('public');
      // A session that ended: the 401 wins over the account still cached.
      expect(headerMenu(server, { hasAccount: true, unauthenticated: true })).toBe('public');
    }
  });
});
