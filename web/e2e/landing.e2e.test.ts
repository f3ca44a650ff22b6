import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../server/test/server-process.ts';
import { type App, checkBothThemes, poll, startApp } from './support.ts';

// The landing's example tracks play real audio: on a fresh install the demos our engine
// renders once (on demand, one at a time, then stored); once people publish, the newest
// public tracks. The landing stays light (first-load JS ≤ 150 kB gzip).

interface Example {
  id: string;
  kind: 'public' | 'demo';
  title: string;
  ready: boolean;
  audio_url: string;
}

describe('landing: example tracks that play', () => {
  let app: App;

  const examples = async () => (await app.apiOk<{ items: Example[] }>('/api/examples')).items;
  const audioTime = () =>
    app.page.getByTestId('example-audio').evaluate((a: HTMLAudioElement) => a.currentTime);

  beforeAll(async () => {
    app = await startApp();
  }, 180_000);
  afterEach((c) => app.screenshotOnFailure(c));
  afterAll(() => app?.close());

  it('a fresh install plays a demo rendered on demand, then served from storage', async () => {
    const { page, base } = app;
    await page.goto(`${base}/`);
    const cards = page.getByTestId('example-track');
    await poll(() => cards.count()).toBe(3);
    const listed = await examples();
    expect(listed.every((e) => e.kind === 'demo')).toBe(true);
    const first = listed[0]!;
    await page.getByRole('button', { name: `Play ${first.title}` }).click();
    // Rendering a 12 s demo on a busy machine takes a while the first time.
    await poll(audioTime, { timeout: 120_000 }).toBeGreaterThan(1);
    await page.getByRole('button', { name: `Pause ${first.title}` }).click();
    const src = await page.getByTestId('example-audio').evaluate((a: HTMLAudioElement) => a.currentSrc);
    expect(new URL(src).origin).toBe(base); // same origin (the CSP allows media from 'self' only)

    // All three get rendered in the background, once; later requests redirect to the stored file.
    await poll(async () => (await examples()).every((e) => e.ready), { timeout: 240_000 }).toBe(true);
    const t0 = Date.now();
    const res = await page.request.get(`${base}${first.audio_url}`, { maxRedirects: 0 });
    expect(res.status()).toBe(302);
    expect(Date.now() - t0).toBeLessThan(5_000);
    const file = await page.request.get(`${base}${first.audio_url}`);
    expect(file.headers()['content-type']).toBe('audio/mpeg');
    expect((await file.body()).length).toBeGreaterThan(50_000);
    expect((await page.request.get(`${base}/api/examples/no-such-demo/audio`)).status()).toBe(404);
  }, 360_000);

  it('keeps the landing light: first-load JS ≤ 150 kB gzip', async () => {
    const ctx = await app.browser.newContext();
    const page = await ctx.newPage();
    const scripts = new Set<string>();
    // Route prefetches (RSC payloads, then the routes' code) while the landing loads: its
    // links prefetch on intent instead (there were ten of them, and two more scripts).
    const prefetches: string[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script' && r.url().includes('/_next/static/'))
        scripts.add(new URL(r.url()).pathname);
      if (new URL(r.url()).searchParams.has('_rsc')) prefetches.push(r.url());
    });
    await page.goto(`${app.base}/`, { waitUntil: 'networkidle' });
    expect(prefetches).toEqual([]);
    let gz = 0;
    for (const s of scripts) {
      const bytes = readFileSync(join(REPO_ROOT, 'web/.next/static', s.replace('/_next/static/', '')));
      gz += gzipSync(bytes, { level: 9 }).length;
    }
    await ctx.close();
    console.log(`landing first-load JS: ${(gz / 1024).toFixed(1)} kB gzip in ${scripts.size} files`);
    expect(gz).toBeLessThanOrEqual(150 * 1024);
  }, 60_000);

  it('once a track is public, the landing shows it first, and it plays', async () => {
    await app.signUp('publisher@example.com', 'Publisher');
    const { track_id } = await app.apiOk<{ track_id: string }>('/api/tracks', {
      method: 'POST',
      data: { prompt: 'warm bossa nova guitar on a summer terrace', duration_s: 15 },
    });
    const t = await app.waitForTrack<{ status: string; title: string }>(track_id);
    await app.apiOk(`/api/tracks/${track_id}`, { method: 'PATCH', data: { public: true } });
    // The public track first; demos fill the row.
    expect((await examples()).map((e) => e.kind)).toEqual(['public', 'demo', 'demo']);
    expect((await examples())[0]!.id).toBe(track_id);

    const anon = await app.browser.newContext();
    try {
      const page = await anon.newPage();
      await page.goto(`${app.base}/`);
      await page.getByRole('link', { name: t.title }).waitFor();
      expect(await page.getByRole('link', { name: t.title }).getAttribute('href')).toBe(`/share/${track_id}`);
      await page.getByRole('button', { name: `Play ${t.title}` }).click();
      await poll(() => page.getByTestId('example-audio').evaluate((a: HTMLAudioElement) => a.currentTime), {
        timeout: 30_000,
      }).toBeGreaterThan(1);
    } finally {
      await anon.close();
    }
  }, 240_000);

  it('is accessible in both themes with the examples shown and one playing', async () => {
    const problems = await checkBothThemes(app.browser, {
      name: 'landing-examples',
      show: async (page, device) => {
        await page.goto(`${app.base}/`);
        const play = page.getByTestId('example-track').first().getByRole('button');
        await play.click();
        await page
          .getByTestId('example-track')
          .first()
          .getByRole('button', { name: /^Pause / })
          .waitFor();
        await page.getByTestId('example-tracks').scrollIntoViewIfNeeded();
        // Nothing wider than the screen (long prompts are truncated, never pushed sideways).
        if (device === 'phone')
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      },
    });
    expect(problems).toEqual([]);
  }, 120_000);
});
