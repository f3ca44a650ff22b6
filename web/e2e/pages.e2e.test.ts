import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../server/test/browser.ts';
import {
  type RunningProcess,
  startEmbeddedServer,
  type tempDataDir,
} from '../../server/test/server-process.ts';
import { axe, OUT, VIEWPORTS } from './support.ts';

// Every page, both themes (following the system setting), desktop and phone: axe-core finds
// no violations, and a screenshot of each lands in bench/out/web/ for people to look at.

describe('every page: accessible in both themes, screenshots for review', () => {
  let server: RunningProcess;
  let data: ReturnType<typeof tempDataDir>;
  let base: string;
  let browser: Browser;
  let trackId = '';
  let cookies: Awaited<ReturnType<BrowserContext['cookies']>> = [];

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    ({ server, base, data } = await startEmbeddedServer({ PUBLIC_URL: '' }));
    browser = await launchChromium();
    // One musician with one finished, published track that has vocals (lyrics on its page).
    const ctx = await browser.newContext();
    const req = ctx.request;
    const headers = { origin: base };
    await req.post(`${base}/api/auth/sign-up/email`, {
      headers,
      data: { email: 'pages@example.com', password: 'correct horse battery', name: 'Pages' },
    });
    const created = await req.post(`${base}/api/tracks`, {
      headers,
      data: {
        prompt: 'warm acoustic folk with a gentle sung chorus',
        duration_s: 30,
        has_vocals: true,
        lyrics: '[Verse]\nMorning light on the river\n[Chorus]\nWe are going home',
      },
    });
    trackId = ((await created.json()) as { track_id: string }).track_id;
    for (let i = 0; i < 300; i++) {
      const t = (await (await req.get(`${base}/api/tracks/${trackId}`)).json()) as {
        status: string;
        cover_url: string | null;
      };
      if (t.status === 'COMPLETE' && t.cover_url) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    await req.patch(`${base}/api/tracks/${trackId}`, { headers, data: { public: true } });
    // A second series holding the track and a second cover version, so those screens show them.
    const series = (await (
      await req.post(`${base}/api/style/series`, { headers, data: { title: 'Night drives' } })
    ).json()) as { id: string };
    await req.patch(`${base}/api/tracks/${trackId}`, { headers, data: { series_id: series.id } });
    const cover = await req.post(`${base}/api/tracks/${trackId}/visuals`, { headers, data: {} });
    expect(cover.status(), await cover.text()).toBe(202);
    let version = 0;
    for (let i = 0; i < 200 && version !== 2; i++) {
      await new Promise((r) => setTimeout(r, 300));
      version = (
        (await (await req.get(`${base}/api/tracks/${trackId}`)).json()) as { visual_version: number }
      ).visual_version;
    }
    expect(version).toBe(2);
    cookies = await ctx.cookies();
    await ctx.close();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    data?.remove();
  });

  const pages = () => [
    { name: 'landing', path: '/', signedIn: false, ready: 'Craft Your Sound' },
    { name: 'pricing', path: '/pricing', signedIn: false, ready: 'Fair, Transparent Pricing' },
    { name: 'signin', path: '/auth/signin', signedIn: false, ready: 'Welcome back' },
    { name: 'signup', path: '/auth/signup', signedIn: false, ready: 'Create your account' },
    { name: 'explore', path: '/explore', signedIn: false, ready: 'Music people made here' },
    {
      name: 'explore-no-match',
      path: '/explore?q=zzzz&genre=jazz',
      signedIn: false,
      ready: 'No shared tracks match',
    },
    { name: 'share', path: `/share/${trackId}`, signedIn: false, ready: 'Made with SoundFoundry' },
    { name: 'not-found', path: '/no/such/page', signedIn: false, ready: 'This page is silent' },
    { name: 'create', path: '/create', signedIn: true, ready: 'Recent' },
    { name: 'library', path: '/library', signedIn: true, ready: '1 track' },
    { name: 'track', path: `/tracks/${trackId}`, signedIn: true, ready: 'Downloads' },
    { name: 'series', path: '/series', signedIn: true, ready: 'Cover styles you unlock' },
    { name: 'credits', path: '/credits', signedIn: true, ready: 'History' },
    { name: 'settings', path: '/settings', signedIn: true, ready: 'Solidarity pricing' },
  ];

  for (const theme of ['dark', 'light'] as const) {
    it(`${theme} theme: zero axe violations on every page; screenshots desktop and phone`, async () => {
      const problems: string[] = [];
      for (const [device, viewport] of Object.entries(VIEWPORTS)) {
        for (const signedIn of [false, true]) {
          const ctx = await browser.newContext({ colorScheme: theme, viewport, reducedMotion: 'reduce' });
          if (signedIn) await ctx.addCookies(cookies);
          const page = await ctx.newPage();
          for (const p of pages().filter((x) => x.signedIn === signedIn)) {
            await page.goto(`${base}${p.path}`);
            await page.getByText(p.ready, { exact: false }).first().waitFor();
            expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
            await page.waitForLoadState('networkidle');
            if (p.name === 'track') await page.getByTestId('waveform').locator('svg').first().waitFor();
            await page.screenshot({ path: join(OUT, `${p.name}-${device}-${theme}.png`), fullPage: true });
            if (device === 'desktop' || p.name === 'landing' || p.name === 'create') {
              for (const v of await axe(page)) problems.push(`${p.name} (${device}, ${theme}): ${v}`);
            }
          }
          await ctx.close();
        }
      }
      expect(problems).toEqual([]);
    }, 300_000);
  }

  it("the track page draws the waveform from the track's peaks, server-side: no MP3 is downloaded for it", async () => {
    const ctx = await browser.newContext({ viewport: VIEWPORTS.desktop });
    await ctx.addCookies(cookies);
    const page = await ctx.newPage();
    const audio: string[] = [];
    page.on('request', (r) => {
      if (/\/audio-v\d+\.mp3|format=mp3/.test(r.url())) audio.push(r.url());
    });
    const res = await page.goto(`${base}/tracks/${trackId}`);
    // Drawn on the server: the bars are in the HTML, before any script runs.
    expect(await res!.text()).toMatch(/data-testid="waveform"[^>]*>\s*<svg[^>]*><path d="M0 /);
    const wave = page.getByTestId('waveform');
    const heights = await wave
      .locator('path')
      .first()
      .evaluate((p) => [...(p.getAttribute('d') ?? '').matchAll(/v(\d+)h/g)].map((m) => Number(m[1])));
    expect(heights).toHaveLength(200);
    // Music, not a flat line: the bars differ.
    expect(Math.max(...heights) - Math.min(...heights)).toBeGreaterThan(10);
    await page.waitForLoadState('networkidle');
    expect(audio).toEqual([]);
    await ctx.close();
  }, 120_000);

  it("the track page hydrates without a mismatch in another locale and time zone, then shows the reader's time (the library's too)", async () => {
    const ctx = await browser.newContext({ locale: 'de-DE', timezoneId: 'Asia/Tokyo' });
    await ctx.addCookies(cookies);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${base}/tracks/${trackId}`);
    const created = page.getByRole('definition').locator('time');
    const iso = (await created.getAttribute('datetime'))!;
    const local = await page.evaluate((d) => new Date(d).toLocaleString(), iso);
    await expect.poll(() => created.textContent()).toBe(local);
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    // The library's list view (rendered in the browser: the server renders the grid) uses the same dates.
    await page.goto(`${base}/library`);
    await page.getByRole('button', { name: 'List view' }).click();
    const listed = page.locator('time').first();
    const listedIso = (await listed.getAttribute('datetime'))!;
    const listedLocal = await page.evaluate(
      (d) => new Date(d).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' }),
      listedIso,
    );
    await expect.poll(() => listed.textContent()).toBe(listedLocal);
    await page.reload(); // remembered: the list comes back after hydration, with no mismatch
    await expect.poll(() => page.locator('time').first().textContent()).toBe(listedLocal);
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await ctx.close();
  }, 120_000);

  it('explore and share load the cover rendition their size needs, not the 1024 px file', async () => {
    const ctx = await browser.newContext({ deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    for (const [path, width] of [
      ['/explore', 256],
      [`/share/${trackId}`, 256],
    ] as const) {
      await page.goto(`${base}${path}`);
      const img = page.getByRole('img', { name: /^Cover of / }).first();
      await img.waitFor();
      await page.waitForFunction(
        (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
        await img.elementHandle(),
      );
      const src = await img.evaluate((el: HTMLImageElement) => el.currentSrc);
      expect(src, path).toContain(`size=${width}`);
      // (naturalWidth is density-corrected by srcset's w descriptor: the file itself is read.)
      const png = Buffer.from(await (await page.request.get(src)).body());
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], path).toEqual([width, width]);
    }
    await ctx.close();
  });

  it('the auth addresses people guess lead to the auth pages, keeping where they were going', async () => {
    for (const [path, to] of [
      ['/login?next=%2Flibrary', '/auth/signin?next=%2Flibrary'],
      ['/sign-in', '/auth/signin'],
      ['/signup', '/auth/signup'],
      ['/register', '/auth/signup'],
    ]) {
      const res = await fetch(`${base}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBe(308);
      expect(new URL(res.headers.get('location')!, base).href, path).toBe(`${base}${to}`);
    }
  });

  it('the theme toggle overrides the system setting and is remembered', async () => {
    const ctx = await browser.newContext({ colorScheme: 'dark' });
    const page = await ctx.newPage();
    await page.goto(`${base}/pricing`);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.goto(`${base}/`);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await ctx.close();
  });
});
