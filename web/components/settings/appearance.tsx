'use client';

import { useEffect, useState } from 'react';
import { applyThemeChoice, savedThemeChoice, THEME_EVENT, type ThemeChoice } from '@/lib/theme';

const CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'Same as this device' },
  { value: 'dark', label: 'Dark' },
  { value: 'light', label: 'Light' },
];

/** The colour theme, including the way back to following the device (the header's switch only flips). */
export function AppearanceSection() {
  const [choice, setChoice] = useState<ThemeChoice | null>(null);
  useEffect(() => {
    setChoice(savedThemeChoice());
    const changed = () => setChoice(savedThemeChoice());
    window.addEventListener(THEME_EVENT, changed);
    return () => window.removeEventListener(THEME_EVENT, changed);
  }, []);
  return (
    <section
      aria-labelledby="appearance-h"
      className="space-y-3 rounded-2xl border border-line bg-surface p-6"
    >
      <h2 id="appearance-h" className="text-lg font-semibold">
        Appearance
      </h2>
      <fieldset>
        <legend className="text-sm text-muted">Theme, in this browser</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {CHOICES.map((c) => (
            <label key={c.value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="theme"
                value={c.value}
                checked={choice === c.value}
                onChange={() => {
                  applyThemeChoice(c.value);
                  setChoice(c.value);
                }}
                className="accent-[var(--c-accent)]"
              />
              {c.label}
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}
