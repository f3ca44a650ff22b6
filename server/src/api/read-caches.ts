import type { JobEventBus } from '../services/job-events.ts';
import { ReadCache } from '../services/read-cache.ts';

/**
 * The API's read caches, as JSON bytes ready to send:
 * - one job (clients poll GET /api/jobs/:id), dropped on any event of that job;
 * - a user's library pages (GET /api/tracks without filters), dropped when one of
 *   the user's tracks changes (created, renamed, published, deleted, status).
 * Notices come over the event bus, so in production every API process hears what
 * any worker or API process changed. TTLs bound staleness should one be lost, and
 * stay far below the signed-URL lifetime of the cached payloads.
 */
export interface ReadCaches {
  jobs: ReadCache<Buffer>;
  library: ReadCache<Buffer>;
  close(): void;
}

export function createReadCaches(bus: JobEventBus): ReadCaches {
  const jobs = new ReadCache<Buffer>(5_000);
  const library = new ReadCache<Buffer>(10_000);
  const off = bus.onAny((m) => {
    if (m.kind === 'job') {
      jobs.invalidate(m.event.job_id);
      if (m.libraryChanged) library.invalidate(m.userId);
    } else if (m.kind === 'library') {
      library.invalidate(m.userId);
    }
  });
  return { jobs, library, close: off };
}
