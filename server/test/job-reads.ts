import { asc, eq } from 'drizzle-orm';
import { creditLedger, jobEvents, jobs } from '../src/db/schema/index.ts';
import { type TestApp, type TestUser, until } from './harness.ts';

/** One line of GET /api/jobs/:id/logs, as the suites read it. */
export interface JobLogLine {
  provider: string;
  attempt: number;
  outcome: string;
  error_code: string | null;
  error: string | null;
  duration_ms: number;
}

/**
 * What the suites that run jobs on worker processes read of a job: its row, its end (COMPLETE or
 * FAILED, polled), its ledger reasons, its events in order and its log as the API shows it. `t` is a
 * getter: the TestApp is made in the suite's beforeAll.
 */
export function jobReads(t: () => TestApp) {
  const db = () => t().rt.database.db;
  const jobRow = async (id: string) => (await db().select().from(jobs).where(eq(jobs.id, id)))[0]!;
  return {
    jobRow,
    final: (id: string, ms = 120_000) =>
      until(
        async () => {
          const j = await jobRow(id);
          return j.status === 'COMPLETE' || j.status === 'FAILED' ? j : null;
        },
        ms,
        `job ${id} final`,
      ),
    ledger: async (id: string) =>
      (await db().select().from(creditLedger).where(eq(creditLedger.jobId, id))).map((l) => l.reason),
    events: (id: string) =>
      db().select().from(jobEvents).where(eq(jobEvents.jobId, id)).orderBy(asc(jobEvents.seq)),
    logsOf: async (u: TestUser, id: string) =>
      (await u.get(`/api/jobs/${id}/logs`)).json().entries as JobLogLine[],
  };
}
