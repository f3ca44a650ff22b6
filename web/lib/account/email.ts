/**
 * Whether an address looks like one mail can reach: something@domain.tld. The browser's
 * type="email" accepts "x@y" (a bare host), which the server refuses; asking here says it in
 * words before a round trip. Not a full check: the server has the last word.
 */
export function isPlausibleEmail(email: string): boolean {
  return /^[^\s@]+@(?:[^\s@.]+\.)+[^\s@.]{2,}$/.test(email);
}

export const EMAIL_HINT = 'Enter your email address, like you@example.com.';
