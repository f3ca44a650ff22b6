'use client';

import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode, RefObject } from 'react';
import { BusyButton } from './busy-button';

/**
 * "Delete …?" before anything destructive: a Radix Dialog (focus trapped, Escape and Cancel
 * close it) with a title, what will happen, the action's error and the red confirm button.
 * With `trigger` the dialog opens from that button; without, the caller controls `open`.
 */
export function ConfirmDialog({
  trigger,
  open,
  onOpenChange,
  returnFocus,
  title,
  description,
  error,
  confirmLabel,
  dismissLabel = 'Cancel',
  busy = false,
  onConfirm,
}: {
  /** The button that opens it (rendered as Dialog.Trigger). */
  trigger?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /**
   * Where focus goes on close (default: the trigger). A caller whose trigger disappears with the
   * confirmed action points it elsewhere first (the bulk bar: at its outcome).
   */
  returnFocus?: RefObject<HTMLElement | null>;
  title: ReactNode;
  description: ReactNode;
  error?: string | null;
  confirmLabel: ReactNode;
  /** The button that closes it without acting ("Keep it" where the action itself is a cancel). */
  dismissLabel?: string;
  busy?: boolean;
  onConfirm: () => void;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>}
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-black/60" />
        <Dialog.Content
          onCloseAutoFocus={
            returnFocus
              ? (e) => {
                  // Not there (yet to be shown, or gone): Radix's default, the trigger.
                  if (returnFocus.current?.isConnected) {
                    e.preventDefault();
                    returnFocus.current.focus();
                  }
                }
              : undefined
          }
          className="fixed top-1/2 left-1/2 z-50 w-[min(92vw,26rem)] -translate-x-1/2 -translate-y-1/2 rounded-2xl border border-line bg-surface p-6 shadow-2xl"
        >
          <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-muted">{description}</Dialog.Description>
          {error && <p className="mt-2 text-sm text-danger">{error}</p>}
          <div className="mt-6 flex justify-end gap-2">
            <Dialog.Close className="rounded-lg px-4 py-2 text-sm">{dismissLabel}</Dialog.Close>
            {/* BusyButton while busy: a disabled button would drop focus out of the dialog. */}
            <BusyButton
              busy={busy}
              onClick={onConfirm}
              className="rounded-lg bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 aria-disabled:cursor-wait aria-disabled:opacity-70"
            >
              {confirmLabel}
            </BusyButton>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
