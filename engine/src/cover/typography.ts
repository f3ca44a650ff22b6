import { advance, type CoverFace, covers, FALLBACK_FACES, TITLE_FACE } from './fonts.ts';
import { n } from './rng.ts';

export const FONT_FAMILY = 'Space Grotesk';

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`,
  );
}

/** A stretch of one title line drawn in one face. */
export interface TitleRun {
  text: string;
  face: CoverFace;
}
export interface FittedTitle {
  size: number;
  lines: string[];
  /** Each line as runs of one face (what the SVG draws: one <tspan> per run). */
  runs: TitleRun[][];
  /** The title starts in a right-to-left script: set it flush right. */
  rtl: boolean;
}

interface Grapheme {
  text: string;
  face: CoverFace;
  space: boolean;
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const LETTER = /[\p{L}\p{N}]/u;
const FIRST_STRONG = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]|[\p{L}]/u;
const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;
/** Variation selectors and the zero-width joiner only matter inside the face that has them. */
const IGNORABLE = /[\uFE00-\uFE0F\u200D]/gu;

/**
 * Which face draws each character of a title. Space Grotesk when it has every glyph (the sleeve's
 * look); else the first fallback face that has every glyph (one face per title reads best, and resvg
 * swaps a whole line to a face that covers it anyway); else, for a title mixing scripts no one face
 * has, each character in the first fallback face that has it, spaces staying with the run before.
 * A symbol or emoji no bundled face has is left out; a letter or digit no face has means the title
 * cannot be drawn without misspelling it, so the whole title is left off (null) — never tofu.
 */
export function planTitle(clean: string): Grapheme[] | null {
  const parts = [...graphemes.segment(clean)].map((s) => s.segment);
  const whole = [TITLE_FACE, ...FALLBACK_FACES].find((face) => parts.every((p) => covers(face, p)));
  if (whole) return parts.map((text) => ({ text, face: whole, space: text === ' ' }));
  const out: Grapheme[] = [];
  for (const p of parts) {
    if (p === ' ') {
      const prev = out[out.length - 1];
      // Noto Emoji's space is an emoji wide: after an emoji the space is Noto Sans's.
      const face = prev?.face.family === 'Noto Emoji' ? FALLBACK_FACES[0]! : prev?.face;
      if (prev && face && !prev.space) out.push({ text: ' ', face, space: true });
      continue;
    }
    const text = FALLBACK_FACES.some((f) => covers(f, p)) ? p : p.replace(IGNORABLE, '');
    const face = text ? FALLBACK_FACES.find((f) => covers(f, text)) : undefined;
    if (face) out.push({ text, face, space: false });
    else if (LETTER.test(p)) return null;
  }
  while (out.length && out[out.length - 1]!.space) out.pop();
  return out.length ? out : null;
}

function runsOf(gs: readonly Grapheme[]): TitleRun[] {
  const runs: TitleRun[] = [];
  for (const g of gs) {
    const last = runs[runs.length - 1];
    if (last && last.face === g.face) last.text += g.text;
    else runs.push({ text: g.text, face: g.face });
  }
  return runs;
}

const unitWidths = new Map<string, number>();
/** Width of `text` in `face` at 1 px, shaped; remembered (titles repeat words while wrapping). */
function unitWidth(face: CoverFace, text: string): number {
  const key = `${face.family}\u0000${text}`;
  let w = unitWidths.get(key);
  if (w === undefined) {
    w = advance(face, text, 1);
    if (unitWidths.size > 5000) unitWidths.clear();
    unitWidths.set(key, w);
  }
  return w;
}

/** Width of a stretch of graphemes at `size` px, from the real (shaped) advances of its faces. */
const widthOf = (gs: readonly Grapheme[], size: number) =>
  runsOf(gs).reduce((w, r) => w + unitWidth(r.face, r.text) * size, 0);

/** Drawn lines lose a hair to antialiasing and shaping differences between fontkit and resvg. */
const SAFETY = 0.98;

/**
 * Fits a title into `width`: the largest size from `max` down to `min` on one line, else wrapped
 * onto two lines at `min` (at spaces, or between any two characters of a word longer than a line,
 * as CJK titles are), the second ending in an ellipsis when the title is longer still. Widths are
 * measured on the glyphs of the faces that draw them. Null when there is nothing to draw.
 */
export function fitTitle(title: string, width: number, max: number, min: number): FittedTitle | null {
  const clean = [...title.normalize('NFC')]
    .map((ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? ' ' : ch)) // control characters
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  const plan = clean ? planTitle(clean) : null;
  if (!plan) return null;
  const room = width * SAFETY;
  const rtl = RTL.test(clean.match(FIRST_STRONG)?.[0] ?? '');
  const done = (size: number, lines: Grapheme[][]): FittedTitle => {
    const runs = lines.map(runsOf);
    return { size, lines: runs.map((l) => l.map((r) => r.text).join('')), runs, rtl };
  };

  const one = room / widthOf(plan, 1);
  if (one >= min) return done(Math.min(max, one), [plan]);

  // Wrap greedily at spaces; a word wider than a line breaks between characters. Words are measured
  // one by one and added up (cheap); every line is measured whole at the end.
  const space = (g: Grapheme): Grapheme => ({ ...g, text: ' ', space: true });
  const wordW = (w: readonly Grapheme[]) => widthOf(w, min);
  const lines: Grapheme[][] = [[]];
  let used = 0;
  let word: Grapheme[] = [];
  const place = (w: Grapheme[]) => {
    let cur = lines[lines.length - 1]!;
    const sep = cur.length ? wordW([space(w[0]!)]) : 0;
    const ww = wordW(w);
    if (used + sep + ww <= room) {
      if (cur.length) cur.push(space(w[0]!));
      cur.push(...w);
      used += sep + ww;
      return;
    }
    if (cur.length) {
      cur = [];
      lines.push(cur);
    }
    used = 0;
    if (ww <= room) {
      cur.push(...w);
      used = ww;
      return;
    }
    for (const g of w) {
      const gw = wordW([g]);
      if (cur.length && used + gw > room) {
        cur = [];
        lines.push(cur);
        used = 0;
      }
      cur.push(g);
      used += gw;
    }
  };
  for (const g of plan) {
    if (g.space) {
      if (word.length) place(word);
      word = [];
    } else word.push(g);
  }
  if (word.length) place(word);
  let out = lines;
  if (lines.length > 2) {
    // Longer still: the second line takes the rest and ends in an ellipsis where it no longer fits.
    const rest = lines.slice(1).flatMap((l, i) => (i ? [space(l[0]!), ...l] : l));
    const ellipsis = (gs: Grapheme[]): Grapheme => {
      const face = [gs[gs.length - 1]?.face ?? TITLE_FACE, TITLE_FACE, ...FALLBACK_FACES].find((f) =>
        covers(f, '…'),
      )!;
      return { text: '…', face, space: false };
    };
    let second: Grapheme[] = [];
    let w = wordW([ellipsis(rest)]);
    for (const g of rest) {
      const gw = wordW([g]);
      if (w + gw > room) break;
      second.push(g);
      w += gw;
    }
    while (second.length && second[second.length - 1]!.space) second = second.slice(0, -1);
    out = [lines[0]!, [...second, ellipsis(second)]];
  }
  // The sums above leave out kerning and joining between words: measured whole, a line that still
  // overflows takes the type down with it (by a hair; all lines share one size).
  const widest = Math.max(...out.map((l) => widthOf(l, 1)));
  return done(Math.min(min, room / widest), out);
}

/**
 * A title line of several faces as one <text> per run, left to right: resvg lays out a single <text>
 * mixing Arabic with a face that has no Arabic as nothing at all, so the runs are placed here, from
 * their measured widths, in bidi order at run level (right-to-left runs — Arabic, Hebrew — and the
 * emoji/space runs between them read right to left; the line's direction orders the groups).
 */
export function placeRuns(
  runs: readonly TitleRun[],
  size: number,
  rtl: boolean,
): { width: number; parts: { run: TitleRun; dx: number }[] } {
  const RTL_FACES = new Set(['Noto Sans Arabic', 'Noto Sans Hebrew']);
  const strong = runs.map((r) =>
    RTL_FACES.has(r.face.family) ? 'R' : r.face.family === 'Noto Emoji' || !r.text.trim() ? null : 'L',
  );
  const dir = strong.map((d, i) => {
    if (d) return d;
    const before = strong.slice(0, i).reverse().find(Boolean);
    const after = strong.slice(i + 1).find(Boolean);
    return before && before === after ? before : rtl ? 'R' : 'L';
  });
  const groups: { d: string; runs: TitleRun[] }[] = [];
  runs.forEach((r, i) => {
    const last = groups[groups.length - 1];
    if (last && last.d === dir[i]) last.runs.push(r);
    else groups.push({ d: dir[i]!, runs: [r] });
  });
  if (rtl) groups.reverse();
  const parts: { run: TitleRun; dx: number }[] = [];
  let x = 0;
  for (const g of groups) {
    for (const run of g.d === 'R' ? [...g.runs].reverse() : g.runs) {
      // A run's trailing space (spaces stay with the run before) is on its left when it reads leftwards.
      const tail = g.d === 'R' ? run.text.length - run.text.trimEnd().length : 0;
      parts.push({ run, dx: x + (tail ? unitWidth(run.face, ' '.repeat(tail)) * size : 0) });
      x += unitWidth(run.face, run.text) * size;
    }
  }
  return { width: x, parts };
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
    /** Default Space Grotesk. */
    family?: string;
  },
): string {
  return `<text x="${n(x)}" y="${n(y)}" font-family="${o.family ?? FONT_FAMILY}" font-size="${n(o.size)}" font-weight="${o.weight}"${
    o.spacing ? ` letter-spacing="${n(o.spacing)}"` : ''
  }${o.anchor === 'end' ? ' text-anchor="end"' : ''}${o.opacity === undefined ? '' : ` fill-opacity="${n(o.opacity, 2)}"`} fill="${o.fill}">${escapeXml(body)}</text>`;
}
