// Cover art benchmark and contact sheet (npm run bench:covers; bench:engine runs it too).
//
// 1. Time to draw one cover: SVG text, PNG 1024² and PNG 2048², median of 12 runs after a warm-up,
//    printed beside a baseline measured in the same run (the machine's 2 cores are shared, so the
//    ratio says more than the milliseconds). Target: 1024² ≤ 150 ms.
// 2. Contact sheets in bench/out/covers/: every genre (series 0), series × versions, and every
//    unlock alone and all together, each cover labelled. Look at them.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  COVER_UNLOCKS,
  type CoverInput,
  type CoverMood,
  type CoverUnlock,
  coverLayers,
  coverPng,
  coverStyleFor,
  coverSvg,
  selfContainedSvg,
} from '../engine/src/cover/index.ts';
import { GENRES } from '../engine/src/types.ts';

const outDir = join(dirname(fileURLToPath(import.meta.url)), 'out', 'covers');
mkdirSync(outDir, { recursive: true });

/** The server's derivation (server/src/services/style-seed.ts), repeated here: the engine has no server imports. */
function seriesStyle(userId: string, number: number): Pick<CoverInput, 'palette' | 'geometry'> {
  const s63 = (t: string) => createHash('sha256').update(t).digest().readBigUInt64BE(0) & ((1n << 63n) - 1n);
  const user = s63(userId);
  const seed = number === 0 ? user : s63(`${user}:${number}`);
  const p = Number(seed % 360n);
  return {
    palette: {
      primary_hue: p,
      secondary_hue: (p + 60 + Number((seed >> 8n) % 60n)) % 360,
      luminance_base: 0.45,
      saturation: 0.8,
    },
    geometry: {
      stroke_width_base: 8 + Number(seed % 16n),
      rotation_base: Number((seed >> 16n) % 360n),
      gradient_angle: Number((seed >> 8n) % 90n),
      shape_count: 6,
    },
  };
}

const TITLES = [
  'Rain on Neon',
  'Slow Tide',
  'Paper Moons',
  'Velvet Circuit',
  'Kites Over Lisbon',
  'Afterglow',
];
/** Titles in the scripts covers draw (engine/src/cover/fonts.ts), short and long. */
const SCRIPT_TITLES: Record<string, string> = {
  latin: 'Kites Over Lisbon',
  cyrillic: 'Ночная дорога',
  'cyrillic long':
    'Очень длинное название трека про ночную дорогу через весь город до самого утра и обратно домой',
  greek: 'Νυχτερινή διαδρομή',
  arabic: 'ليلة القيادة',
  hebrew: 'נסיעת לילה',
  japanese: '夜のドライブ',
  'CJK long':
    '夜のドライブは終わらない東京の街を走り抜けて朝まで続くメロディーと共に夜のドライブは終わらない',
  'mixed + emoji': '夜のドライブ 🚗 ليلة القيادة',
  vietnamese: 'Đêm trên đường',
  'emoji only': '🌙🚗✨',
  korean: '밤의 드라이브',
  'thai (outlines)': 'ขับรถยามค่ำคืน',
  'hindi (outlines)': 'रात की सवारी',
  'tamil (no face: catalogue only)': 'இரவு பயணம்',
};
const MOODS: CoverMood[] = ['warm', 'dark', 'bright', 'calm', 'dreamy', 'intense'];
const KEYS = ['A minor', 'C major', 'F# minor', 'Bb major', 'E minor', 'G major'];

function input(over: Partial<CoverInput> & { user?: string; series?: number; i?: number }): CoverInput {
  const i = over.i ?? 0;
  return {
    ...seriesStyle(over.user ?? 'contact-sheet-user', over.series ?? 0),
    unlocks: [],
    seed: 1234 + i * 7919,
    genre: 'lo-fi',
    mood: MOODS[i % MOODS.length]!,
    bpm: 70 + ((i * 17) % 90),
    energy: ((i * 37) % 100) / 100,
    key: KEYS[i % KEYS.length]!,
    visualVersion: 1,
    title: TITLES[i % TITLES.length]!,
    seriesId: `series-${over.series ?? 0}`,
    ...over,
  };
}

