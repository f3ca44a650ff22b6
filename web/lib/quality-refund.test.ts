import { qualityRefundCredits } from '@soundfoundry/contract/constants';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api/client';
import {
  isAlreadyRefunded,
  qualityRefundDone,
  qualityRefundedOn,
  qualityRefundQuestion,
} from './quality-refund';

describe('the quality refund in words', () => {
  it('gives back half the charge, rounded up, as the API does', () => {
    expect([1, 2, 3, 6, 8].map(qualityRefundCredits)).toEqual([1, 1, 2, 3, 4]);
  });

  it('asks with the real numbers and the window', () => {
    expect(qualityRefundQuestion(6, 14)).toBe(
      'Refund 3 of the 6 credits this track cost? Each track can be refunded once, up to 14 days after it was made.',
    );
    expect(qualityRefundQuestion(1, 1)).toBe(
      'Refund the 1 credit this track cost? Each track can be refunded once, up to 1 day after it was made.',
    );
    expect(qualityRefundQuestion(2, undefined)).toBe(
      'Refund 1 of the 2 credits this track cost? Each track can be refunded once.',
    );
  });

  it('says what happened', () => {
    expect(qualityRefundDone({ refunded_credits: 1, balance: 399 })).toBe(
      'Refunded 1 credit. Your balance is 399.',
    );
    expect(qualityRefundDone({ refunded_credits: 3, balance: 12 })).toBe(
      'Refunded 3 credits. Your balance is 12.',
    );
  });

  it('says a refund already made, and knows the API\'s "already refunded" for what it is', () => {
    expect(qualityRefundedOn(1)).toBe('Refunded 1 credit on');
    expect(qualityRefundedOn(2)).toBe('Refunded 2 credits on');
    const msg = 'This track was already refunded; a track is refunded at most once.';
    expect(isAlreadyRefunded(new ApiError(msg, 409, 'CONFLICT', [], undefined, msg))).toBe(true);
    expect(isAlreadyRefunded(new ApiError('Window closed', 409, 'CONFLICT'))).toBe(false);
    expect(isAlreadyRefunded(new Error('already refunded'))).toBe(false);
  });
});
