import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The secret that signs sessions and storage URLs. Production passes AUTH_SECRET;
 * the embedded mode makes one on first start and keeps it under DATA_DIR, so
 * sessions and URLs survive restarts without any setup.
 */
export function resolveSecret(given: string, dataDir: string): string {
  if (given) return given;
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'secret.key');
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first start
  }
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}

/**
 * The operator token: OPERATOR_TOKEN, or else one derived from the auth secret, so
 * the CLI on the same machine (same env, same DATA_DIR/secret.key) can reach a
 * running embedded server without any setup, and nobody without the secret can.
 */
export function operatorToken(configured: string | null, secret: string): string {
  return (
    configured ?? createHmac('sha256', secret).update('soundfoundry operator api v1').digest('base64url')
  );
}
