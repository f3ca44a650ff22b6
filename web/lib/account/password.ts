import { ApiError } from '../api/client';

// The change-password form's rules and words, pure. The server (better-auth) checks the same
// length (8–128, api/auth.ts) and the current password; these spare a round trip and say it plainly.

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export interface PasswordChange {
  current: string;
  next: string;
  repeat: string;
}

const MISMATCH = 'The two new passwords are not the same.';

function lengthProblem(next: string): string | null {
  if (next.length < PASSWORD_MIN) return `Your new password needs at least ${PASSWORD_MIN} characters.`;
  if (next.length > PASSWORD_MAX) return `Your new password can have at most ${PASSWORD_MAX} characters.`;
  return null;
}

/** The first thing wrong with the change-password form, in words, or null when it may be sent. */
export function passwordChangeProblem(v: PasswordChange): string | null {
  if (!v.current) return 'Enter your current password.';
  const length = lengthProblem(v.next);
  if (length) return length;
  if (v.next === v.current) return 'The new password is the same as the current one.';
  return v.next !== v.repeat ? MISMATCH : null;
}

/** The same for a new password set with a reset link (no current password to give). */
export function newPasswordProblem(next: string, repeat: string): string | null {
  return lengthProblem(next) ?? (next !== repeat ? MISMATCH : null);
}

/** What a wrong password is called where it was asked for (the one difference between the forms). */
export const WRONG_PASSWORD = {
  change: 'Your current password is not right. Check it and try again.',
  deleteAccount: 'That password is not right. Check it and try again.',
} as const;

/**
 * What to tell the person when the server (better-auth) refused a password form: a wrong password
 * in the form's own words (`wrongPassword`), a new password's length, else the API's words.
 */
export function passwordRefusal(err: unknown, wrongPassword: string): string {
  if (err instanceof ApiError) {
    const auth = (err.details as { auth_code?: string } | undefined)?.auth_code;
    if (auth === 'INVALID_PASSWORD') return wrongPassword;
    if (auth === 'PASSWORD_TOO_SHORT') return `Your new password needs at least ${PASSWORD_MIN} characters.`;
    if (auth === 'PASSWORD_TOO_LONG') return `Your new password can have at most ${PASSWORD_MAX} characters.`;
    return err.message;
  }
  return 'Something went wrong. Try again.';
}
