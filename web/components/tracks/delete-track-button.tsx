'use client';

import dynamic from 'next/dynamic';
import { useRef, useState } from 'react';
import type { TrackT } from '@/lib/api/hooks';

const DeleteTrackDialog = dynamic(() => import('./delete-track-dialog'), { ssr: false });

/** "Delete" and its confirmation, for the owner's track (the track page, a cancelled track). */
export function DeleteTrackButton({ track, named = false }: { track: TrackT; named?: boolean }) {
  const [open, setOpen] = useState(false);
  // The dialog's code is fetched on the first click (or hover/focus, to be ready by the click).
  const [wanted, setWanted] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={trigger}
        type="button"
        aria-haspopup="dialog"
        onPointerEnter={() => setWanted(true)}
        onFocus={() => setWanted(true)}
        onClick={() => {
          setWanted(true);
          setOpen(true);
        }}
        className="rounded-lg px-3 py-2 text-sm font-medium text-danger hover:bg-surface-2"
      >
        Delete
        {/* Among many tracks (a library), the button's name says which one. */}
        {named && <span className="sr-only"> “{track.title}”</span>}
      </button>
      {wanted && <DeleteTrackDialog track={track} open={open} onOpenChange={setOpen} returnFocus={trigger} />}
    </>
  );
}
