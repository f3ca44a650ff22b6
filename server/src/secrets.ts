import { randomBytes } from 'node:crypto';
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
