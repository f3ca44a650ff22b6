// The create statement commits asynchronously (services/tracks.ts, createTrackSql): checked on
// real PostgreSQL by running it inside an explicit transaction and reading the setting the commit
// will use. If the setting's CTE were ever optimised away (unreferenced CTEs are not evaluated),
// this reads 'on' and fails.
import { fillPlaceholders } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp } from '../../test/harness.ts';
import { createTrackStatement } from './tracks.ts';

describe('the create statement on PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db: 'postgres' });
  }, 60_000);
  afterAll(async () => t?.close());

  async function inTransaction(userId: string) {
    const built = createTrackStatement(t.rt.database.db, t.config.credits);
    const values = {
      credits: 1,
      today: new Date().toISOString().slice(0, 10),
      userId,
      durationS: 30,
      seriesId: null,
      referenceId: null,
      title: 'Commit test',
      prompt: 'dusty lo-fi hip hop, rainy night',
      lyrics: null,
      hasVocals: false,
      genre: null,
      style: null,
      bpm: null,
      key: null,
      styleStrength: 0.5,
      seed: 1,
      idempotencyKey: null,
      hash: '',
    };
    const client = new pg.Client({
      connectionString: t.config.database.kind === 'postgres' ? t.config.database.url : '',
    });
    await client.connect();
    try {
      await client.query('begin');
      const before = (await client.query('show synchronous_commit')).rows[0].synchronous_commit;
      const created = await client.query(built.text, fillPlaceholders(built.params, values));
      const after = (await client.query('show synchronous_commit')).rows[0].synchronous_commit;
      await client.query('rollback');
      const outside = (await client.query('show synchronous_commit')).rows[0].synchronous_commit;
      return { before, created: created.rowCount, after, outside };
    } finally {
      await client.end();
    }
  }

  it('turns synchronous_commit off for its own transaction only, when it writes', async () => {
    const u = await signUp(t);
    await u.get('/api/me'); // onboarded: the gate lets the statement write
    expect(await inTransaction(u.id)).toEqual({ before: 'on', created: 1, after: 'off', outside: 'on' });
  });
});
