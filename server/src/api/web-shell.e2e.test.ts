import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../test/browser.ts';
import { type RunningProcess, startEmbeddedServer, type tempDataDir } from '../../test/server-process.ts';

// A person in a browser: the page served at / by `npm start` (embedded mode).

describe('in a browser (headless Chromium, embedded server)', () => {
  let server: RunningProcess;
  let data: ReturnType<typeof tempDataDir>;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, base, data } = await startEmbeddedServer());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    data?.remove();
  });

  it('signs up, generates a track, watches it finish, plays and downloads it', async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Craft Your Sound');

    await page.fill('#email', 'browser@example.com');
    await page.fill('#password', 'correct horse battery');
    await page.click('button[data-mode=signup]');
    await page.waitForSelector('text=/Signed in as browser@example.com · 400 credits/');

    await page.click('text=Generate Music'); // empty prompt
    await page.waitForSelector('text=Please enter a prompt');
    await page.getByLabel('Music generation prompt').fill('dusty lo-fi hip hop, rainy night, Rhodes piano');
    await page.click('text=Generate Music');
    await page.waitForSelector('text=Track generation started');
    await page.waitForSelector('#tracks li:has-text("COMPLETE")', { timeout: 90_000 });
    await page.waitForSelector('text=/399 credits/');

    // The player loads the signed URL and knows the duration.
    const duration = await page
      .locator('#tracks audio')
      .first()
      .evaluate(
        (a: HTMLAudioElement) =>
          new Promise<number>((resolve, reject) => {
            a.preload = 'metadata';
            a.onloadedmetadata = () => resolve(a.duration);
            a.onerror = () => reject(new Error(`audio error ${a.error?.code}`));
            a.load();
          }),
      );
    expect(duration).toBeGreaterThan(29.5);
    expect(duration).toBeLessThan(30.7);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download MP3')]);
    expect(download.suggestedFilename()).toMatch(/\.mp3$/);
    expect(errors).toEqual([]);
  });
});
