import { n } from './rng.ts';

export const FONT_FAMILY = 'Space Grotesk';

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`,
  );
}

/** Space Grotesk Bold's mean advance per em for mixed text (measured on its glyphs, rounded up). */
const BOLD_ADVANCE = 0.6;

/**
 * Fits a title into `width`: the largest size from `max` down to `min` on one line, else two lines
 * at `min`, the second ending in an ellipsis when the title is longer still.
 */
export function fitTitle(
  title: string,
  width: number,
  max: number,
  min: number,
): { size: number; lines: string[] } {
  const clean = [
    ...[...title]
      .map((ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? ' ' : ch)) // control characters
      .join('')
      .replace(/\s+/g, ' ')
      .trim(),
  ];
  const text = clean.join('');
  const one = width / (BOLD_ADVANCE * Math.max(1, clean.length));
  if (one >= min) return { size: Math.min(max, one), lines: [text] };
  const perLine = Math.floor(width / (BOLD_ADVANCE * min));
  const words = text.split(' ');
  const lines: string[] = [''];
  for (const w of words) {
    const cur = lines[lines.length - 1]!;
    if ([...`${cur} ${w}`.trim()].length <= perLine) lines[lines.length - 1] = `${cur} ${w}`.trim();
    else lines.push(w);
  }
  const out = lines.slice(0, 2).map((l) => [...l]);
  if (lines.length > 2 || out.some((l) => l.length > perLine)) {
    const last = out[out.length - 1]!;
    out[out.length - 1] = [
      ...last
        .slice(0, perLine - 1)
        .join('')
        .trimEnd(),
      '…',
    ];
    if (out[0]!.length > perLine) out[0] = out[0]!.slice(0, perLine);
  }
  return { size: min, lines: out.map((l) => l.join('')) };
}

export function text(
  x: number,
  y: number,
  body: string,
  o: {
    size: number;
    weight: number;
    fill: string;
    spacing?: number;
    anchor?: 'start' | 'end';
    opacity?: number;
  },
): string {
  return `<text x="${n(x)}" y="${n(y)}" font-family="${FONT_FAMILY}" font-size="${n(o.size)}" font-weight="${o.weight}"${
    o.spacing ? ` letter-spacing="${n(o.spacing)}"` : ''
  }${o.anchor === 'end' ? ' text-anchor="end"' : ''}${o.opacity === undefined ? '' : ` fill-opacity="${n(o.opacity, 2)}"`} fill="${o.fill}">${escapeXml(body)}</text>`;
}
