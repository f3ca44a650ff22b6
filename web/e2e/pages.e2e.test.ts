import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../server/test/browser.ts';
import {
  type RunningProcess,
  startEmbeddedServer,
  type tempDataDir,
} from '../../server/test/server-process.ts';
import {
  axe,
  backgroundBehind,
  contrast,
  meterContrast,
  OUT,
  poll,
  startInternalApiProxy,
  VIEWPORTS,
} from './support.ts';

// Every page, both themes (following the system setting), desktop and phone: axe-core finds
// no violations, and a screenshot of each lands in bench/out/web/ for people to look at.

/** Resolves once the image has a decoded file (complete, with a natural width). */
async function imageLoaded(page: Page, img: Locator): Promise<void> {
  await page.waitForFunction(
    (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
    await img.elementHandle(),
  );
}

describe('every page: accessible in both themes, screenshots for review', () => {
  let server: RunningProcess;
  let data: ReturnType<typeof tempDataDir>;
  let base: string;
  let browser: Browser;
  let proxy: Awaited<ReturnType<typeof startInternalApiProxy>>;
  let trackId = '';
  let cookies: Awaited<ReturnType<BrowserContext['cookies']>> = [];
  /** A signed-in phone page, and the width of every cover file it fetches (the PNG's own header). */
  async function signedInPhone(width: number, height: number, dpr: number) {
    const ctx = await browser.newContext({
      viewport: { width, height },
      deviceScaleFactor: dpr,
      isMobile: true,
      hasTouch: true,
    });
    await ctx.addCookies(cookies);
    const page = await ctx.newPage();
    const widths: Promise<number>[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'image' && /cover/.test(r.url()))
        widths.push(
          r.body().then(
            (b) => b.readUInt32BE(16),
            () => -1,
          ),
        );
    });
    return { ctx, page, widths };
  }

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    // The pages' server-side reads of the API go through a proxy that a test can stall.
    proxy = await startInternalApiProxy();
    ({ server, base, data } = await startEmbeddedServer({ PUBLIC_URL: '', API_INTERNAL_URL: proxy.url }));
    proxy.setTarget(base);
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
    await proxy?.close();
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
    {
      name: 'reset-spent',
      path: '/auth/reset?token=abc',
      signedIn: false,
      ready: 'This link no longer works',
    },
    { name: 'account-deleted', path: '/account-deleted', signedIn: false, ready: 'Your account is deleted' },
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
      await imageLoaded(page, img);
      const src = await img.evaluate((el: HTMLImageElement) => el.currentSrc);
      expect(src, path).toContain(`size=${width}`);
      // (naturalWidth is density-corrected by srcset's w descriptor: the file itself is read.)
      const png = Buffer.from(await (await page.request.get(src)).body());
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], path).toEqual([width, width]);
    }
    await ctx.close();
  });

  it("on 1.75–2 dppx phones the track page's cover is the 512 px rendition, not the 1024 px file", async () => {
    // Lighthouse's mobile screen (412 px at 1.75 dppx, the bench:web figures), a 375 px phone at
    // 2 dppx, and a 3 dppx phone, which still takes the 1024 px file (its 358 px need 1074).
    for (const [width, dpr, file] of [
      [412, 1.75, 512],
      [375, 2, 512],
      [390, 3, 1024],
    ] as const) {
      const { ctx, page, widths } = await signedInPhone(width, 823, dpr);
      await page.goto(`${base}/tracks/${trackId}`);
      const img = page.getByRole('img', { name: /^Cover of / }).first();
      await imageLoaded(page, img);
      await page.waitForLoadState('networkidle');
      const shown = await img.evaluate((el: HTMLImageElement) => el.getBoundingClientRect().width);
      const src = await img.evaluate((el: HTMLImageElement) => el.currentSrc);
      expect(src, `${width} px`).toMatch(file === 512 ? /cover-png-512-/ : /cover-png-v/);
      // Only that file: no preload or earlier pick fetched another one.
      expect(await Promise.all(widths), `${width} px at ${dpr} dppx, shown ${shown} px wide`).toEqual([file]);
      await ctx.close();
    }
  }, 60_000);

  it("on a 2 dppx phone the player sheet's cover is the 512 px rendition, not the 1024 px file", async () => {
    // Every cover file fetched: the library's cards and the bar take 256 px ones.
    const { ctx, page, widths } = await signedInPhone(375, 812, 2);
    await page.goto(`${base}/library`);
    await page
      .getByRole('button', { name: /^Play / })
      .first()
      .click();
    await page
      .getByRole('button', { name: /^Expand player: / })
      .first()
      .click();
    const img = page.getByTestId('player-sheet').getByRole('img', { name: /^Cover of / });
    await img.waitFor();
    await imageLoaded(page, img);
    await page.waitForLoadState('networkidle');
    const src = await img.evaluate((el: HTMLImageElement) => el.currentSrc);
    expect(src).toMatch(/cover-png-512-/);
    const fetched = await Promise.all(widths);
    expect(fetched).toContain(512);
    expect(fetched).not.toContain(1024);
    await ctx.close();
  }, 60_000);

  it('signed out, the app pages that are public (Explore) offer Explore, Pricing and sign-in, in the HTML; signed in, the app menu', async () => {
    // No scripts: what the server rendered is what shows first (no flash of the other menu).
    for (const signedIn of [false, true]) {
      const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: VIEWPORTS.desktop });
      if (signedIn) await ctx.addCookies(cookies);
      const page = await ctx.newPage();
      await page.goto(`${base}/explore`);
      const nav = page.getByRole('navigation', { name: 'Main', exact: true });
      const links = await nav.getByRole('link').allTextContents();
      const header = page.locator('header').first();
      if (signedIn) {
        expect(links).toEqual(['Create', 'Library', 'Explore', 'Series', 'Credits']);
        await header.getByTestId('balance').waitFor();
        expect(await header.getByRole('link', { name: 'Sign in' }).count()).toBe(0);
      } else {
        expect(links).toEqual(['Explore', 'Pricing']);
        expect(await header.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
          '/auth/signin?next=%2Fexplore',
        );
        expect(await header.getByRole('link', { name: 'Get started' }).getAttribute('href')).toBe(
          '/auth/signup',
        );
        expect(await header.getByTestId('balance').count()).toBe(0);
      }
      await ctx.close();
    }
  });

  it('short public pages fill the screen: the footer sits at the bottom of the viewport', async () => {
    for (const viewport of Object.values(VIEWPORTS)) {
      const ctx = await browser.newContext({ viewport });
      const page = await ctx.newPage();
      for (const path of ['/no/such/page', `/share/${trackId}`]) {
        await page.goto(`${base}${path}`);
        const footer = page.locator('footer');
        const box = (await footer.boundingBox())!;
        const docHeight = await page.evaluate(() => document.documentElement.scrollHeight);
        // At the bottom of the page, and the page at least as tall as the viewport.
        expect(Math.round(box.y + box.height), `${path} at ${viewport.width} px`).toBe(docHeight);
        expect(docHeight, `${path} at ${viewport.width} px`).toBeGreaterThanOrEqual(viewport.height);
      }
      await ctx.close();
    }
  });

  it("when the server's read of the visitor times out, the header shows neither menu until the browser knows, and nothing moves when it fills in", async () => {
    // A session cookie the API no longer knows: a visitor who is signed out.
    const stale = cookies.map((c) => (/session_token/.test(c.name) ? { ...c, value: 'ended.session' } : c));
    expect(stale).not.toEqual(cookies);
    const headerOf = (html: string) => /<header[\s\S]*?<\/header>/.exec(html)![0];
    const menus = (page: Page) =>
      page
        .locator('header')
        .first()
        .evaluate((h) => ({
          links: [...h.querySelectorAll('nav[aria-label="Main"] a')].map((a) => a.textContent),
          signIn: [...h.querySelectorAll('a')].filter((a) => /^(Sign in|Get started)$/.test(a.textContent!))
            .length,
          balance: h.querySelectorAll('[data-testid="balance"]').length,
        }));
    const layout = (page: Page) =>
      page.evaluate(() => {
        const box = (el: Element) => {
          const r = el.getBoundingClientRect();
          return [r.x, r.y, r.width, r.height].map(Math.round);
        };
        return {
          header: box(document.querySelector('header')!),
          main: box(document.querySelector('main')!),
          toggle: box(document.querySelector('header button[aria-label^="Switch to "]')!),
        };
      });
    proxy.stalled.add('/api/me');
    try {
      for (const [device, viewport] of Object.entries(VIEWPORTS)) {
        for (const who of ['signed in', 'signed out'] as const) {
          const label = `${who}, ${device}`;
          const ctx = await browser.newContext({ viewport, reducedMotion: 'reduce' });
          await ctx.addCookies(who === 'signed in' ? cookies : stale);
          const page = await ctx.newPage();
          // The browser's own read waits until the first paint has been looked at.
          let release = () => {};
          const released = new Promise<void>((r) => {
            release = r;
          });
          await page.route(`${base}/api/me`, async (r) => {
            await released;
            await r.continue();
          });
          const res = await page.goto(`${base}/explore`);
          // The HTML: neither menu (either could be the wrong one), the logo and the theme toggle.
          const html = headerOf(await res!.text());
          expect(html, label).not.toMatch(/Sign in|Get started|data-testid="balance"|href="\/library"/);
          expect(html, label).toMatch(/href="\/"/);
          expect(await menus(page), label).toEqual({ links: [], signIn: 0, balance: 0 });
          const before = await layout(page);
          await page
            .locator('header')
            .first()
            .screenshot({ path: join(OUT, `header-unknown-${device}.png`) });
          release();
          if (who === 'signed in') {
            await page.getByTestId('balance').waitFor();
            if (device === 'desktop')
              expect((await menus(page)).links, label).toEqual([
                'Create',
                'Library',
                'Explore',
                'Series',
                'Credits',
              ]);
          } else {
            await page.getByRole('link', { name: 'Sign in' }).waitFor();
            if (device === 'desktop')
              expect((await menus(page)).links, label).toEqual(['Explore', 'Pricing']);
          }
          expect(await layout(page), label).toEqual(before);
          await ctx.close();
        }
      }
    } finally {
      proxy.stalled.delete('/api/me');
    }
    // When the API answers 401 in time the server knows: the public menu is in the HTML.
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: VIEWPORTS.desktop });
    await ctx.addCookies(stale);
    const page = await ctx.newPage();
    await page.goto(`${base}/explore`);
    expect((await menus(page)).links).toEqual(['Explore', 'Pricing']);
    expect((await menus(page)).signIn).toBe(2);
    await ctx.close();
  }, 120_000);

  it("the series page: progress bars ≥ 3:1 against their card in both themes (meterContrast); the card's buttons line up with its swatch", async () => {
    for (const theme of ['dark', 'light'] as const) {
      const ctx = await browser.newContext({ colorScheme: theme, viewport: VIEWPORTS.desktop });
      await ctx.addCookies(cookies);
      const page = await ctx.newPage();
      await page.goto(`${base}/series`);
      const bar = page.getByRole('progressbar').first();
      await bar.waitFor();
      const colours = await meterContrast(bar);
      expect(colours.bg, theme).toBe(
        await bar.evaluate((b) => getComputedStyle(b.closest('li')!).backgroundColor),
      );
      expect(colours.failures, `${theme}: ${JSON.stringify(colours)}`).toEqual([]);
      const card = page.getByTestId('series-card').first();
      const lefts = await card.evaluate((c) => {
        const swatch = c.querySelector('[aria-hidden="true"]')!.getBoundingClientRect().left;
        const rename = c.querySelector('button[aria-label^="Rename "]')!;
        const range = document.createRange();
        range.selectNodeContents(rename);
        return { swatch, words: range.getBoundingClientRect().left };
      });
      expect(Math.abs(lefts.words - lefts.swatch), JSON.stringify(lefts)).toBeLessThanOrEqual(1);
      await ctx.close();
    }
  });

  it('pricing highlights no pack: every pack costs the same per credit', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/pricing`);
    const packs = page.getByTestId('pack');
    await poll(() => packs.count()).toBe(3);
    const perCredit = await packs.evaluateAll((ls) =>
      ls.map((l) => {
        const price = Number(
          l.querySelector('[data-testid="pack-price"]')!.textContent!.replace(/[^\d.]/g, ''),
        );
        const line = [...l.querySelectorAll('p')].find((p) => / credits · /.test(p.textContent!))!;
        const credits = Number(/^(\d+) credits/.exec(line.textContent!)![1]);
        return (price / credits).toFixed(4);
      }),
    );
    expect(new Set(perCredit).size).toBe(1);
    expect(await page.locator('[data-best-value]').count()).toBe(0);
    expect(await page.getByText('Best value', { exact: false }).count()).toBe(0);
    const borders = await packs.evaluateAll((ls) => ls.map((l) => getComputedStyle(l).borderColor));
    expect(new Set(borders).size).toBe(1);
    await ctx.close();
  });

  it('sign-in and sign-up: the submit button keeps the form’s usual gap; an error shows under it', async () => {
    const ctx = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await ctx.newPage();
    for (const path of ['/auth/signin', '/auth/signup']) {
      await page.goto(`${base}${path}`);
      const form = page.locator('form');
      const submit = form.getByRole('button');
      const gaps = await form.evaluate((f) => {
        const email = f.querySelector('#email')!.parentElement!.getBoundingClientRect();
        const password = f.querySelector('#password')!.parentElement!.getBoundingClientRect();
        const button = f.querySelector('button[type="submit"]')!.getBoundingClientRect();
        return { fields: password.top - email.bottom, button: button.top - password.bottom };
      });
      expect(gaps.button, `${path}: ${JSON.stringify(gaps)}`).toBe(gaps.fields);
      // "x@y" passes the browser's type="email" and reached the server, whose refusal named its
      // schema path ("[body.email] Invalid email address"): the form asks for a domain itself.
      await page.locator('#email').fill('x@y');
      await page.locator('#password').fill('correct horse battery');
      await submit.click();
      const alert = form.getByRole('alert');
      await poll(() => alert.textContent()).toBe('Enter your email address, like you@example.com.');
      const [button, error] = [(await submit.boundingBox())!, (await alert.boundingBox())!];
      expect(error.y, path).toBeGreaterThanOrEqual(button.y + button.height);
    }
    await ctx.close();
  });

  const cardClip = async (inside: Locator) => {
    const b = (await inside.locator('xpath=ancestor::*[self::article or self::li][1]').boundingBox())!;
    return { x: 0, y: Math.max(0, b.y - 16), width: 375, height: b.height + 32 };
  };

  it('on a 375 px phone, library and explore cards keep the track length in view (the facts wrap)', async () => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 812 } });
    await ctx.addCookies(cookies);
    const page = await ctx.newPage();
    for (const path of ['/library', '/explore']) {
      await page.goto(`${base}${path}`);
      const facts = page.getByTestId('track-facts').first();
      await facts.waitFor();
      const box = await facts.evaluate((p) => {
        const last = p.lastElementChild!.getBoundingClientRect();
        const card = p.closest('article, li')!;
        const play = card.querySelector('button[aria-label^="Play "]')!.getBoundingClientRect();
        return {
          text: p.lastElementChild!.textContent,
          lastRight: last.right,
          factsRight: p.getBoundingClientRect().right,
          playLeft: play.left,
          overflows: p.scrollWidth > p.clientWidth,
        };
      });
      await page.screenshot({
        path: join(OUT, `${path.slice(1)}-card-375.png`),
        clip: await cardClip(facts),
      });
      expect(box.text, path).toBe('0:30');
      expect(box.overflows, path).toBe(false);
      expect(box.lastRight, path).toBeLessThanOrEqual(box.factsRight + 0.5);
      expect(box.factsRight, path).toBeLessThanOrEqual(box.playLeft);
    }
    await ctx.close();
  }, 60_000);

  it('on a 375 px phone the example chips keep to one line, whole (landing and create), and the PPP figures fit (bands stacked; the table from 768 px, its figures apart)', async () => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await ctx.newPage();
    const oneLine = async (chips: Locator, label: string) => {
      await chips.first().waitFor();
      const boxes = await chips.evaluateAll((els) =>
        els.map((e) => ({
          text: e.textContent,
          height: Math.round(e.getBoundingClientRect().height),
          cut: e.scrollWidth > e.clientWidth,
        })),
      );
      expect(new Set(boxes.map((b) => b.height)).size, `${label}: ${JSON.stringify(boxes)}`).toBe(1);
      expect(
        boxes.filter((b) => b.cut),
        label,
      ).toEqual([]);
    };
    await page.goto(`${base}/`);
    const landing = page.getByRole('list', { name: 'Example prompts' });
    await oneLine(landing.getByRole('link'), 'landing');
    await landing.screenshot({ path: join(OUT, 'landing-chips-375.png') });
    await page.goto(`${base}/pricing`);
    const table = page.locator('table', {
      has: page.locator('caption', { hasText: 'Prices by income band' }),
    });
    // Every figure of the PPP table (the table itself is for wider screens)…
    const figures = await table.evaluate((t) =>
      [...t.querySelectorAll('tbody td')].map((c) => c.textContent!.trim()).filter((f) => f.startsWith('$')),
    );
    expect(figures).toHaveLength(16);
    // …is on a 375 px phone, in view, one band after the other, with no sideways scrolling.
    const bands = page.getByTestId('ppp-bands');
    await bands.scrollIntoViewIfNeeded();
    const shown = await bands.evaluate((l) => ({
      page: document.documentElement.scrollWidth,
      figures: [...l.querySelectorAll('[data-testid="ppp-figure"]')].map((f) => {
        const b = f.getBoundingClientRect();
        return { text: f.textContent, left: b.left, right: b.right, cut: f.scrollWidth > f.clientWidth };
      }),
    }));
    await bands.screenshot({ path: join(OUT, 'pricing-ppp-bands-375.png') });
    expect(shown.page).toBeLessThanOrEqual(375);
    expect(shown.figures.map((f) => f.text)).toEqual(figures);
    expect(
      shown.figures.filter((f) => f.left < 0 || f.right > 375 || f.cut),
      JSON.stringify(shown),
    ).toEqual([]);
    // From 768 px the table: whole, no scrolling, its figures apart (the gap between the text of
    // neighbouring cells, row by row).
    await page.setViewportSize({ width: 768, height: 1024 });
    const gaps = await table.evaluate((t) =>
      [...t.querySelectorAll('tr')].flatMap((row) => {
        const spans = [...row.children].map((c) => {
          const r = document.createRange();
          r.selectNodeContents(c);
          const b = r.getBoundingClientRect();
          return [b.left, b.right] as const;
        });
        return spans.slice(1).map(([left], i) => Math.round(left - spans[i]![1]));
      }),
    );
    const scroller = await table.evaluate((t) => ({
      scroll: t.parentElement!.scrollWidth,
      width: t.parentElement!.clientWidth,
    }));
    await table.locator('xpath=..').screenshot({ path: join(OUT, 'pricing-ppp-table-768.png') });
    expect(Math.min(...gaps), JSON.stringify(gaps)).toBeGreaterThanOrEqual(12);
    expect(scroller.scroll, JSON.stringify(scroller)).toBeLessThanOrEqual(scroller.width);
    await page.setViewportSize({ width: 375, height: 812 });
    await ctx.addCookies(cookies);
    await page.goto(`${base}/create`);
    const create = page.getByRole('group', { name: 'Example prompts' });
    await oneLine(create.getByRole('button'), 'create');
    await create.screenshot({ path: join(OUT, 'create-chips-375.png') });
    await ctx.close();
  }, 60_000);

  it('on a 375 px phone the credit history keeps each date on one line, and nothing scrolls sideways', async () => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 812 } });
    await ctx.addCookies(cookies);
    const page = await ctx.newPage();
    await page.goto(`${base}/credits`);
    const dates = page.getByTestId('ledger-date');
    await dates.first().waitFor();
    const fit = await page.evaluate(() => {
      const cells = [...document.querySelectorAll('[data-testid="ledger-date"]')];
      const table = cells[0]!.closest('table')!;
      return {
        page: document.documentElement.scrollWidth,
        table: { scroll: table.parentElement!.scrollWidth, width: table.parentElement!.clientWidth },
        // The lines a date takes: its text's line boxes.
        lines: cells.map((c) => {
          const r = document.createRange();
          r.selectNodeContents(c);
          const tops = new Set([...r.getClientRects()].map((b) => Math.round(b.top)));
          return { text: c.textContent, lines: tops.size };
        }),
      };
    });
    await page
      .locator('table', { has: page.locator('caption', { hasText: 'Credit history' }) })
      .screenshot({ path: join(OUT, 'credits-history-375.png') });
    expect(fit.lines.length, JSON.stringify(fit)).toBeGreaterThanOrEqual(2);
    expect(
      fit.lines.filter((l) => l.lines !== 1),
      JSON.stringify(fit),
    ).toEqual([]);
    expect(fit.page, JSON.stringify(fit)).toBeLessThanOrEqual(375);
    expect(fit.table.scroll, JSON.stringify(fit)).toBeLessThanOrEqual(fit.table.width);
    await ctx.close();
  });

  it("the share page's facts line reads like the cards: style, key, tempo and the track's length", async () => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await ctx.newPage();
    await page.goto(`${base}/explore`);
    const card = (await page.getByTestId('track-facts').first().textContent())!.replace(/\s+/g, ' ');
    await page.goto(`${base}/share/${trackId}`);
    const facts = page.locator('article').getByTestId('track-facts');
    expect((await facts.textContent())!.replace(/\s+/g, ' ')).toBe(card);
    expect(await facts.locator('span').last().textContent()).toBe('0:30');
    await ctx.close();
  });

  it("series cards say how many tracks (a link to the library filtered by the series), never the series' slug", async () => {
    const ctx = await browser.newContext({ viewport: VIEWPORTS.desktop });
    await ctx.addCookies(cookies);
    const page = await ctx.newPage();
    await page.goto(`${base}/series`);
    const cards = page.getByTestId('series-card');
    await poll(() => cards.count()).toBe(2);
    const lines = await cards.evaluateAll((cs) =>
      cs.map((c) => ({
        title: c.querySelector('p')!.textContent,
        line: c.querySelector('p.tabular')!.textContent!.replace(/\s+/g, ' ').trim(),
        href: c.querySelector('p.tabular a')?.getAttribute('href') ?? null,
      })),
    );
    const night = lines.find((l) => l.title === 'Night drives')!;
    const other = lines.find((l) => l.title !== 'Night drives')!;
    expect(night.line, JSON.stringify(lines)).toBe('1 track');
    expect(night.href).toMatch(/^\/library\?(.*&)?series=/);
    expect(other.line, JSON.stringify(lines)).toBe('Default series · 0 tracks');
    expect(JSON.stringify(lines)).not.toMatch(/night-drives/);
    await ctx.close();
  });

  it("on a 375 px phone the app's menu fits its row: every link whole, none scrolled out of view", async () => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 812 } });
    await ctx.addCookies(cookies);
    const page = await ctx.newPage();
    await page.goto(`${base}/library`);
    const nav = page.getByRole('navigation', { name: 'Main mobile' });
    await nav.getByRole('link', { name: 'Credits' }).waitFor();
    const fit = await nav.evaluate((n) => ({
      scroll: n.scrollWidth,
      width: n.clientWidth,
      lastRight: n.lastElementChild!.getBoundingClientRect().right,
    }));
    await page
      .locator('header')
      .first()
      .screenshot({ path: join(OUT, 'header-app-375.png') });
    expect(fit.scroll, JSON.stringify(fit)).toBeLessThanOrEqual(fit.width);
    expect(fit.lastRight, JSON.stringify(fit)).toBeLessThanOrEqual(375);
    await ctx.close();
  });

  it('the landing has one primary action: the prompt box’s “Start creating”', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/`);
    const hero = page.locator('section').first();
    expect(await hero.getByText('Start creating', { exact: true }).count()).toBe(1);
    expect(await hero.getByRole('button', { name: 'Start creating' }).count()).toBe(1);
    await hero.getByRole('link', { name: 'Browse library' }).waitFor();
    await ctx.close();
  });

  it('the track page waveform: unplayed bars ≥ 3:1 against the page in both themes, the played part ≥ 3:1 against them', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const ctx = await browser.newContext({ colorScheme: theme, reducedMotion: 'reduce' });
      await ctx.addCookies(cookies);
      const page = await ctx.newPage();
      await page.goto(`${base}/tracks/${trackId}`);
      const wave = page.getByTestId('waveform');
      await wave.locator('svg').first().waitFor();
      // Play a moment, so the played part is drawn too.
      await page
        .getByRole('button', { name: /^Play / })
        .first()
        .click();
      await poll(() => wave.locator('svg').count()).toBe(2);
      const colours = {
        bg: await backgroundBehind(wave),
        ...(await wave.evaluate((w) => {
          const [unplayed, played] = [...w.querySelectorAll('svg')].map((s) => getComputedStyle(s).fill);
          return { unplayed: unplayed!, played: played! };
        })),
      };
      await poll(() =>
        page.evaluate(() => document.querySelector('audio')?.currentTime ?? 0),
      ).toBeGreaterThan(3);
      await page
        .getByRole('button', { name: /^Pause / })
        .first()
        .click();
      await wave.screenshot({ path: join(OUT, `track-wave-played-${theme}.png`) });
      const label = `${theme}: ${JSON.stringify(colours)}`;
      expect(contrast(colours.unplayed, colours.bg), label).toBeGreaterThanOrEqual(3);
      expect(contrast(colours.played, colours.bg), label).toBeGreaterThanOrEqual(3);
      expect(contrast(colours.played, colours.unplayed), label).toBeGreaterThanOrEqual(3);
      await ctx.close();
    }
  }, 60_000);

  it('the track page: the "New cover" progress bar ≥ 3:1 against the page in both themes, like every bar', async () => {
    // The cover job is held in the browser (the API's answers replaced): the bar stays on screen
    // at 40 %, and the track keeps its two cover versions for the other tests.
    const held = '00000000-0000-4000-8000-0000000000c3';
    for (const theme of ['dark', 'light'] as const) {
      const ctx = await browser.newContext({
        colorScheme: theme,
        viewport: VIEWPORTS.desktop,
        reducedMotion: 'reduce',
      });
      await ctx.addCookies(cookies);
      const page = await ctx.newPage();
      await page.route(`${base}/api/tracks/${trackId}/visuals`, (r) =>
        r.fulfill({
          status: 202,
          json: { track_id: trackId, visual_version: 3, status: 'PENDING', job_id: held },
        }),
      );
      await page.route(`${base}/api/jobs/${held}`, (r) => {
        const at = new Date().toISOString();
        return r.fulfill({
          json: {
            id: held,
            kind: 'cover-art',
            track_id: trackId,
            status: 'RENDERING',
            progress: 40,
            eta: 2,
            error: null,
            attempts: 1,
            provider: null,
            created_at: at,
            updated_at: at,
          },
        });
      });
      // No event stream: a 204 tells EventSource not to reconnect; polling reads the held job.
      await page.route(`${base}/api/jobs/${held}/events`, (r) => r.fulfill({ status: 204 }));
      await page.goto(`${base}/tracks/${trackId}`);
      await page.getByRole('button', { name: 'New cover' }).click();
      const bar = page.getByRole('progressbar', { name: 'Progress of cover version 3' });
      await poll(() => bar.getAttribute('aria-valuenow')).toBe('40');
      const colours = await meterContrast(bar);
      const panel = bar.locator('xpath=ancestor::div[contains(@class, "max-w-sm")][1]');
      await panel.screenshot({ path: join(OUT, `track-cover-progress-${theme}.png`) });
      expect(colours.failures, `${theme}: ${JSON.stringify(colours)}`).toEqual([]);
      await ctx.close();
    }
  }, 60_000);

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
