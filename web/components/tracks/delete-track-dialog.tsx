'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { useRouter } from 'next/navigation';
import type { RefObject } from 'react';
import { type TrackT, useDeleteTrack } from '@/lib/api/hooks';

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
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-black/60" />
        <Dialog.Content
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            returnFocus.current?.focus();
          }}
          className="fixed top-1/2 left-1/2 z-50 w-[min(92vw,26rem)] -translate-x-1/2 -translate-y-1/2 rounded-2xl border border-line bg-surface p-6 shadow-2xl"
        >
          <Dialog.Title className="text-lg font-semibold">Delete “{track.title}”?</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-muted">
            The audio, stems, MIDI and share page are removed for good.
          </Dialog.Description>
          {del.error && <p className="mt-2 text-sm text-danger">{del.error.message}</p>}
          <div className="mt-6 flex justify-end gap-2">
            <Dialog.Close className="rounded-lg px-4 py-2 text-sm">Cancel</Dialog.Close>
            <button
              type="button"
              disabled={del.isPending}
              onClick={async () => {
                await del.mutateAsync(track.id);
                router.push('/library');
              }}
              className="rounded-lg bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800"
            >
              Delete track
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
