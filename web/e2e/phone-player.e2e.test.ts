import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type App, checkBothThemes, poll, startApp, VIEWPORTS } from './support.ts';

// The phone player: the mini player's bar expands into a full-screen sheet (Radix Dialog)
// with the cover, a waveform and seek, lyrics in time and the controls; the close button,
// Escape and a swipe down close it; focus stays inside while it is open; playing never stops.

interface TrackJson {
  id: string;
  title: string;
  status: string;
  plan?: { lyrics?: { text: string; startSec: number; endSec: number; line: number }[] } | null;
}

describe('phone: the mini player expands into a full-screen sheet', () => {
  let app: App;
  let track: TrackJson;

  beforeAll(async () => {
    app = await startApp({ viewport: VIEWPORTS.phone });
    await app.signUp('phone@example.com', 'Phone');
    const { track_id } = await app.apiOk<{ track_id: string }>('/api/tracks', {
      method: 'POST',
      data: {
        prompt: 'bright synth pop with a catchy sung chorus',
        duration_s: 30,
        has_vocals: true,
        lyrics: '[Verse]\nCity lights are fading slow\n[Chorus]\nWe keep on dancing through the night',
      },
    });
    track = await app.waitForTrack<TrackJson>(track_id);
  }, 240_000);
  afterEach((c) => app.screenshotOnFailure(c));
  afterAll(() => app?.close());

  it('opens from the bar, seeks, shows the sounding line, traps focus and closes three ways', async () => {
    const { page, base } = app;
    // The sheet's waveform comes from the track's peaks: nothing fetches the MP3 to decode it
    // (the <audio> element streams it as media, which is not a fetch).
    const decodes: string[] = [];
    const onRequest = (r: { url(): string; resourceType(): string }) => {
      if (r.resourceType() === 'fetch' && /\/audio-v\d+\.mp3|format=mp3/.test(r.url())) decodes.push(r.url());
    };
    page.on('request', onRequest);
    await page.goto(`${base}/library`);
    await page.getByRole('button', { name: `Play ${track.title}` }).click();
    const audio = page.getByTestId('player-audio');
    await poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(0.3);

    const expand = page.getByRole('button', { name: `Expand player: ${track.title}` });
    await expand.click();
    const sheet = page.getByRole('dialog', { name: track.title });
    await sheet.waitFor();
    // Full screen on the phone.
    const box = (await sheet.boundingBox())!;
    expect(box.width).toBe(VIEWPORTS.phone.width);
    expect(box.height).toBeGreaterThanOrEqual(VIEWPORTS.phone.height - 1);
    await sheet.getByRole('img', { name: `Cover of ${track.title}` }).waitFor();
    await sheet.getByTestId('waveform').locator('svg').first().waitFor({ timeout: 30_000 });
    page.off('request', onRequest);
    expect(decodes).toEqual([]);

    // Lyrics in time: seek with the sheet's own slider just inside the last sung word.
    const words = track.plan?.lyrics ?? [];
    expect(words.length).toBeGreaterThan(3);
    const last = words[words.length - 1]!;
    const seekTo = Math.ceil(last.startSec);
    await sheet.getByRole('slider', { name: 'Seek' }).fill(String(seekTo));
    await poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThanOrEqual(
      seekTo - 0.01,
    );
    const squash = (s: string | null) => (s ?? '').replace(/\s+/g, '');
    const lineText = words
      .filter((w) => w.line === last.line)
      .map((w) => w.text)
      .join(' ');
    await poll(async () =>
      squash(await sheet.locator('[data-testid="lyrics"] li[data-current="true"]').textContent()),
    ).toBe(squash(lineText));

    // Controls: pause, back 5 s, play.
    await sheet.getByRole('button', { name: 'Pause', exact: true }).click();
    await poll(() => audio.evaluate((a: HTMLAudioElement) => a.paused)).toBe(true);
    const t0 = await audio.evaluate((a: HTMLAudioElement) => a.currentTime);
    await sheet.getByRole('button', { name: 'Back 5 seconds' }).click();
    await poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeLessThan(t0 - 4);
    await sheet.getByRole('button', { name: 'Play', exact: true }).click();
    await poll(() => audio.evaluate((a: HTMLAudioElement) => a.paused)).toBe(false);

    // Focus is trapped: tabbing round never leaves the sheet.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      expect(await sheet.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }

    // 1. The close button; focus returns to the bar, the music plays on.
    await sheet.getByRole('button', { name: 'Close player' }).click();
    await sheet.waitFor({ state: 'detached' });
    // (Polled: Chromium 156 removes the dialog a moment before its close handler hands focus back.)
    await poll(() => expand.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await audio.evaluate((a: HTMLAudioElement) => a.paused)).toBe(false);

    // 2. Escape.
    await expand.click();
    await sheet.waitFor();
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });

    // 3. A swipe down from the top of the sheet.
    // The sheet slides in: the grip is where it stays only once its animation has finished (a press
    // above a sheet still sliding in lands on the overlay, which closes the dialog).
    const gripCentre = async () => {
      await sheet.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
      const grip = (await sheet.getByTestId('sheet-grip').boundingBox())!;
      return { x: grip.x + grip.width / 2, y: grip.y + grip.height / 2 };
    };
    await expand.click();
    await sheet.waitFor();
    const { x, y } = await gripCentre();
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let dy = 20; dy <= 200; dy += 20) await page.mouse.move(x, y + dy);
    await page.mouse.up();
    await sheet.waitFor({ state: 'detached' });
    // A short drag does not close it.
    await expand.click();
    await sheet.waitFor();
    const again = await gripCentre();
    await page.mouse.move(again.x, again.y);
    await page.mouse.down();
    await page.mouse.move(again.x, again.y + 30);
    await page.mouse.up();
    await page.waitForTimeout(300);
    expect(await sheet.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await audio.evaluate((a: HTMLAudioElement) => a.paused)).toBe(false);
    expect(app.pageErrors).toEqual([]);
  }, 120_000);

  it('the open sheet is accessible in both themes', async () => {
    const cookies = await app.ctx.cookies();
    const problems = await checkBothThemes(app.browser, {
      name: 'player-sheet',
      cookies,
      devices: ['phone'],
      show: async (page) => {
        await page.goto(`${app.base}/tracks/${track.id}`);
        await page
          .getByRole('button', { name: `Play ${track.title}` })
          .first()
          .click();
        await page.getByRole('button', { name: `Expand player: ${track.title}` }).click();
        const sheet = page.getByRole('dialog', { name: track.title });
        await sheet.getByTestId('waveform').locator('svg').first().waitFor({ timeout: 30_000 });
        await sheet.locator('[data-testid="lyrics"] li').first().waitFor();
        await page.getByTestId('player-audio').evaluate((a: HTMLAudioElement) => {
          a.pause();
          a.currentTime = 8;
        });
        await page.waitForTimeout(300);
      },
    });
    expect(problems).toEqual([]);
  }, 120_000);
});
