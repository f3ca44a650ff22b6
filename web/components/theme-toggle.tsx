'use client';

import { useEffect, useState } from 'react';
import { applyThemeChoice, THEME_EVENT, THEME_KEY } from '@/lib/theme';
import { MoonIcon, SunIcon } from './ui/icons';

/**
 * Light/dark switch. The choice is saved; without one the system setting wins (see the root
 * layout); Settings can go back to following the system (lib/theme.ts).
 */
export function ThemeToggle() {
  const [theme, setTheme] = useState<'light' | 'dark' | null>(null);
  useEffect(() => {
    setTheme(document.documentElement.dataset.theme === 'light' ? 'light' : 'dark');
    const mq = matchMedia('(prefers-color-scheme: light)');
    const follow = () => {
      if (localStorage.getItem(THEME_KEY)) return;
      const t = mq.matches ? 'light' : 'dark';
      document.documentElement.dataset.theme = t;
      setTheme(t);
    };
    // Settings changed it: show the icon that fits.
    const changed = () => setTheme(document.documentElement.dataset.theme === 'light' ? 'light' : 'dark');
    mq.addEventListener('change', follow);
    window.addEventListener(THEME_EVENT, changed);
    return () => {
      mq.removeEventListener('change', follow);
      window.removeEventListener(THEME_EVENT, changed);
    };
  }, []);
  const next = theme === 'light' ? 'dark' : 'light';
  return (
    <button
      type="button"
      className="rounded-full p-2 text-muted hover:bg-surface-2 hover:text-fg"
      aria-label={`Switch to ${next} theme`}
      onClick={() => setTheme(applyThemeChoice(next))}
    >
      {theme === 'light' ? <MoonIcon /> : <SunIcon />}
    </button>
  );
}
