'use client';

import { useRouter } from 'next/navigation';
import type { RefObject } from 'react';
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
      onConfirm={async () => {
        await del.mutateAsync(track.id);
        router.push('/library');
      }}
    />
  );
}
