// The colour theme: the person's saved choice, else the system's (the root layout's script applies
// it before the first paint). One place reads and writes the saved choice.

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_KEY = 'sf-theme';
/** Dispatched on window when the theme changes, so the header's switch and Settings follow each other. */
export const THEME_EVENT = 'sf-theme';

const systemTheme = (): 'light' | 'dark' =>
  matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';

/** What the person chose (System when nothing is saved). */
export function savedThemeChoice(): ThemeChoice {
  const t = localStorage.getItem(THEME_KEY);
  return t === 'light' || t === 'dark' ? t : 'system';
}

/** Saves the choice (System forgets it) and applies the theme it means now. */
export function applyThemeChoice(choice: ThemeChoice): 'light' | 'dark' {
  if (choice === 'system') localStorage.removeItem(THEME_KEY);
  else localStorage.setItem(THEME_KEY, choice);
  const theme = choice === 'system' ? systemTheme() : choice;
  document.documentElement.dataset.theme = theme;
  window.dispatchEvent(new Event(THEME_EVENT));
  return theme;
}
