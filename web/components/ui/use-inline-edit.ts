'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * An inline editor opened by a button (Rename on the track page and on series cards): while it is
 * open the caret is in its field with the text selected; once it closes (Save, Cancel, Escape)
 * focus goes back to the button that opened it, not to the page's body, which is where a keyboard
 * user would otherwise be left.
 */
export function useInlineEdit() {
  const [editing, setEditing] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const backToOpener = useRef(false);
  useEffect(() => {
    if (editing) {
      field.current?.focus();
      field.current?.select();
    } else if (backToOpener.current) {
      backToOpener.current = false;
      opener.current?.focus();
    }
  }, [editing]);
  return {
    editing,
    opener,
    field,
    open: () => setEditing(true),
    close: () => {
      backToOpener.current = true;
      setEditing(false);
    },
  };
}
