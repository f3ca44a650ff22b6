import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type App, checkBothThemes, OUT, poll, recordReferenceSent, startApp } from './support.ts';

// Defects a QA walk found, each checked where a person meets it: an uploaded reference guides the
// track; a file that will not play is retried once and then said in words; the quality refund is
// sent once and, made, is said instead of offered; credits in words, a fresh balance after a 402,
// and today's tracks used up said before Generate is pressed.

const OPERATOR = 'qa-walk-e2e-operator-token-0123456789';
const DAILY = 3;

interface TrackJson {
  id: string;
  title: string;
  status: string;
}

describe('QA walk: reference, playback failures, refund, credits', () => {
  let app: App;
  let tracks: TrackJson[] = [];

  const operator = (path: string, data: unknown) =>
    app.page.request.post(`${app.base}${path}`, {
      data,
      headers: { authorization: `Bearer ${OPERATOR}`, origin: app.base, connection: 'close' },
    });
  const setBalance = async (to: number) => {
    const now = (await app.apiOk<{ balance: number }>('/api/credits')).balance;
    if (now === to) return;
    const r = await operator('/api/admin/credits', {
      email: 'qa@example.com',
      amount: to - now,
      note: 'e2e: qa walk',
      kind: 'adjust',
    });
    expect(r.status()).toBe(200);
  };

  beforeAll(async () => {
    app = await startApp({
      env: { OPERATOR_TOKEN: OPERATOR, FREE_DAILY_TRACK_LIMIT: String(DAILY) },
      logErrors: true,
    });
    await app.signUp('qa@example.com', 'QA');
    const ids: string[] = [];
    for (const prompt of ['gentle piano nocturne with soft rain', 'driving techno with a rolling bassline']) {
      ids.push(
        (
          await app.apiOk<{ track_id: string }>('/api/tracks', {
            method: 'POST',
            data: { prompt, duration_s: 15 },
          })
        ).track_id,
      );
    }
    for (const id of ids) tracks.push(await app.waitForTrack<TrackJson>(id));
  }, 240_000);
  afterEach((c) => app.screenshotOnFailure(c));
  afterAll(() => app?.close());

  it('an uploaded reference is used once analysed: Generate sends it, until "Don’t use this reference"', async () => {
    const { page, base } = app;
    const mp3 = await (
      await page.request.get(`${base}/api/tracks/${tracks[0]!.id}/download?format=mp3`)
    ).body();
    const upload = async (p: typeof page) => {
      await p.goto(`${base}/create`);
      await p.getByText('Advanced: key, tempo, style influence, seed, reference').click();
      await p
        .getByLabel(/Reference track/)
        .setInputFiles({ name: 'my-reference.mp3', mimeType: 'audio/mpeg', buffer: mp3 });
      await p.getByTestId('reference-state').getByText('my-reference.mp3 guides this track').waitFor({
        timeout: 60_000,
      });
    };
    await upload(page);
    const panel = page.getByTestId('reference-analysis');
    const bpm = (await panel.locator('dd').first().textContent())!;
    expect(await page.getByLabel('BPM').inputValue()).toBe(bpm);
    await page.getByText('Reference in use').waitFor();

    const sent = await recordReferenceSent(page, base); // nothing is created or charged
    const generate = page.getByRole('button', { name: 'Generate Music' });
    await page.getByLabel('Music generation prompt').fill('warm lo-fi guided by my reference');
    await generate.click();
    await poll(() => sent.length).toBe(1);
    expect(sent[0]).toMatch(/^[0-9a-f-]{36}$/);
    await panel.getByRole('button', { name: 'Don’t use this reference' }).click();
    await page
      .getByTestId('reference-state')
      .getByText('Not used: this track will ignore my-reference.mp3')
      .waitFor();
    await poll(() => generate.getAttribute('aria-disabled')).toBe('false');
    await generate.click();
    await poll(() => sent.length).toBe(2);
    expect(sent[1]).toBeUndefined();
    await panel.getByRole('button', { name: 'Use this reference' }).click();
    await generate.click();
    await poll(() => sent.length).toBe(3);
    expect(sent[2]).toBe(sent[0]);
    await page.unroute(`${base}/api/tracks`);

    const problems = await checkBothThemes(app.browser, {
      name: 'qa-reference-in-use',
      cookies: await app.ctx.cookies(),
      show: async (p) => {
        await upload(p);
        await p.getByTestId('reference-analysis').scrollIntoViewIfNeeded();
      },
    });
    expect(problems).toEqual([]);
  }, 240_000);

  it('a file that fails is fetched afresh once; failing again, or deleted, the player says so', async () => {
    const { page, base } = app;
    const audioTime = () =>
      page.getByTestId('player-audio').evaluate((a) => (a as HTMLAudioElement).currentTime);
    const failure = page.getByTestId('player-failure');
    const [newer, older] = [tracks[1]!, tracks[0]!];

    // An expired signed address (403 once): the track is fetched again and plays.
    let refused = 0;
    await page.route('**/api/files/**', async (route) => {
      if (route.request().url().includes('.mp3') && refused === 0) {
        refused++;
        return route.fulfill({ status: 403, body: 'expired' });
      }
      return route.fallback();
    });
    await page.goto(`${base}/library`);
    const trackReads: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === `/api/tracks/${older.id}`) trackReads.push(r.url());
    });
    await page.getByRole('button', { name: `Play ${older.title}` }).click();
    await poll(() => audioTime()).toBeGreaterThan(0.3);
    expect(refused).toBe(1);
    expect(trackReads.length).toBe(1);
    expect(await failure.textContent()).toBe('');
    await page.getByRole('button', { name: `Pause ${older.title}` }).click();
    await page.unroute('**/api/files/**');

    // Every address refused: retried once, then said in words (nothing after it to skip to).
    await page.route('**/api/files/**', (route) =>
      route.request().url().includes('.mp3') ? route.fulfill({ status: 403, body: 'no' }) : route.fallback(),
    );
    await page.reload();
    await page.getByRole('button', { name: `Play ${older.title}` }).click();
    await poll(() => failure.textContent()).toBe(
      `“${older.title}” could not be played: its file did not load. Press Play to try again, or try later.`,
    );
    expect(await failure.getAttribute('role')).toBe('alert');
    await page.screenshot({ path: join(OUT, 'qa-player-failed.png') });
    await page.unroute('**/api/files/**');

    // The newer track deleted while the library shows it: said, and the queue moves on to the older.
    await page.reload();
    await page.getByRole('button', { name: `Play ${older.title}` }).waitFor();
    await app.apiOk(`/api/tracks/${newer.id}`, { method: 'DELETE' });
    await page.getByRole('button', { name: `Play ${newer.title}` }).click();
    await poll(() => failure.textContent()).toBe(
      `“${newer.title}” was deleted, so it can no longer be played. Playing the next track.`,
    );
    await poll(() => page.getByRole('button', { name: `Pause ${older.title}` }).count()).toBe(1);
    await poll(() => audioTime()).toBeGreaterThan(0.3);
    await page.getByRole('button', { name: `Pause ${older.title}` }).click();
    tracks = [older];

    const problems = await checkBothThemes(app.browser, {
      name: 'qa-player-failed',
      cookies: await app.ctx.cookies(),
      show: async (p) => {
        await p.route('**/api/files/**', (route) =>
          route.request().url().includes('.mp3')
            ? route.fulfill({ status: 403, body: 'no' })
            : route.fallback(),
        );
        await p.goto(`${base}/library`);
        await p.getByRole('button', { name: `Play ${older.title}` }).click();
        await p.getByTestId('player-failure').getByText('could not be played').waitFor();
      },
    });
    expect(problems).toEqual([]);
  }, 180_000);

  it('Refund pressed twice sends one request; refunded, the page says so instead of offering it', async () => {
    const { page, base } = app;
    const track = tracks[0]!;
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/refund-quality')) posts.push(r.url());
    });
    await page.goto(`${base}/tracks/${track.id}`);
    await page.getByRole('button', { name: 'Ask for a quality refund' }).click();
    await page.getByTestId('refund-confirm').getByRole('button', { name: 'Refund' }).dblclick();
    await poll(() => page.getByTestId('refund-result').textContent()).toMatch(
      /^Refunded 1 credit\. Your balance is \d+\.$/,
    );
    expect(posts.length).toBe(1);
    await page.reload();
    await page
      .getByTestId('refund-made')
      .getByText(/^Refunded 1 credit on /)
      .waitFor();
    expect(await page.getByRole('button', { name: 'Ask for a quality refund' }).count()).toBe(0);
    const problems = await checkBothThemes(app.browser, {
      name: 'qa-refund-made',
      cookies: await app.ctx.cookies(),
      show: async (p) => {
        await p.goto(`${base}/tracks/${track.id}`);
        await p.getByTestId('refund-made').scrollIntoViewIfNeeded();
      },
    });
    expect(problems).toEqual([]);
  }, 120_000);

  it('credits in words; a 402 reads the balance again; "balance after" never goes negative', async () => {
    const { page, base } = app;
    const before = (await app.apiOk<{ balance: number }>('/api/credits')).balance;
    try {
      await setBalance(1);
      await page.goto(`${base}/credits`);
      await poll(() => page.getByTestId('balance').textContent()).toBe('1 credit');
      await poll(() => page.getByTestId('credits-balance').textContent()).toMatch(/1 credit$/);
      await page.goto(`${base}/create`);
      const cost = page.getByTestId('cost-preview');
      await poll(() => cost.textContent()).toBe('Costs 1 credit · balance after: 0');
      // Spent elsewhere meanwhile: the refusal reads the balance again, header and form.
      await setBalance(0);
      await page.getByLabel('Music generation prompt').fill('warm lo-fi hip hop with a mellow Rhodes');
      await page.getByRole('button', { name: 'Generate Music' }).click();
      await page.getByTestId('not-enough-credits').waitFor();
      await poll(() => page.getByTestId('balance').textContent()).toBe('0 credits');
      await poll(() => cost.textContent()).toBe('Costs 1 credit · not enough credits: you have 0');
      await page.screenshot({ path: join(OUT, 'qa-not-enough-credits.png') });
    } finally {
      await setBalance(before);
    }
  }, 60_000);

  it("today's tracks used up: the form says so and Generate is unavailable before the press", async () => {
    const { page, base } = app;
    const left = (await app.apiOk<{ free_mode: { remaining_today: number } }>('/api/credits')).free_mode
      .remaining_today;
    for (let i = 0; i < left; i++)
      await app.apiOk('/api/tracks', {
        method: 'POST',
        data: { prompt: `a quiet ambient drone ${i}`, duration_s: 15 },
      });
    await page.goto(`${base}/create`);
    const reason = page.getByTestId('no-tracks-left');
    // The reset (midnight UTC) in the browser's own clock, with the wait (resetWords).
    const midnight = await page.evaluate(() => {
      const d = new Date();
      d.setUTCHours(24, 0, 0, 0);
      return d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    });
    await poll(() => reason.textContent()).toMatch(
      new RegExp(
        `^You have made today's ${DAILY} tracks on the Free plan\\. You can generate again (tomorrow )?at ${midnight} \\(in (\\d+ h )?\\d+ min\\)\\.$`,
      ),
    );
    const generate = page.getByRole('button', { name: 'Generate Music' });
    expect(await generate.getAttribute('aria-disabled')).toBe('true');
    expect(await generate.getAttribute('aria-describedby')).toBe('generate-unavailable');
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/tracks') posts.push(r.url());
    });
    await page.getByLabel('Music generation prompt').fill('warm lo-fi hip hop with a mellow Rhodes');
    await generate.click({ force: true }); // aria-disabled: Playwright would wait for it to be enabled
    await page.keyboard.press('Control+Enter');
    await new Promise((r) => setTimeout(r, 500));
    expect(posts).toEqual([]);
    const problems = await checkBothThemes(app.browser, {
      name: 'qa-no-tracks-left',
      cookies: await app.ctx.cookies(),
      show: async (p) => {
        await p.goto(`${base}/create`);
        await p.getByTestId('no-tracks-left').scrollIntoViewIfNeeded();
      },
    });
    expect(problems).toEqual([]);
  }, 120_000);

  it("counts characters as the API does, says the API's reason for a title, and sets right-to-left text right", async () => {
    const { page, base } = app;
    const track = tracks[0]!;
    await page.goto(`${base}/create`);
    await page.getByLabel('Music generation prompt').fill('🎹🎹🎹🎹🎹');
    await poll(() => page.getByTestId('prompt-count').textContent()).toBe('5/1000');

    await page.goto(`${base}/tracks/${track.id}`);
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('Track title').fill('bell\u0007');
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.locator('#title-error').textContent()).toBe(
      'The title must not contain control characters. Remove invisible or special characters and try again.',
    );
    const arabic = 'أغنية الليل الطويلة جدا على البحر';
    await page.getByLabel('Track title').fill(arabic);
    await page.getByRole('button', { name: 'Save' }).click();
    const h1 = page.getByRole('heading', { level: 1, name: arabic });
    await h1.waitFor();
    tracks[0] = { ...track, title: arabic };
    expect(await h1.getAttribute('dir')).toBe('auto');
    expect(await h1.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
    await page.goto(`${base}/library`);
    const link = page.getByRole('link', { name: arabic }).first();
    expect(await link.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
    const problems = await checkBothThemes(app.browser, {
      name: 'qa-rtl-title',
      cookies: await app.ctx.cookies(),
      show: async (p) => {
        await p.goto(`${base}/library`);
        await p.getByRole('link', { name: arabic }).first().waitFor();
        await p
          .getByRole('button', { name: `Play ${arabic}` })
          .first()
          .click();
        await p.getByRole('region', { name: 'Player' }).waitFor();
      },
    });
    expect(problems).toEqual([]);
  }, 120_000);

  it('series: a duplicate-title refusal goes once that series is renamed; the unlock line says what earns it', async () => {
    const { page, base } = app;
    await page.goto(`${base}/series`);
    const title = page.locator('#series-title');
    await title.fill('Night drives');
    await page.getByRole('button', { name: 'Create series' }).click();
    await page.getByText('Night drives', { exact: true }).first().waitFor();
    await title.fill('Night drives');
    await page.getByRole('button', { name: 'Create series' }).click();
    const refusal = page.getByText('You already have a series called “Night drives”', { exact: false });
    await refusal.waitFor();
    await page.getByRole('button', { name: 'Rename Night drives' }).click();
    await page.getByLabel('New title for Night drives').fill('Night rides');
    await page.getByLabel('New title for Night drives').press('Enter');
    await page.getByText('Night rides', { exact: true }).first().waitFor();
    await poll(() => refusal.count()).toBe(0);
    expect(await page.getByTestId('unlocks-next').textContent()).not.toMatch(/Midnight Bloom, \d+ more/);
  }, 60_000);

  it('deleting a track sends one DELETE however often pressed; Back says it was deleted; its 404 has one main', async () => {
    const { page, base } = app;
    const track = tracks[0]!;
    const deletes: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'DELETE' && r.url().includes(`/api/tracks/${track.id}`)) deletes.push(r.url());
    });
    const errorsBefore = app.pageErrors.length;
    await page.goto(`${base}/library`);
    await page.getByRole('link', { name: track.title }).first().click();
    await page.waitForURL(`${base}/tracks/${track.id}`);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete track' }).dblclick();
    await page.waitForURL(`${base}/library`);
    expect(deletes.length).toBe(1);
    await page.goBack();
    await page.getByTestId('track-deleted').getByText('Track deleted').waitFor();
    await page.screenshot({ path: join(OUT, 'qa-track-deleted.png') });
    expect(app.pageErrors.slice(errorsBefore)).toEqual([]);
    const res = await page.goto(`${base}/tracks/${track.id}`);
    expect(res!.status()).toBe(404);
    await page.getByRole('heading', { name: 'This page is silent' }).waitFor();
    expect(await page.locator('main').count()).toBe(1);
    expect(await page.locator('[id="main"]').count()).toBe(1);
  }, 60_000);

  it('the Vocals switch says what sings; the avatar opens the account menu, which signs out', async () => {
    const { page, base } = app;
    await page.goto(`${base}/create`);
    await page
      .getByRole('switch', {
        name: /A synthesised voice sings your lyrics as a melody: not a recorded human singer/,
      })
      .waitFor();
    const problems = await checkBothThemes(app.browser, {
      name: 'qa-account-menu',
      cookies: await app.ctx.cookies(),
      show: async (p) => {
        await p.goto(`${base}/create`);
        await p.getByRole('button', { name: 'Account' }).click();
        await p.getByRole('button', { name: 'Sign out' }).waitFor();
      },
    });
    expect(problems).toEqual([]);
    const account = page.getByRole('button', { name: 'Account' });
    await account.click();
    expect(await account.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await account.getAttribute('aria-expanded')).toBe('false');
    await poll(() => account.evaluate((b) => b === document.activeElement)).toBe(true);
    await account.click();
    await page.getByRole('link', { name: 'Settings' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/`);
    expect((await app.api('/api/me')).status).toBe(401);
  }, 90_000);
});
