import { describe, expect, it } from 'vitest';
import { isPlausibleEmail } from './email';

describe('isPlausibleEmail', () => {
  it('takes something@domain.tld', () => {
    for (const ok of ['you@example.com', 'a.b+tag@mail.example.co.uk', 'Ünï@exämple.de'])
      expect(isPlausibleEmail(ok), ok).toBe(true);
  });

  it('refuses what the browser lets through but the server refuses: no dot in the domain, empty parts', () => {
    for (const bad of [
      'x@y',
      'x@',
      '@example.com',
      'x@example.',
      'x@.com',
      'x@example..com',
      'x y@example.com',
      'x@example.c',
      '',
    ])
      expect(isPlausibleEmail(bad), bad).toBe(false);
  });
});
