import { untilText } from '@soundfoundry/contract/constants';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { checkPlanLimits } from './free-tier.ts';
import { DEFAULT_PLAN_RULES } from './plans.ts';

describe('plan limits as the client reads them', () => {
  it('says how long until the daily limit resets, in hours and minutes', () => {
    expect(untilText(0)).toBe('1 min');
    expect(untilText(42 * 60_000)).toBe('42 min');
    expect(untilText(59 * 60_000 + 1)).toBe('1 h 00 min');
    expect(untilText((14 * 60 + 3) * 60_000)).toBe('14 h 03 min');
  });

  it('the daily limit names the reset in UTC and how far off it is, the exact time in details', () => {
    const now = new Date('2026-12-07T09:56:30Z');
    let err: unknown;
    try {
      checkPlanLimits('FREE', DEFAULT_PLAN_RULES, { durationS: 30, tracksToday: 10, now });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.status).toBe(429);
    expect(e.message).toContain('resets at 00:00 UTC, 14 h 04 min from now.');
    expect(e.message).not.toMatch(/\d{4}-\d\d-\d\dT/);
    expect(e.details).toMatchObject({ resets_at: '2026-12-08T00:00:00.000Z', max: 10 });
    expect(e.message).toContain(
      'Buying any credit pack moves a free account to Pro (up to 240 s, 200 tracks a day).',
    );
    // Under the limit: no error.
    expect(() =>
      checkPlanLimits('FREE', DEFAULT_PLAN_RULES, { durationS: 30, tracksToday: 9, now }),
    ).not.toThrow();
  });

  it('offers a credit pack only where packs are on sale; otherwise the operator', () => {
    const refusal = (packsOnSale: boolean) => {
      try {
        checkPlanLimits(
          'FREE',
          { ...DEFAULT_PLAN_RULES, packsOnSale, proDailyTrackLimit: 150 },
          {
            durationS: 120,
            tracksToday: 0,
            now: new Date('2026-12-07T10:00:00Z'),
          },
        );
      } catch (e) {
        return (e as AppError).message;
      }
      throw new Error('not refused');
    };
    expect(refusal(true)).toContain(
      'Buying any credit pack moves a free account to Pro (up to 240 s, 150 tracks a day).',
    );
    expect(refusal(false)).toContain(
      'The operator of this server can move your account to Pro (up to 240 s, 150 tracks a day).',
    );
    expect(refusal(false)).not.toContain('credit pack');
  });
});
