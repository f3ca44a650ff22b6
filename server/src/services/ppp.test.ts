import { describe, expect, it } from 'vitest';
import { freeModeStatus } from './free-mode.ts';
import { DEFAULT_PLAN_RULES } from './plans.ts';
import { COUNTRY_BAND, pppBandForCountry } from './ppp.ts';

describe('PPP band from a country (World Bank income groups)', () => {
  it.each([
    ['US', 'HIGH'],
    ['de', 'HIGH'],
    ['RU', 'HIGH'], // high income since FY2025
    ['BR', 'UMID'],
    ['CN', 'UMID'],
    ['UA', 'UMID'],
    ['IN', 'LMID'],
    ['NG', 'LMID'],
    ['VN', 'UMID'], // upper-middle since July 2026
    ['TG', 'LMID'], // lower-middle since July 2026
    ['NA', 'LMID'], // lower-middle since July 2025
    ['CR', 'HIGH'], // high income since July 2025
    ['KE', 'LMID'],
    ['ET', 'LOW'],
    ['AF', 'LOW'],
    [' ug ', 'LOW'],
    ['XX', 'HIGH'], // Cloudflare: unknown
    ['T1', 'HIGH'], // Cloudflare: Tor
    ['', 'HIGH'],
    [null, 'HIGH'],
    ['USA', 'HIGH'],
  ])('%s → %s', (country, band) => {
    expect(pppBandForCountry(country)).toBe(band);
  });

  it('every listed code is a two-letter code in exactly one group', () => {
    expect(COUNTRY_BAND.size).toBeGreaterThan(120);
    for (const code of COUNTRY_BAND.keys()) expect(code).toMatch(/^[A-Z]{2}$/);
  });
});

describe('free-mode status', () => {
  const now = new Date('2026-12-02T18:30:00Z');
  it('counts today, says when it resets and how many trial days are left', () => {
    const s = freeModeStatus(
      {
        plan: 'FREE',
        dayTrackCount: 3,
        dayTrackDate: '2026-12-02',
        trialExpiresAt: new Date('2026-12-10T12:00:00Z'),
      },
      DEFAULT_PLAN_RULES,
      now,
    );
    expect(s).toEqual({
      plan: 'FREE',
      max_duration_s: 60,
      daily_track_limit: 10,
      tracks_today: 3,
      remaining_today: 7,
      resets_at: '2026-12-03T00:00:00.000Z',
      trial_expires_at: '2026-12-10T12:00:00.000Z',
      trial_days_left: 8,
      queue_priority: 10,
    });
  });
  it("yesterday's count is not today's; an expired trial has 0 days left", () => {
    const s = freeModeStatus(
      {
        plan: 'FREE',
        dayTrackCount: 10,
        dayTrackDate: '2026-12-01',
        trialExpiresAt: new Date('2026-11-30T00:00:00Z'),
      },
      DEFAULT_PLAN_RULES,
      now,
    );
    expect(s).toMatchObject({ tracks_today: 0, remaining_today: 10, trial_days_left: 0 });
  });
});
