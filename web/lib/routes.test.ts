import { describe, expect, it } from 'vitest';
import { afterAuthPath, isProtected, safeNext } from './routes';

describe('where signing in leads', () => {
  it('follows only same-site paths (no open redirect)', () => {
    expect(safeNext('/library?sort=title')).toBe('/library?sort=title');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', '', null, undefined])
      expect(safeNext(bad), String(bad)).toBe('/create');
  });

  it('goes to `next`, else to Create with the landing page’s prompt, else to Create', () => {
    expect(afterAuthPath('/series', 'lo-fi')).toBe('/series');
    expect(afterAuthPath(null, 'dusty lo-fi & rain?')).toBe('/create?prompt=dusty%20lo-fi%20%26%20rain%3F');
    expect(afterAuthPath('//evil.example', 'lo-fi')).toBe('/create?prompt=lo-fi');
    expect(afterAuthPath(undefined, '')).toBe('/create');
  });

  it('knows which pages need a session', () => {
    expect(isProtected('/tracks/abc')).toBe(true);
    expect(isProtected('/create')).toBe(true);
    expect(isProtected('/createx')).toBe(false);
    expect(isProtected('/auth/signin')).toBe(false);
  });
});
