import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, validTrack } from '../../test/harness.ts';
import { requireRedis, TEST_REDIS_URL } from '../../test/services.ts';
import { BullmqQueue, bullJobId, QUEUE_NAME, redisConnection } from './bullmq-queue.ts';

// The API's sweeper (production mode): re-enqueues only what BullMQ does not hold, and walks a
// backlog larger than one batch in turn instead of re-adding the same first batch every time.

describe('BullMQ sweeper', () => {
  let t: TestApp;
  let prefix: string;
  let inspect: Queue;
  const connection = redisConnection(TEST_REDIS_URL);

  beforeAll(async () => {
    await requireRedis();
    prefix = `sfsweep-${randomBytes(4).toString('hex')}`;
    // No worker: accepted jobs stay QUEUED in the table and waiting in BullMQ.
    t = await startTestApp({ db: 'postgres', env: { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix } });
    inspect = new Queue(QUEUE_NAME, { connection, prefix });
  });
  afterAll(async () => {
    await inspect?.obliterate({ force: true }).catch(() => {});
    await inspect?.close();
    connection.disconnect();
    await t?.close();
  });

  it('hands BullMQ only the jobs it lost, batch after batch through the whole backlog', async () => {
    const u = await signUp(t);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await u.post('/api/tracks', validTrack({ duration_s: 15, seed: i }));
      expect(res.statusCode).toBe(201);
      ids.push(res.json().job_id);
    }
    const held = async () =>
      (await Promise.all(ids.map((id) => inspect.getJob(bullJobId(id))))).map((j) => j !== undefined);
    // POST /api/tracks answers before its hand-off to BullMQ settles: wait for all seven.
    for (let waited = 0; !(await held()).every(Boolean); waited += 50) {
      if (waited > 10_000) throw new Error(`BullMQ holds ${JSON.stringify(await held())} after 10 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
    // Redis loses four of them (a flush, a failover without persistence).
    const lost = [ids[0]!, ids[2]!, ids[5]!, ids[6]!];
    for (const id of lost) await inspect.remove(bullJobId(id));

    const sweeper = new BullmqQueue(TEST_REDIS_URL, prefix, { sweepBatch: 3 });
    try {
      await sweeper.ping();
      const db = t.rt.database.db;
      // 7 runnable jobs in batches of 3: [0 1 2] [3 4 5] [6], then from the start again.
      expect(await sweeper.sweep(db)).toBe(2); // 0 and 2
      expect(await sweeper.sweep(db)).toBe(1); // 5
      expect(await sweeper.sweep(db)).toBe(1); // 6 (a short batch: the next sweep starts over)
      expect(await held()).toEqual(ids.map(() => true));
      for (let i = 0; i < 3; i++) expect(await sweeper.sweep(db)).toBe(0); // nothing re-added
      const waiting = await inspect.getJobCounts('waiting', 'prioritized');
      expect((waiting.waiting ?? 0) + (waiting.prioritized ?? 0)).toBe(7);
    } finally {
      await sweeper.close();
    }
  });
});
