'use client';

import { BusyButton } from './busy-button';

/**
 * Previous/next buttons around "Page N of M" (the library, the credit history). At either end
 * the button is unavailable (BusyButton: aria-disabled, not disabled): a natively disabled button
 * drops keyboard focus to the page's body the moment it is pressed into the last page, and the
 * person starts over at the top of the page.
 */
export function Pager({
  page,
  pages,
  onPage,
  labels = ['Previous', 'Next'],
  className = '',
  buttonClassName = 'px-3 py-2',
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
  /** What the two buttons say (the credit history pages from newer to older). */
  labels?: readonly [string, string];
  className?: string;
  buttonClassName?: string;
}) {
  const step = (to: number) => {
    if (to >= 1 && to <= pages && to !== page) onPage(to);
  };
  const btn = `rounded-lg border border-line text-sm hover:bg-surface-2 aria-disabled:opacity-40 aria-disabled:hover:bg-transparent ${buttonClassName}`;
  return (
    <nav aria-label="Pages" className={`flex items-center justify-center gap-3 ${className}`}>
      <BusyButton unavailable={page <= 1} onClick={() => step(page - 1)} className={btn}>
        {labels[0]}
      </BusyButton>
      <span className="tabular text-sm text-muted">
        Page {page} of {pages}
      </span>
      <BusyButton unavailable={page >= pages} onClick={() => step(page + 1)} className={btn}>
        {labels[1]}
      </BusyButton>
    </nav>
  );
}
