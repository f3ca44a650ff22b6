import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { newPasswordProblem, passwordChangeProblem, passwordRefusal, WRONG_PASSWORD } from './password';

describe('passwordChangeProblem', () => {
  const ok = { current: 'old password', next: 'a new passphrase', repeat: 'a new passphrase' };
  it('lets a sound change through', () => {
    expect(passwordChangeProblem(ok)).toBeNull();
  });
  it.each([
    [{ ...ok, current: '' }, 'Enter your current password.'],
    [{ ...ok, next: 'short', repeat: 'short' }, 'at least 8 characters'],
    [{ ...ok, next: 'x'.repeat(129), repeat: 'x'.repeat(129) }, 'at most 128 characters'],
    [{ ...ok, next: 'old password', repeat: 'old password' }, 'same as the current one'],
    [{ ...ok, repeat: 'a new passphrasE' }, 'not the same'],
  ])('refuses %o in words', (v, words) => {
    expect(passwordChangeProblem(v)).toContain(words);
  });
});

describe('passwordRefusal', () => {
  const wrong = new ApiError('Check this value.', 400, 'VALIDATION_ERROR', [], {
    auth_code: 'INVALID_PASSWORD',
  });
  it('says a wrong password in the words of the form that asked for it', () => {
    expect(passwordRefusal(wrong, WRONG_PASSWORD.change)).toBe(
      'Your current password is not right. Check it and try again.',
    );
    expect(passwordRefusal(wrong, WRONG_PASSWORD.deleteAccount)).toBe(
      'That password is not right. Check it and try again.',
    );
  });

  it("says a new password's length plainly, and passes other refusals through", () => {
    const short = new ApiError('x', 400, 'VALIDATION_ERROR', [], { auth_code: 'PASSWORD_TOO_SHORT' });
    expect(passwordRefusal(short, WRONG_PASSWORD.change)).toBe(
      'Your new password needs at least 8 characters.',
    );
    const long = new ApiError('x', 400, 'VALIDATION_ERROR', [], { auth_code: 'PASSWORD_TOO_LONG' });
    expect(passwordRefusal(long, WRONG_PASSWORD.change)).toContain('at most 128');
    for (const words of Object.values(WRONG_PASSWORD)) {
      expect(passwordRefusal(new ApiError('Too many requests.', 429, 'RATE_LIMITED'), words)).toBe(
        'Too many requests.',
      );
      expect(passwordRefusal(new Error('x'), words)).toBe('Something went wrong. Try again.');
    }
  });
});

describe('newPasswordProblem (a reset link: no current password)', () => {
  it('checks the length and that both match', () => {
    expect(newPasswordProblem('a new passphrase', 'a new passphrase')).toBeNull();
    expect(newPasswordProblem('short', 'short')).toContain('at least 8');
    expect(newPasswordProblem('a new passphrase', 'a new passphrasE')).toContain('not the same');
  });
});
