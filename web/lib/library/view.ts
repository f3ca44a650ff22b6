'use client';

import { useSyncExternalStore } from 'react';

// The library's grid/list choice, remembered in this browser (localStorage) and shared by
// every tab: a `storage` event from another tab updates this one.

export type LibraryView = 'grid' | 'list';
const KEY = 'sf.library.view';
const listeners = new Set<() => void>();

function read(): LibraryView {
  try {
    return localStorage.getItem(KEY) === 'list' ? 'list' : 'grid';
  } catch {
    return 'grid'; // storage blocked: the default, not a crash
  }
}

function subscribe(fn: () => void) {
  listeners.add(fn);
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY) fn();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(fn);
    window.removeEventListener('storage', onStorage);
  };
}

export function setLibraryView(v: LibraryView) {
  try {
    localStorage.setItem(KEY, v);
  } catch {
    // not remembered, still applied below
  }
  for (const fn of listeners) fn();
}

/** The server renders the grid; the browser switches to the remembered view on hydration. */
export function useLibraryView(): LibraryView {
  return useSyncExternalStore(subscribe, read, () => 'grid');
}
