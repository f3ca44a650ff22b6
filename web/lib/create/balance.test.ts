import { describe, expect, it } from 'vitest';
import { costLine, dailyLimitReason, resetWords } from './balance';

describe('the cost line and the daily limit', () => {
  it('counts credits in words and never shows a negative balance', () => {
    expect(costLine(1, undefined)).toEqual({ text: 'Costs 1 credit', short: false });
    expect(costLine(2, 400)).toEqual({ text: 'Costs 2 credits · balance after: 398', short: false });
    expect(costLine(1, 1)).toEqual({ text: 'Costs 1 credit · balance after: 0', short: false });
    expect(costLine(2, 1)).toEqual({ text: 'Costs 2 credits · not enough credits: you have 1', short: true });
  });

  it('says when the plan has no tracks left today, before the press', () => {
    const free = { plan: 'FREE', daily_track_limit: 10, remaining_today: 0 };
    expect(dailyLimitReason(free, 'at 01:00 (in 3 h 20 min)')).toBe(
      "You have made today's 10 tracks on the Free plan. You can generate again at 01:00 (in 3 h 20 min).",
    );
    expect(dailyLimitReason({ ...free, remaining_today: 3 }, '01:00')).toBeNull();
    expect(dailyLimitReason({ ...free, daily_track_limit: null, remaining_today: null }, '01:00')).toBeNull();
    expect(dailyLimitReason(undefined, '01:00')).toBeNull();
  });

  it("says the reset in the reader's clock and the wait, tomorrow where it is another day there", () => {
    const midnightUtc = new Date('2026-12-08T00:00:00Z');
    // 21:40 UTC: Berlin reads 22:40 now and 01:00 tomorrow; New York 16:40 now and 19:00 today.
    const now = new Date('2026-12-07T21:40:00Z');
    expect(resetWords(midnightUtc, now, 'Europe/Berlin')).toBe('tomorrow at 01:00 (in 2 h 20 min)');
    expect(resetWords(midnightUtc, now, 'America/New_York')).toBe('at 19:00 (in 2 h 20 min)');
    expect(resetWords(midnightUtc, now, 'UTC')).toBe('tomorrow at 00:00 (in 2 h 20 min)');
    expect(resetWords(midnightUtc, new Date('2026-12-07T23:59:30Z'), 'Asia/Kolkata')).toBe(
      'at 05:30 (in 1 min)',
    );
  });
});
