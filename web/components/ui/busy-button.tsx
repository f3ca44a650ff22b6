import type { ButtonHTMLAttributes, MouseEvent, ReactNode, Ref } from 'react';

export type BusyButtonProps = Omit<
  ButtonHTMLAttributes<HTMLButtonElement>,
  'disabled' | 'aria-disabled' | 'type'
> & {
  type?: 'button' | 'submit';
  /** An action of this button is in flight: presses are refused, and `busyLabel` shows. */
  busy?: boolean;
  /** Nothing to do for now (the last page, the end of the queue): presses are refused. */
  unavailable?: boolean;
  /** What the button says while busy ("Starting…"); its children otherwise. */
  busyLabel?: ReactNode;
  ref?: Ref<HTMLButtonElement>;
};

/**
 * A button that refuses presses while busy or unavailable without being `disabled`: a natively
 * disabled button drops keyboard focus to the page's body the moment it becomes disabled (pressed
 * into the last page, or while its action runs), and a screen reader loses its place. It is
 * `aria-disabled` instead (style it with `aria-disabled:`), and the press is refused here: its
 * onClick does not run, and a submit button does not submit its form (the click's default is
 * prevented — Enter in a field clicks the form's submit button too). A form's onSubmit keeps its own
 * guard for submits that do not click (`requestSubmit()`, a Ctrl+Enter shortcut).
 */
export function BusyButton({
  busy = false,
  unavailable = false,
  busyLabel,
  type = 'button',
  onClick,
  children,
  ...rest
}: BusyButtonProps) {
  const refused = busy || unavailable;
  return (
    <button
      {...rest}
      type={type}
      aria-disabled={refused}
      onClick={(e: MouseEvent<HTMLButtonElement>) => {
        if (refused) {
          e.preventDefault();
          return;
        }
        onClick?.(e);
      }}
    >
      {busy && busyLabel !== undefined ? busyLabel : children}
    </button>
  );
}
