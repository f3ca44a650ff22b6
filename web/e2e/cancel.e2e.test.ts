import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeProvider, startFakeFal } from '../../server/test/fake-providers.ts';
import { type App, axe, OUT, poll, startApp } from './support.ts';

// Cancelling a track queued by mistake, in a browser. The app runs in provider mode against our
// stand-in of FAL's queue protocol, told never to finish a render: the track stays "Rendering"
// until its owner cancels it. Then the track says it is cancelled and how many credits came back,
// the balance is whole, the request was cancelled at FAL, and trying again is offered.

const FAL_KEY = 'fal-e2e-cancel-0001';

interface TrackJson {
  id: string;
  status: string;
  job_id: string | null;
  credits_required: number;
}

describe('cancel a track while it renders', () => {
  let fal: FakeProvider;
  let app: App;

  beforeAll(async () => {
    fal = await startFakeFal({ keys: { [FAL_KEY]: 'ok' }, audioSec: 2 });
    Object.assign(fal.faults, { queuePolls: 1, workPolls: 100_000 });
    app = await startApp({
      env: {
        MUSIC_PROVIDERS: 'fal',
        FAL_KEY,
        FAL_BASE_URL: fal.url,
        FAL_MODEL: 'fal-ai/minimax-music/v2.6',
        PROVIDER_POLL_MS: '100',
      },
    });
    await app.signUp('oops@example.com', 'Oops');
  }, 180_000);
  afterEach((c) => app.screenshotOnFailure(c));
  afterAll(async () => {
    await app?.close();
    await fal?.close();
  });

  it('Cancel, confirmed: "Cancelled — 2 credits returned", the balance back, another try offered', async () => {
    const { page, base } = app;
    await page.goto(`${base}/create`);
    await poll(() => page.getByTestId('balance').textContent()).toBe('400 credits');
    await page.locator('#duration').fill('60');
    await page.getByLabel('Music generation prompt').fill('slow ambient pads over a distant choir');
    await page.getByRole('button', { name: 'Generate Music' }).click();
    await page.getByText('Track generation started').waitFor();
    const track = (await app.apiOk<{ items: TrackJson[] }>('/api/tracks?limit=1')).items[0]!;
    expect(track.credits_required).toBe(2);
    await poll(() => page.getByTestId('balance').textContent()).toBe('398 credits');

    await page.goto(`${base}/tracks/${track.id}`);
    const progress = page.getByTestId('job-progress');
    await poll(() => progress.getAttribute('data-status'), { timeout: 60_000 }).toBe('RENDERING');
    await poll(() => fal.inputs.length).toBe(1);

    await page.getByRole('button', { name: /^Cancel / }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this track?' });
    await dialog.getByText('Your 2 credits come back.', { exact: false }).waitFor();
    await page.screenshot({ path: join(OUT, 'cancel-confirm.png') });
    await dialog.getByRole('button', { name: 'Cancel track' }).click();

    const cancelled = page.getByTestId('job-cancelled');
    await cancelled.getByText('Cancelled — 2 credits returned.', { exact: true }).waitFor();
    expect(await progress.getAttribute('data-status')).toBe('CANCELLED');
    // Focus moved to the outcome, not lost to the page.
    await poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe(
      'Cancelled — 2 credits returned.',
    );
    // The page's own "Make another like this" is the way to try again (no second link saying so).
    expect(await cancelled.getByRole('link').count()).toBe(0);
    const again = page.getByRole('link', { name: 'Make another like this' });
    expect(await again.getAttribute('href')).toBe(`/create?from=${track.id}`);
    await page.getByRole('button', { name: 'Delete' }).waitFor();
    await poll(() => page.getByTestId('balance').textContent()).toBe('400 credits');
    // The request at FAL was cancelled too (the worker heard the cancel and stopped).
    await poll(() => fal.cancelled.length, { timeout: 15_000 }).toBe(1);
    await page.screenshot({ path: join(OUT, 'cancel-done.png') });
    expect(await axe(page)).toEqual([]);

    const job = await app.apiOk<{ status: string }>(`/api/jobs/${track.job_id}`);
    expect(job.status).toBe('CANCELLED');
    const ledger = await app.apiOk<{ items: { reason: string; amount: number }[] }>(
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

    // The library says the same, with the status filter's new choice.
    await page.goto(`${base}/library?status=CANCELLED`);
    const card = page.locator(`[data-track-id="${track.id}"]`);
    await card.getByTestId('job-cancelled').getByText('Cancelled — 2 credits returned.').waitFor();
    await card.getByRole('link', { name: 'Try again' }).waitFor();
    await page.screenshot({ path: join(OUT, 'cancel-library.png') });
  });

  it("from the library: the rendering card's Cancel names its track, and the card then says what came back", async () => {
    const { page, base } = app;
    const created = await app.apiOk<{ track_id: string; job_id: string }>('/api/tracks', {
      method: 'POST',
      data: { prompt: 'tape-saturated boom bap with vinyl crackle', duration_s: 30 },
    });
    await page.goto(`${base}/library`);
    const card = page.locator(`[data-track-id="${created.track_id}"]`);
    await poll(() => card.getByTestId('job-progress').getAttribute('data-status'), { timeout: 60_000 }).toBe(
      'RENDERING',
    );
    await poll(() => page.getByTestId('balance').textContent()).toBe('399 credits');
    const cancel = card.getByRole('button', { name: 'Cancel Tape-saturated boom bap with vinyl crackle' });
    await cancel.waitFor();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(OUT, 'cancel-library-rendering.png') });
    await cancel.click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this track?' });
    await dialog.getByText('Your 1 credit comes back.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel track' }).click();
    await card
      .getByTestId('job-cancelled')
      .getByText('Cancelled — 1 credit returned.', { exact: true })
      .waitFor();
    await poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe(
      'Cancelled — 1 credit returned.',
    );
    await card.getByRole('button', { name: 'Delete “Tape-saturated boom bap with vinyl crackle”' }).waitFor();
    await poll(() => page.getByTestId('balance').textContent()).toBe('400 credits');
    await page.screenshot({ path: join(OUT, 'cancel-library-cancelled.png') });
  });
});
