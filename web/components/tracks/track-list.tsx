'use client';

import type { TrackT } from '@/lib/api/hooks';
import { formatTime } from '@/lib/player/store';
import { IntentLink } from '../intent-link';
import { JobProgress } from '../jobs/job-progress';
import { LocalTime } from '../ui/local-time';
import { Cover } from './cover';
import { SelectBox } from './track-card';
import { coverOf, PlayButton } from './track-play';

const STATUS: Record<TrackT['status'], string> = {
  QUEUED: 'Queued',
  RENDERING: 'Rendering',
  MASTERING: 'Mastering',
  COMPLETE: 'Ready',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

/** The library as a dense table: one row per track, the same selection and play buttons as the grid. */
export function TrackList({
  items,
  selected,
  onSelect,
}: {
  items: TrackT[];
  selected: ReadonlySet<string>;
  onSelect: (id: string, on: boolean) => void;
}) {
  const th = 'px-3 py-2 text-left text-xs font-medium text-muted';
  return (
    <div className="overflow-hidden rounded-xl border border-line">
      <table className="w-full table-fixed text-sm" data-testid="library-list">
        <caption className="sr-only">Your tracks</caption>
        <thead className="bg-surface">
          <tr>
            <th scope="col" className={`${th} w-10`}>
              <span className="sr-only">Selected</span>
            </th>
            <th scope="col" className={th}>
              Title
            </th>
            <th scope="col" className={`${th} hidden w-36 md:table-cell`}>
              Style
            </th>
            <th scope="col" className={`${th} w-16 text-right`}>
              Length
            </th>
            <th scope="col" className={`${th} hidden w-28 sm:table-cell`}>
              Status
            </th>
            <th scope="col" className={`${th} hidden w-32 lg:table-cell`}>
              Created
            </th>
            <th scope="col" className={`${th} w-14`}>
              <span className="sr-only">Play</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((t) => {
            const on = selected.has(t.id);
            const inFlight = t.status !== 'COMPLETE' && t.status !== 'FAILED';
            return (
              <tr
                key={t.id}
                data-testid="track-row"
                data-track-id={t.id}
                data-selected={on ? 'true' : undefined}
                className={`border-t border-line ${on ? 'bg-accent/10' : 'hover:bg-surface'}`}
              >
                <td className="px-3 py-2 align-middle">
                  <SelectBox track={t} selected={on} onSelect={onSelect} />
                </td>
                <td className="min-w-0 px-3 py-2">
                  <div className="flex min-w-0 items-center gap-3">
                    <Cover {...coverOf(t)} sizes="36px" seed={t.seed} title={t.title} className="size-9" />
                    <div className="min-w-0 flex-1">
                      <IntentLink
                        href={`/tracks/${t.id}`}
                        dir="auto"
                        className="block truncate font-medium hover:underline"
                      >
                        {t.title}
                      </IntentLink>
                      {inFlight && t.job_id ? (
                        // CANCELLED counts here too: its block offers Try again and Delete.
                        <JobProgress
                          jobId={t.job_id}
                          title={t.title}
                          credits={t.credits_required}
                          compact
                          track={t}
                        />
                      ) : t.status === 'FAILED' ? (
                        <p className="truncate text-xs text-danger">
                          {t.error_message ?? 'Failed'} · credits refunded
                        </p>
                      ) : (
                        <p className="truncate text-xs text-muted md:hidden">{t.genre ?? ' '}</p>
                      )}
                    </div>
                  </div>
                </td>
                <td className="hidden truncate px-3 py-2 text-muted md:table-cell">
                  {[t.genre, t.key].filter(Boolean).join(' · ') || '—'}
                </td>
                <td className="tabular px-3 py-2 text-right text-muted">{formatTime(t.duration_s)}</td>
                <td className="hidden px-3 py-2 sm:table-cell">
                  <span className={t.status === 'FAILED' ? 'text-danger' : 'text-muted'}>
                    {STATUS[t.status]}
                    {t.public ? ' · public' : ''}
                  </span>
                </td>
                <td className="tabular hidden px-3 py-2 text-muted lg:table-cell">
                  <LocalTime iso={t.created_at} dateOnly />
                </td>
                <td className="px-3 py-2">
                  {t.status === 'COMPLETE' && <PlayButton track={t} size="size-8" />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
