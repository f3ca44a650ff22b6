import { describe, expect, it } from 'vitest';
import { costLine, dailyLimitReason } from './balance';

describe('the cost line and the daily limit', () => {
  it('counts credits in words and never shows a negative balance', () => {
    expect(costLine(1, undefined)).toEqual({ text: 'Costs 1 credit', short: false });
    expect(costLine(2, 400)).toEqual({ text: 'Costs 2 credits · balance after: 398', short: false });
    expect(costLine(1, 1)).toEqual({ text: 'Costs 1 credit · balance after: 0', short: false });
    expect(costLine(2, 1)).toEqual({ text: 'Costs 2 credits · not enough credits: you have 1', short: true });
  });

  it('says when the plan has no tracks left today, before the press', () => {
    const free = { plan: 'FREE', daily_track_limit: 10, remaining_today: 0 };
    expect(dailyLimitReason(free, '01:00')).toBe(
      "You have made today's 10 tracks on the Free plan. You can generate again at 01:00.",
    );
    expect(dailyLimitReason({ ...free, remaining_today: 3 }, '01:00')).toBeNull();
    expect(dailyLimitReason({ ...free, daily_track_limit: null, remaining_today: null }, '01:00')).toBeNull();
    expect(dailyLimitReason(undefined, '01:00')).toBeNull();
  });
});
