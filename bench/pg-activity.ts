// Where PostgreSQL's backends spend a statement's time, seen from PostgreSQL itself: samples
// pg_stat_activity every few milliseconds and counts, for backends running a given statement,
// whether each is executing or waiting (and on what: WAL flush, row lock, I/O…). The averages are
// "how many backends are in that state at an instant", so they add up to the mean number of
// connections busy with that statement inside PostgreSQL. Used by bench/api.ts.
//
// Why this instrument: PostgreSQL's own log_min_duration_statement does not see the commit of an
// extended-protocol statement (it commits at Sync, after the Execute was timed), so a slow WAL flush
// hides from the log; pg_stat_activity shows it as IO/WALSync or LWLock/WALWrite.
import pg from 'pg';

export interface ActivitySampler {
  /** Stops sampling; the states sorted by share, as "0.42 waiting LWLock/WALWrite". */
  stop(): Promise<string[]>;
}

export async function sampleActivity(opts: {
  url: string;
  /** A fragment of the statement's text that identifies it. */
  statement: string;
  everyMs?: number;
}): Promise<ActivitySampler> {
  const client = new pg.Client({ connectionString: opts.url });
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ state: string; wait: string | null }>(
        `select state, wait_event_type || '/' || wait_event as wait from pg_stat_activity
          where datname = current_database() and backend_type = 'client backend'
            and pid <> pg_backend_pid() and state = 'active' and position($1 in query) > 0`,
        [opts.statement],
      );
      samples++;
      for (const r of rows) {
        const key = r.wait ? `waiting ${r.wait}` : 'executing';
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, opts.everyMs ?? 3));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      return [...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([state, n]) => `${(n / Math.max(1, samples)).toFixed(2)} ${state}`);
    },
  };
}
