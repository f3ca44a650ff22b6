// The track page's note when the engine left lyric lines out (the API's lyrics_unsung_lines): only
// a song too short for every typed line at one a bar does, and then only the last lines.

/** A duration as people say it: "30 s", "2 min", "1 min 30 s". */
export function durationWords(sec: number): string {
  const s = Math.max(0, Math.round(sec));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
}

/**
 * "The last 3 lines didn't fit in 30 s — choose a longer duration to hear them all.", or null when
 * every line is sung (0) or nobody counted (null: no sung lyrics, a hosted model, an older track).
 */
export function unsungLinesNote(unsung: number | null | undefined, durationS: number): string | null {
  if (!unsung || unsung < 1) return null;
  const within = durationWords(durationS);
  return unsung === 1
    ? `The last line didn't fit in ${within} — choose a longer duration to hear it.`
    : `The last ${unsung} lines didn't fit in ${within} — choose a longer duration to hear them all.`;
}
