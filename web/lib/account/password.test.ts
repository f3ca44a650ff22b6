import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import {
  deleteAccountError,
  newPasswordProblem,
  passwordChangeError,
  passwordChangeProblem,
} from './password';

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

describe('passwordChangeError', () => {
  it('says a wrong current password plainly, and passes other refusals through', () => {
    const wrong = new ApiError('Check this value.', 400, 'VALIDATION_ERROR', [], {
      auth_code: 'INVALID_PASSWORD',
    });
    expect(passwordChangeError(wrong)).toBe('Your current password is not right. Check it and try again.');
    expect(passwordChangeError(new ApiError('Too many requests.', 429, 'RATE_LIMITED'))).toBe(
      'Too many requests.',
    );
    expect(passwordChangeError(new Error('x'))).toBe('Something went wrong. Try again.');
  });
});

describe('deleteAccountError', () => {
  it('says a wrong password plainly', () => {
    const wrong = new ApiError('x', 400, 'VALIDATION_ERROR', [], { auth_code: 'INVALID_PASSWORD' });
    expect(deleteAccountError(wrong)).toBe('That password is not right. Check it and try again.');
    expect(deleteAccountError(new ApiError('Too many.', 429, 'RATE_LIMITED'))).toBe('Too many.');
  });
});

describe('newPasswordProblem (a reset link: no current password)', () => {
  it('checks the length and that both match', () => {
    expect(newPasswordProblem('a new passphrase', 'a new passphrase')).toBeNull();
    expect(newPasswordProblem('short', 'short')).toContain('at least 8');
    expect(newPasswordProblem('a new passphrase', 'a new passphrasE')).toContain('not the same');
  });
});