async function sheet(name: string, cells: { label: string; cover: CoverInput }[], cols: number) {
  const cell = 300;
  const pad = 16;
  const labelH = 28;
  const rows = Math.ceil(cells.length / cols);
  const W = cols * (cell + pad) + pad;
  const H = rows * (cell + pad + labelH) + pad;
  const parts: string[] = [];
  for (const [k, c] of cells.entries()) {
    const png = await coverPng(coverSvg(c.cover), 1024);
    const x = pad + (k % cols) * (cell + pad);
    const y = pad + Math.floor(k / cols) * (cell + pad + labelH);
    parts.push(
      `<image x="${x}" y="${y}" width="${cell}" height="${cell}" href="data:image/png;base64,${Buffer.from(png).toString('base64')}"/>`,
      `<text x="${x}" y="${y + cell + 19}" font-family="Space Grotesk" font-size="13" fill="#ddd">${c.label}</text>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="${W}" height="${H}" fill="#26262a"/>${parts.join('')}</svg>`;
  const { Resvg } = await import('@resvg/resvg-js');
  const { COVER_FONT_FILES } = await import('../engine/src/cover/png.ts');
  const png = new Resvg(svg, { font: { fontFiles: COVER_FONT_FILES, loadSystemFonts: false } })
    .render()
    .asPng();
  const file = join(outDir, `${name}.png`);
  writeFileSync(file, png);
  console.log(`contact sheet: ${file}`);
}

/** Median wall and CPU time (CPU of the whole process, resvg's pool threads included: steadier than wall time on a busy machine). */
async function time(
  label: string,
  fn: () => Promise<unknown> | unknown,
  runs = 12,
): Promise<{ wall: number; cpu: number }> {
  await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const r = { wall: med(wall), cpu: med(cpu) };
  console.log(`| ${label} | ${r.wall.toFixed(1)} | ${r.cpu.toFixed(1)} | ${Math.min(...wall).toFixed(1)} |`);
  return r;
}

async function main() {
  const only = process.argv.includes('--timing')
    ? 'timing'
    : process.argv.includes('--sheet')
      ? 'sheet'
      : 'all';
  if (only !== 'timing') {
    await sheet(
      'genres',
      GENRES.map((g, i) => ({ label: `${g} · ${coverStyleFor(g, 0, 1)}`, cover: input({ genre: g, i }) })),
      4,
    );
    const sv: { label: string; cover: CoverInput }[] = [];
    for (const series of [0, 1, 2, 3]) {
      for (const v of [1, 2, 3, 4, 5]) {
        sv.push({
          label: `series ${series} · v${v} · ${coverStyleFor('house', 0, v)}`,
          cover: input({ series, visualVersion: v, genre: 'house', i: series }),
        });
      }
    }
    await sheet('series-versions', sv, 5);
    const un: { label: string; cover: CoverInput }[] = [];
    for (const g of ['techno', 'cinematic', 'jazz', 'ambient', 'pop'] as const) {
      un.push({ label: `${g} · none`, cover: input({ genre: g, i: 2 }) });
      for (const u of COVER_UNLOCKS)
        un.push({ label: `${g} · ${u}`, cover: input({ genre: g, i: 2, unlocks: [u] }) });
      un.push({
        label: `${g} · all six → ${coverLayers({ seed: input({ i: 2 }).seed, visualVersion: 1, unlocks: [...COVER_UNLOCKS] }).join(' + ')}`,
        cover: input({ genre: g, i: 2, unlocks: [...COVER_UNLOCKS] as CoverUnlock[] }),
      });
    }
    await sheet('unlocks', un, 8);
    await sheet(
      'scripts',
      Object.entries(SCRIPT_TITLES).map(([label, title], i) => ({ label, cover: input({ i, title }) })),
      4,
    );
  }
  if (only !== 'sheet') {
    console.log(
      `\nCover generation (ms; medians of 12 runs; shared 2-core machine, load ${loadavg()[0]!.toFixed(1)})`,
    );
    console.log('| step | wall | CPU | min wall |\n| --- | --- | --- | --- |');
    // Baseline: resvg drawing a plain 1024² gradient square, same run.
    const baseline = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 1000"><defs><linearGradient id="g"><stop offset="0" stop-color="#123"/><stop offset="1" stop-color="#fa0"/></linearGradient></defs><rect width="1000" height="1000" fill="url(#g)"/></svg>`;
    const base = await time('baseline: gradient square PNG 1024²', () => coverPng(baseline, 1024));
    // The two costliest effects together (a cover wears at most two).
    const all = input({ genre: 'techno', i: 3, unlocks: ['soft_glow', 'silk_lines'] });
    let worst1024 = { wall: 0, cpu: 0 };
    let worst2048 = { wall: 0, cpu: 0 };
    const worse = (a: { wall: number; cpu: number }, b: { wall: number; cpu: number }) =>
      b.wall > a.wall ? b : a;
    for (const style of ['ridges', 'sunset', 'bauhaus', 'orbits', 'arches'] as const) {
      const v = [1, 2, 3, 4, 5].find((k) => coverStyleFor('techno', 0, k) === style)!;
      const c = { ...all, visualVersion: v };
      await time(`${style} (glow + silk): SVG`, () => coverSvg(c));
      const svg = coverSvg(c);
      await time(`${style} (glow + silk): downloadable SVG (type as paths)`, () =>
        selfContainedSvg(svg, c.title),
      );
      worst1024 = worse(
        worst1024,
        await time(`${style} (glow + silk): PNG 1024²`, () => coverPng(svg, 1024)),
      );
      worst2048 = worse(
        worst2048,
        await time(`${style} (glow + silk): PNG 2048²`, () => coverPng(svg, 2048), 6),
      );
    }
    // Titles in other scripts: Noto faces parsed on first use (once per process), widths measured.
    for (const [name, title] of Object.entries(SCRIPT_TITLES)) {
      const c = { ...all, title, visualVersion: 1 };
      const t0 = performance.now();
      const svg = coverSvg(c);
      console.log(`| ${name} title: SVG, first in process | ${(performance.now() - t0).toFixed(1)} | | |`);
      await time(`${name} title: SVG`, () => coverSvg(c));
      await time(`${name} title: PNG 1024²`, () => coverPng(svg, 1024));
    }
    console.log(
      `\nslowest style, soft_glow + silk_lines: 1024² ${worst1024.wall.toFixed(0)} ms wall / ${worst1024.cpu.toFixed(0)} ms CPU (${(worst1024.wall / base.wall).toFixed(1)}× baseline; target ≤ 150 ms), 2048² ${worst2048.wall.toFixed(0)} ms wall / ${worst2048.cpu.toFixed(0)} ms CPU (${(worst2048.wall / base.wall).toFixed(1)}× baseline)`,
    );
  }
}

await main();
