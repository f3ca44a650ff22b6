import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA256 signatures for the filesystem driver's URLs. Everything that changes the response is
 * signed (key, expiry, download name, public flag), so none of it can be altered without the secret.
 */
export interface SignedParams {
  key: string;
  /** Unix seconds. */
  expiresAt: number;
  downloadName?: string;
  public?: boolean;
}

/** Query parameter names in the URL (short: they end up in logs and CDN cache keys). */
export const QUERY = { expires: 'exp', signature: 'sig', downloadName: 'dl', public: 'pub' } as const;

export function signParams(secret: string, params: SignedParams): string {
  // Fields joined with \n: no field may contain \n (keys cannot; download names are sanitised,
  // and the name is length-prefixed anyway so two fields can never be confused).
  const name = params.downloadName ?? '';
  const payload = [
    'sf-fs-v1',
    params.key,
    String(params.expiresAt),
    `${name.length}:${name}`,
    params.public ? '1' : '0',
  ].join('\n');
  return createHmac('sha256', secret).update(payload, 'utf8').digest('base64url');
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'invalid_signature' | 'expired' };

export function verifyParams(
  secret: string,
  params: SignedParams,
  signature: string,
  nowSec: number = Math.floor(Date.now() / 1000),
): VerifyResult {
  const expected = Buffer.from(signParams(secret, params), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual needs equal lengths; the length of a valid signature is public anyway.
  const valid = given.length === expected.length && timingSafeEqual(given, expected);
  if (!valid) return { ok: false, reason: 'invalid_signature' };
  // Expiry is checked after the signature so an attacker learns nothing from the order.
  if (!Number.isSafeInteger(params.expiresAt) || params.expiresAt < nowSec) {
    return { ok: false, reason: 'expired' };
  }
  return { ok: true };
}
