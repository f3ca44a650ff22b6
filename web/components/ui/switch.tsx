'use client';

import { BusyButton } from './busy-button';

/**
 * An on/off switch: a native button with role="switch" (Space and Enter toggle it, a
 * <label htmlFor> names it). Written out rather than taken from a component library: it is
 * this one element, and pages that show one (the track page's Public, the create form's
 * Vocals, settings) no longer load a library's code to hydrate it. Off, its track is grey in the
 * light theme: the white knob on a near-white track was hard to see (WCAG 1.4.11 asks 3:1).
 * `disabled` (e.g. while the change is being saved) is BusyButton's busy, aria-disabled: a natively
 * disabled button drops keyboard focus to the page's body the moment Space toggles it.
 */
export function Switch({
  checked,
  onCheckedChange,
  className = '',
  disabled = false,
  ...rest
}: {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  id?: string;
  disabled?: boolean;
  'aria-label'?: string;
  className?: string;
}) {
  const state = checked ? 'checked' : 'unchecked';
  return (
    <BusyButton
      {...rest}
      role="switch"
      aria-checked={checked}
      busy={disabled}
      data-state={state}
      onClick={() => onCheckedChange(!checked)}
      className={`relative h-6 w-11 shrink-0 rounded-full bg-muted/70 ring-1 ring-line aria-disabled:opacity-60 data-[state=checked]:bg-accent dark:bg-surface-2 ${className}`}
    >
      <span
        data-state={state}
        className="block size-5 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[22px]"
      />
    </BusyButton>
  );
}
