import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireRedis, TEST_REDIS_URL } from '../../test/services.ts';
import { type CircuitBreaker, createMemoryCircuitBreaker, createRedisCircuitBreaker } from './circuit.ts';

// The same rules in memory (embedded) and on Redis (shared by every worker).

let clock = 1_000_000;
const now = () => clock;
let redis: Redis;

beforeAll(async () => {
  await requireRedis();
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(() => redis?.disconnect());

describe.each(['memory', 'redis'] as const)('circuit breaker (%s)', (kind) => {
  const make = (): CircuitBreaker =>
    kind === 'memory'
      ? createMemoryCircuitBreaker({ failures: 3, openMs: 10_000, now })
      : createRedisCircuitBreaker(redis, `sftest-${randomBytes(4).toString('hex')}`, {
          failures: 3,
          openMs: 10_000,
          now,
        });

  it('opens after N failures in a row, lets one probe through after the wait, closes on success', async () => {
    const c = make();
    expect(await c.allow('fal')).toEqual({ ok: true });
    await c.failure('fal', 'PROVIDER_DOWN');
    await c.failure('fal', 'PROVIDER_DOWN');
    expect((await c.snapshot('fal')).state).toBe('closed');
    await c.failure('fal', 'TIMEOUT');
    expect(await c.snapshot('fal')).toMatchObject({ state: 'open', lastErrorCode: 'TIMEOUT' });
    expect(await c.allow('fal')).toEqual({ ok: false, retryAfterMs: 10_000 });
    expect(await c.allow('replicate')).toEqual({ ok: true }); // per provider
    clock += 10_001;
    expect((await c.snapshot('fal')).state).toBe('half-open');
    expect(await c.allow('fal')).toEqual({ ok: true }); // the probe
    expect((await c.allow('fal')).ok).toBe(false); // only one at a time
    await c.success('fal', 1234);
    expect(await c.snapshot('fal')).toMatchObject({ state: 'closed', failures: 0, lastLatencyMs: 1234 });
    expect((await c.snapshot('fal')).lastSuccessAt).toBe(new Date(clock).toISOString());
    expect(await c.allow('fal')).toEqual({ ok: true });
  });

  it('a failed probe opens it again at once; a success in between resets the count', async () => {
    const c = make();
    for (let i = 0; i < 3; i++) await c.failure('fal', 'PROVIDER_DOWN');
    clock += 10_001;
    expect((await c.allow('fal')).ok).toBe(true);
    await c.failure('fal', 'PROVIDER_DOWN');
    expect((await c.snapshot('fal')).state).toBe('open');
    const d = make();
    await d.failure('x', 'A');
    await d.failure('x', 'A');
    await d.success('x', 5);
    await d.failure('x', 'A');
    await d.failure('x', 'A');
    expect((await d.snapshot('x')).state).toBe('closed');
  });
});

describe('circuit breaker on Redis is shared', () => {
  it('two workers see one state', async () => {
    const prefix = `sftest-${randomBytes(4).toString('hex')}`;
    const a = createRedisCircuitBreaker(redis, prefix, { failures: 2, openMs: 5000, now });
    const b = createRedisCircuitBreaker(redis, prefix, { failures: 2, openMs: 5000, now });
    await a.failure('fal', 'PROVIDER_DOWN');
    await b.failure('fal', 'PROVIDER_DOWN');
    expect((await a.allow('fal')).ok).toBe(false);
    expect((await b.snapshot('fal')).state).toBe('open');
  });
});
