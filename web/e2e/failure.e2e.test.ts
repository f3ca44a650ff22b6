import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeProvider, startFakeFal } from '../../server/test/fake-providers.ts';
import { type App, checkBothThemes, meterContrast, OUT, poll, startApp, VIEWPORTS } from './support.ts';

// The failure path in a browser. The app runs in provider mode against our local stand-in of
// FAL's queue protocol (server/test/fake-providers.ts), which is told to fail every render:
// the job is retried, fails for good, the user reads why and that the credits came back, and
// the balance is whole again. Nothing in the product knows it is being tested.

const FAL_KEY = 'fal-e2e-key-0001';

interface TrackJson {
  id: string;
  title: string;
  status: string;
  job_id: string | null;
  credits_required: number;
}

describe('a render that fails: the reason, "credits refunded", the balance back', () => {
  let fal: FakeProvider;
  let app: App;

  beforeAll(async () => {
    fal = await startFakeFal({ keys: { [FAL_KEY]: 'ok' }, audioSec: 2 });
    fal.faults.result = 'failed'; // the model "fails": FAL answers 500 for the result
    app = await startApp({
      env: {
        MUSIC_PROVIDERS: 'fal',
        FAL_KEY,
        FAL_BASE_URL: fal.url,
        FAL_MODEL: 'fal-ai/minimax-music/v2.6',
        PROVIDER_POLL_MS: '50',
        JOB_MAX_ATTEMPTS: '2',
        JOB_RETRY_BASE_MS: '100',
        JOB_RETRY_MAX_MS: '300',
      },
    });
    await app.signUp('unlucky@example.com', 'Unlucky');
  }, 180_000);
  afterEach((c) => app.screenshotOnFailure(c));
  afterAll(async () => {
    await app?.close();
    await fal?.close();
  });

  it('shows the failure with its reason and the refund; the balance and the ledger are whole', async () => {
    const { page, base } = app;
    await page.goto(`${base}/create`);
    await poll(() => page.getByTestId('balance').textContent()).toBe('400 credits');
    await page.locator('#duration').fill('60');
    await page.getByLabel('Music generation prompt').fill('stormy synthwave chase with heavy drums');
    await page.getByRole('button', { name: 'Generate Music' }).click();
    await page.getByText('Track generation started').waitFor();
    const track = (await app.apiOk<{ items: TrackJson[] }>('/api/tracks?limit=1')).items[0]!;
    expect(track.credits_required).toBe(2);

    const card = page.locator(`[data-track-id="${track.id}"]`);
    const failure = card.getByTestId('job-failure');
    await failure.waitFor({ timeout: 90_000 });
    expect(await card.getByTestId('job-progress').getAttribute('data-status')).toBe('FAILED');
    const job = await app.apiOk<{ status: string; error: string; attempts: number }>(
      `/api/jobs/${track.job_id}`,
    );
    expect(job).toMatchObject({ status: 'FAILED', attempts: 2 });
    // The reason the server gave, word for word, and the refund in plain words.
    await failure.getByText(job.error, { exact: true }).waitFor();
    expect(job.error).toMatch(/refunded/);
    await failure.getByText('Credits refunded: 2 credits are back on your balance.').waitFor();
    await poll(() => page.getByTestId('balance').textContent()).toBe('400 credits');
    // The stand-in was really asked, once per attempt.
    expect(fal.inputs.length).toBe(2);

    const ledger = await app.apiOk<{ items: { reason: string; amount: number; job_id?: string | null }[] }>(
      '/api/credits/ledger?limit=100',
    );
    expect(
      ledger.items
        .filter((e) => e.reason !== 'TRIAL')
        .map((e) => [e.reason, e.amount])
        .sort(),
    ).toEqual([
      ['DEDUCTION', -2],
      ['REFUND', 2],
    ]);
    expect((await app.apiOk<{ balance: number }>('/api/credits')).balance).toBe(400);

    // After a reload (no live job any more) the library still says what happened.
    await page.goto(`${base}/library`);
    const again = page.locator(`[data-track-id="${track.id}"]`);
    await again
      .getByText(/refunded/i)
      .first()
      .waitFor();
    expect(app.pageErrors).toEqual([]);
  }, 150_000);

  it('the failed track is accessible in both themes, desktop and phone', async () => {
    const cookies = await app.ctx.cookies();
    const problems = await checkBothThemes(app.browser, {
      name: 'create-failed',
      cookies,
      show: async (page) => {
        await page.goto(`${app.base}/create`);
        await page.getByTestId('job-failure').first().waitFor();
        await page.waitForLoadState('networkidle');
        await page.getByTestId('job-failure').first().scrollIntoViewIfNeeded();
      },
    });
    expect(problems).toEqual([]);
  }, 120_000);

  it('a render still under way: its progress bar ≥ 3:1 on the track page and on its card, in both themes; held past its estimate, it says so', async () => {
    // The stand-in holds the render in its queue (last test here: the others count its calls).
    fal.faults.hang = true;
    try {
      const { track_id: id } = await app.apiOk<{ track_id: string }>('/api/tracks', {
        method: 'POST',
        data: { prompt: 'slow dub techno with a long tape echo', duration_s: 30 },
      });
      const cookies = await app.ctx.cookies();
      for (const theme of ['dark', 'light'] as const) {
        const ctx = await app.browser.newContext({
          colorScheme: theme,
          viewport: VIEWPORTS.desktop,
          reducedMotion: 'reduce',
        });
        await ctx.addCookies(cookies);
        const page = await ctx.newPage();
        for (const [where, path] of [
          ['track', `/tracks/${id}`],
          ['card', '/create'],
        ] as const) {
          await page.goto(`${app.base}${path}`);
          const progress = (where === 'card' ? page.locator(`[data-track-id="${id}"]`) : page).getByTestId(
            'job-progress',
          );
          const bar = progress.getByRole('progressbar');
          await bar.waitFor();
          // Held past its estimate (a few seconds for 30 s of audio): no seconds count stuck at "1 s left".
          await progress
            .getByText('taking longer than usual…', { exact: false })
            .waitFor({ timeout: 30_000 });
          expect(await progress.textContent()).not.toMatch(/s left/);
          const colours = await meterContrast(bar);
          await (where === 'card'
            ? page.locator(`[data-track-id="${id}"]`)
            : page.locator('main section').first()
          ).screenshot({ path: join(OUT, `job-progress-${where}-${theme}.png`) });
          expect(colours.failures, `${where}, ${theme}: ${JSON.stringify(colours)}`).toEqual([]);
        }
        await ctx.close();
      }
    } finally {
      fal.faults.hang = false;
    }
  }, 120_000);
});
