'use client';

import { useEffect, useState } from 'react';
import { MoonIcon, SunIcon } from './ui/icons';

/** Light/dark switch. The choice is saved; without one the system setting wins (see the root layout). */
export function ThemeToggle() {
  const [theme, setTheme] = useState<'light' | 'dark' | null>(null);
  useEffect(() => {
    setTheme(document.documentElement.dataset.theme === 'light' ? 'light' : 'dark');
    const mq = matchMedia('(prefers-color-scheme: light)');
    const follow = () => {
      if (localStorage.getItem('sf-theme')) return;
      const t = mq.matches ? 'light' : 'dark';
      document.documentElement.dataset.theme = t;
      setTheme(t);
    };
    mq.addEventListener('change', follow);
    return () => mq.removeEventListener('change', follow);
  }, []);
  const next = theme === 'light' ? 'dark' : 'light';
  return (
    <button
      type="button"
      className="rounded-full p-2 text-muted hover:bg-surface-2 hover:text-fg"
      aria-label={`Switch to ${next} theme`}
      onClick={() => {
        document.documentElement.dataset.theme = next;
        localStorage.setItem('sf-theme', next);
        setTheme(next);
      }}
    >
      {theme === 'light' ? <MoonIcon /> : <SunIcon />}
    </button>
  );
}
