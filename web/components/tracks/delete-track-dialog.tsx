'use client';

import { useRouter } from 'next/navigation';
import { type RefObject, useRef } from 'react';
import { type TrackT, useDeleteTrack } from '@/lib/api/hooks';
import { ConfirmDialog } from '../ui/confirm-dialog';

/**
 * "Delete this track?" (a Radix Dialog: focus trapped, Escape cancels). Its own module so the
 * track page loads the dialog's code only when someone asks to delete, not with the page.
 */
export default function DeleteTrackDialog({
  track,
  open,
  onOpenChange,
  returnFocus,
}: {
  track: TrackT;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocus: RefObject<HTMLButtonElement | null>;
}) {
  const del = useDeleteTrack();
  const router = useRouter();
  // One DELETE per confirmation: a double-click's second press sends nothing (the first's answer
  // is awaited), and a refusal is shown in the dialog, never an unhandled rejection.
  const inFlight = useRef(false);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      returnFocus={returnFocus}
      title={`Delete “${track.title}”?`}
      description="The audio, stems, MIDI and share page are removed for good."
      error={del.error?.message}
      confirmLabel="Delete track"
      busy={del.isPending}
      onConfirm={() => {
        if (inFlight.current) return;
        inFlight.current = true;
        del.mutate(track.id, {
          onSuccess: () => router.push('/library'),
          onSettled: () => {
            inFlight.current = false;
          },
        });
      }}
    />
  );
}
