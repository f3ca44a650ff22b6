import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type App, checkBothThemes, OUT, poll, startApp, VIEWPORTS } from './support.ts';

// The economy and style features in a browser against the real app (embedded mode: no Stripe
// keys, so checkout answers 409 PAYMENTS_NOT_CONFIGURED): credits, solidarity, series, covers,
// quality refund, style presets.

/**
 * The operator API's bearer token for this run (24+ characters): it stands in for Stripe's webhook,
 * which adds credits, takes them away (out of credits) and issues password reset links (`soundfoundry password reset-link` uses the same API).
 */
const OPERATOR = 'features-e2e-operator-token-0123456789';

interface TrackJson {
  id: string;
  title: string;
  status: string;
  series_id: string | null;
  visual_version: number;
  cover_url: string | null;
  credits_required: number;
}

describe('credits, series, covers, refunds and presets in a browser', () => {
  let app: App;
  let base: string;
  let browser: Browser;
  let page: Page;
  let track: TrackJson;
  let pageErrors: string[];

  const api = <T>(path: string, init?: { method?: string; data?: unknown }) => app.api<T>(path, init);
  const prices = async () => page.getByTestId('pack-price').allTextContents();

  beforeAll(async () => {
    app = await startApp({ env: { OPERATOR_TOKEN: OPERATOR } });
    ({ base, browser, page, pageErrors } = app);
    await app.signUp('features@example.com', 'Features');
    const created = await api<{ track_id: string }>('/api/tracks', {
      method: 'POST',
      // 60 s: 2 credits, so the quality refund gives back part of them (1 of 2).
      data: { prompt: 'warm lo-fi hip hop with a mellow Rhodes', duration_s: 60 },
    });
    expect(created.status).toBe(201);
    track = await app.waitForTrack<TrackJson>(created.body.track_id);
  }, 240_000);
  afterEach((c) => app.screenshotOnFailure(c));
  afterAll(() => app?.close());

  it('the credits page shows packs at the caller’s prices and says payments are not configured', async () => {
    const packs = (
      await api<{
        packs: { credits: number; price_cents: number }[];
        breakdown: { price_per_credit_usd: string };
      }>('/api/credits/packs')
    ).body;
    await page.goto(`${base}/credits?checkout=cancelled`);
    await page.getByText('Checkout was cancelled; nothing was charged.').waitFor();
    await poll(() => page.getByTestId('pack').count()).toBe(packs.packs.length);
    expect(await prices()).toEqual(packs.packs.map((p) => `$${(p.price_cents / 100).toFixed(2)}`));
    expect(await prices()).toContain('$36.96'); // 300 credits, HIGH band (README "Money and credits")
    await page
      .getByTestId('price-breakdown')
      .getByText(`$${packs.breakdown.price_per_credit_usd} per credit`)
      .waitFor();
    await page.getByText('9 of 10').waitFor(); // one track made today
    // The price band in words (the API's code is HIGH): here and in the breakdown, never the code.
    await page.getByText('Your prices: high income band.', { exact: false }).waitFor();
    await page.getByTestId('price-breakdown').getByText('PPP (high income)').waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/HIGH|UMID|LMID|LOW/);
    // No checkout to open: the buttons are disabled and described by the notice (the API's 409
    // PAYMENTS_NOT_CONFIGURED is tested in server/src/api/payments.test.ts).
    const buy = page.getByRole('button', { name: 'Buy 300 credits' });
    expect(await buy.isDisabled()).toBe(true);
    expect(await buy.getAttribute('aria-describedby')).toBe('payments-off');
    await page
      .locator('#payments-off')
      .filter({ hasText: 'Payments are not configured on this server' })
      .waitFor();
    await buy.click({ force: true });
    expect(page.url()).toBe(`${base}/credits?checkout=cancelled`); // no redirect
    // Nor does Create offer a pack that cannot be bought.
    await page.goto(`${base}/create`);
    await page.getByTestId('free-mode').getByText('tracks left today', { exact: false }).waitFor();
    expect(await page.getByTestId('free-mode').textContent()).not.toContain('credit pack');
    await page.goto(`${base}/credits?checkout=cancelled`);
    // The ledger lists the trial grant and the track.
    await page.getByRole('cell', { name: 'Free trial' }).waitFor();
    await page.getByRole('cell', { name: 'Track' }).waitFor();
    // …and what the credits went to: the track, one click away.
    await page.getByRole('cell', { name: 'Track' }).getByRole('link', { name: track.title }).click();
    await page.waitForURL(`${base}/tracks/${track.id}`);
  }, 60_000);

  it('the solidarity toggle in settings changes the pack prices shown', async () => {
    await page.goto(`${base}/credits`);
    await poll(() => page.getByTestId('pack').count()).toBe(3);
    const before = await prices();
    await page.goto(`${base}/settings`);
    const toggle = page.getByRole('switch', { name: 'Solidarity pricing' });
    await poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    await page.getByText('Income band: High income', { exact: false }).waitFor();
    const shown = page.getByTestId('settings-pack-prices');
    await poll(() => shown.textContent()).toContain(before[0]!);
    await toggle.click();
    await poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await poll(() => shown.textContent()).not.toContain(before[0]!);
    const me = (await api<{ solidarity_opt_in: boolean }>('/api/me')).body;
    expect(me.solidarity_opt_in).toBe(true);
    await page.getByRole('link', { name: 'Credits', exact: true }).first().click();
    await page.waitForURL(/\/credits$/);
    await poll(async () => (await prices()).length).toBe(3);
    const after = await prices();
    const cents = (s: string) => Math.round(Number(s.replace(/[$,]/g, '')) * 100);
    for (let i = 0; i < 3; i++) expect(cents(after[i]!)).toBeLessThan(cents(before[i]!));
    await page.getByText('solidarity pricing on (−15 %)').waitFor();
    await page.getByTestId('price-breakdown').getByText('× 0.85', { exact: false }).first().waitFor();
  }, 60_000);

  it('the pricing page shows the real pack prices signed out', async () => {
    const anon = await browser.newContext();
    try {
      const p = await anon.newPage();
      await p.goto(`${base}/pricing`);
      await poll(() => p.getByTestId('pack-price').allTextContents()).toEqual([
        '$36.96',
        '$86.24',
        '$246.40',
      ]);
      await p.getByText('Prices for the high income band, in USD.').waitFor();
      await p.getByRole('rowheader', { name: 'Upper-middle income' }).waitFor();
      expect(await p.locator('main').textContent()).not.toMatch(/HIGH|UMID|LMID|LOW/);
      await p.getByLabel('Show solidarity prices (−15 %)').check();
      await poll(async () => (await p.getByTestId('pack-price').allTextContents())[0]).not.toBe('$36.96');
    } finally {
      await anon.close();
    }
  }, 60_000);

  it('creates a series and moves a track into it', async () => {
    await page.goto(`${base}/series`);
    await page.getByLabel('New series title').fill('Night drives');
    await page.getByRole('button', { name: 'Create series' }).click();
    const card = page.getByTestId('series-card').filter({ hasText: 'Night drives' });
    await card.waitFor();
    await card.getByText('0 tracks', { exact: false }).waitFor();
    await page.getByTestId('unlocks-next').getByText('1 finished track', { exact: false }).waitFor();
    const series = (await api<{ items: { id: string; title: string }[] }>('/api/style/series')).body.items;
    const night = series.find((s) => s.title === 'Night drives')!;

    // Rename from the keyboard alone, as the track page's rename works: Enter puts the caret in the
    // field, Escape closes it, Save and Cancel (and Escape) give focus back to Rename.
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el?.getAttribute('aria-label') || el?.id || el?.textContent?.trim() || el?.tagName;
      });
    const nightCard = page.getByTestId('series-card').filter({ hasText: 'Night drives' });
    const field = page.getByLabel('New title for Night drives');
    await nightCard.getByRole('button', { name: 'Rename Night drives' }).focus();
    await page.keyboard.press('Enter');
    await poll(() => field.evaluate((f) => f === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await field.waitFor({ state: 'detached' });
    await poll(focused).toBe('Rename Night drives');
    await page.keyboard.press('Enter');
    await poll(() => field.evaluate((f) => f === document.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    await poll(focused).toBe('Save');
    await page.keyboard.press('Tab');
    await poll(focused).toBe('Cancel renaming Night drives');
    await page.keyboard.press('Enter');
    await field.waitFor({ state: 'detached' });
    await poll(focused).toBe('Rename Night drives');

    // Choosing in the Series menu is not moving (WCAG 3.2.2): an arrow key on the focused menu
    // changes its value, and the track stays where it is until Move confirms.
    await page.goto(`${base}/tracks/${track.id}`);
    const menu = page.getByLabel('Series');
    const moveButton = page.getByRole('button', { name: 'Move', exact: true });
    const before = (await api<TrackJson>(`/api/tracks/${track.id}`)).body.series_id;
    await poll(() => menu.locator('option').count()).toBe(2);
    await menu.focus();
    await page.keyboard.press('ArrowDown');
    await moveButton.waitFor();
    await page.screenshot({ path: join(OUT, 'track-series-move.png') });
    expect(await menu.inputValue()).toBe(night.id);
    expect((await api<TrackJson>(`/api/tracks/${track.id}`)).body.series_id).toBe(before);
    // Back to its own series: nothing to move.
    await page.keyboard.press('ArrowUp');
    await moveButton.waitFor({ state: 'detached' });
    await menu.selectOption({ label: 'Night drives' });
    await moveButton.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Moved to Night drives.', { exact: false }).waitFor();
    expect((await api<TrackJson>(`/api/tracks/${track.id}`)).body.series_id).toBe(night.id);
    // The button goes with the difference; focus is back on the menu.
    await moveButton.waitFor({ state: 'detached' });
    await poll(() => menu.evaluate((m) => m === document.activeElement)).toBe(true);
    // The library filters by series.
    await page.goto(`${base}/library`);
    await page.locator('#lib-series').selectOption({ label: 'Night drives' });
    await page.getByText('1 track found').waitFor();
    await page.locator('#lib-series').selectOption({ label: 'My Sound' });
    await page.getByText('0 tracks found').waitFor();
    await page.goto(`${base}/series`);
    // A series' track count opens the library filtered by it.
    await page
      .getByTestId('series-card')
      .filter({ hasText: 'Night drives' })
      .getByRole('link', { name: '1 track' })
      .click();
    await page.waitForURL(`${base}/library?series=${night.id}`);
    await page.getByText('1 track found').waitFor();
    await page.getByRole('button', { name: `Play ${track.title}` }).waitFor();
    expect(await page.locator('#lib-series').inputValue()).toBe(night.id);
    await page.goBack();
    await page.getByTestId('series-card').filter({ hasText: 'Night drives' }).getByText('1 track').waitFor();

    // Renamed from the keyboard: typing replaces the selected title, Enter saves, focus back on Rename.
    await nightCard.getByRole('button', { name: 'Rename Night drives' }).focus();
    await page.keyboard.press('Enter');
    await poll(() => field.evaluate((f) => f === document.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    await poll(() => field.evaluate((f) => f === document.activeElement)).toBe(true);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Late drives');
    await page.keyboard.press('Enter');
    const late = page.getByTestId('series-card').filter({ hasText: 'Late drives' });
    await late.waitFor();
    await poll(focused).toBe('Rename Late drives');
    await late.getByRole('button', { name: 'Delete Late drives' }).click();
    await page.getByRole('button', { name: 'Delete series' }).focus();
    await page.keyboard.press('Enter');
    await late.waitFor({ state: 'detached' });
    // The card and its Delete button are gone: focus is on the list's heading, not the page's body.
    await poll(() =>
      page.getByRole('heading', { name: 'Your series' }).evaluate((h) => h === document.activeElement),
    ).toBe(true);
    const moved = (await api<TrackJson>(`/api/tracks/${track.id}`)).body.series_id;
    expect(moved).not.toBe(night.id);
    // Put it back in a new series for the screenshots.
    await page.getByLabel('New series title').fill('Night drives');
    await page.getByRole('button', { name: 'Create series' }).click();
    const again = page.getByTestId('series-card').filter({ hasText: 'Night drives' });
    await again.waitFor();

    // Its colours, from the keyboard: the main hue to 10°, saved; Escape closes, back on Colours.
    const colours = again.getByRole('button', { name: 'Colours of Night drives' });
    await colours.click();
    const form = again.getByRole('form', { name: 'Colours of Night drives' });
    const hue = form.getByLabel('Main colour');
    await hue.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await poll(() => hue.inputValue()).toBe('10');
    await form.getByRole('button', { name: 'Save colours' }).click();
    await form.getByText('Saved.').waitFor();
    const mine = (
      await api<{ items: { title: string; palette: { primary_hue: number } }[] }>('/api/style/series')
    ).body.items;
    expect(mine.find((x) => x.title === 'Night drives')?.palette.primary_hue).toBe(10);
    await again.screenshot({ path: join(OUT, 'series-colours.png') });
    await hue.focus();
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await colours.evaluate((b) => b === document.activeElement)).toBe(true);
  }, 60_000);

  it('a series’ shape: four labelled sliders from the keyboard, previewed on the swatch, saved; a refusal in words', async () => {
    type Geometry = {
      stroke_width_base: number;
      rotation_base: number;
      gradient_angle: number;
      shape_count: number;
    };
    const mine = async () =>
      (await api<{ items: { id: string; title: string; geometry: Geometry }[] }>('/api/style/series')).body
        .items;
    const before = (await mine()).find((x) => x.title === 'Night drives')!;
    await page.goto(`${base}/series`);
    const card = page.getByTestId('series-card').filter({ hasText: 'Night drives' });
    const shape = card.getByRole('button', { name: 'Shape of Night drives' });
    await shape.focus();
    await page.keyboard.press('Enter');
    expect(await shape.getAttribute('aria-expanded')).toBe('true');
    const form = card.getByRole('form', { name: 'Shape of Night drives' });
    // The preview's spokes: one per shape.
    const spokes = async () =>
      ((await form.locator('svg path').getAttribute('d')) ?? '').split('M').length - 1;
    expect(await spokes()).toBe(before.geometry.shape_count);
    for (const [label, value] of [
      ['Line weight', before.geometry.stroke_width_base],
      ['Rotation', before.geometry.rotation_base],
      ['Gradient angle', before.geometry.gradient_angle],
      ['Shapes', before.geometry.shape_count],
    ] as const) {
      expect(await form.getByLabel(label).inputValue()).toBe(String(value));
    }
    // Three shapes, turned to 359°, from the keyboard.
    const count = form.getByLabel('Shapes');
    await count.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await poll(() => count.inputValue()).toBe('3');
    await poll(spokes).toBe(3);
    await form.getByLabel('Rotation').focus();
    await page.keyboard.press('End');
    await form.getByRole('button', { name: 'Save shape' }).focus();
    await page.keyboard.press('Enter');
    await form.getByText('Saved.').waitFor();
    const after = (await mine()).find((x) => x.id === before.id)!;
    expect(after.geometry).toEqual({ ...before.geometry, shape_count: 3, rotation_base: 359 });
    // The card's own swatch follows once saved.
    await poll(
      async () => ((await card.locator('svg path').first().getAttribute('d')) ?? '').split('M').length - 1,
    ).toBe(3);
    await card.screenshot({ path: join(OUT, 'series-shape.png') });
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await shape.evaluate((b) => b === document.activeElement)).toBe(true);

    const problems = await checkBothThemes(browser, {
      name: 'series-shape',
      cookies: await app.ctx.cookies(),
      show: async (p) => {
        await p.goto(`${base}/series`);
        const c = p.getByTestId('series-card').filter({ hasText: 'Night drives' });
        await c.getByRole('button', { name: 'Shape of Night drives' }).click();
        await c.getByRole('form', { name: 'Shape of Night drives' }).waitFor();
        await c.scrollIntoViewIfNeeded();
      },
    });
    expect(problems).toEqual([]);

    // A refusal stays in the form, in words: the series went away (another tab) before Save.
    const gone = (
      await api<{ id: string }>('/api/style/series', { method: 'POST', data: { title: 'Gone soon' } })
    ).body;
    await page.reload();
    const goneCard = page.getByTestId('series-card').filter({ hasText: 'Gone soon' });
    await goneCard.getByRole('button', { name: 'Shape of Gone soon' }).click();
    const goneForm = goneCard.getByRole('form', { name: 'Shape of Gone soon' });
    await goneForm.getByLabel('Line weight').focus();
    await page.keyboard.press('ArrowRight');
    expect((await api(`/api/style/series/${gone.id}`, { method: 'DELETE' })).status).toBe(204);
    await goneForm.getByRole('button', { name: 'Save shape' }).click();
    await goneForm.getByRole('alert').getByText('We could not find that.').waitFor();
    expect(await goneForm.getByText('Saved.').count()).toBe(0);
  }, 90_000);

  it('"New cover" draws visual version 2 and keeps version 1 downloadable', async () => {
    await page.goto(`${base}/tracks/${track.id}`);
    await page.getByTestId('cover-version').getByText('Cover version 1').waitFor();
    const v1 = await page.getByRole('img', { name: /^Cover of / }).getAttribute('src');
    // From the keyboard, pressed twice: one cover is drawn, and focus stays on the button throughout
    // (a disabled button dropped it to the page's body, where the second Enter went nowhere).
    const newCover = page.getByRole('button', { name: 'New cover' });
    await newCover.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByTestId('cover-version').getByText('Cover version 2').waitFor({ timeout: 60_000 });
    await poll(() => newCover.getAttribute('aria-disabled')).toBe('false');
    expect(await newCover.evaluate((el) => el === document.activeElement)).toBe(true);
    const t = (await api<TrackJson>(`/api/tracks/${track.id}`)).body;
    expect(t.visual_version).toBe(2);
    await poll(() => page.getByRole('img', { name: /^Cover of / }).getAttribute('src')).not.toBe(v1);
    await page.getByText('All cover versions').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Version 1' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    expect(await download.failure()).toBeNull();
  }, 90_000);

  it('a quality refund asks first (what comes back, once, the window); Cancel changes nothing; Refund returns credits once; refunded, the page says so instead of asking again', async () => {
    const balanceBefore = (await api<{ balance: number }>('/api/credits')).body.balance;
    const refunds = async () =>
      (await api<{ items: { reason: string }[] }>('/api/credits/ledger?limit=100')).body.items.filter(
        (e) => e.reason === 'REFUND',
      ).length;
    await page.goto(`${base}/tracks/${track.id}`);
    const ask = page.getByRole('button', { name: 'Ask for a quality refund' });
    const confirm = page.getByTestId('refund-confirm');
    // The server's rule (services/credit-ops.ts): half the charge, rounded up; QUALITY_REFUND_DAYS 14.
    expect(track.credits_required).toBe(2);
    const want = Math.ceil(track.credits_required / 2);
    const question = `Refund ${want} of the ${track.credits_required} credits this track cost? Each track can be refunded once, up to 14 days after it was made.`;

    // First click: the question, nothing refunded yet. Cancel puts the trigger back (focused).
    await ask.click();
    await poll(() => confirm.locator('p').textContent()).toBe(question);
    expect(await refunds()).toBe(0);
    // The question, accessible in both themes (screenshots track-refund-confirm-*.png).
    const problems = await checkBothThemes(browser, {
      name: 'track-refund-confirm',
      cookies: await app.ctx.cookies(),
      show: async (p) => {
        await p.goto(`${base}/tracks/${track.id}`);
        await p.getByRole('button', { name: 'Ask for a quality refund' }).click();
        await p
          .getByTestId('refund-confirm')
          .getByText('Each track can be refunded once, up to 14 days')
          .waitFor();
        await p.getByTestId('refund-confirm').scrollIntoViewIfNeeded();
      },
    });
    expect(problems).toEqual([]);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    await poll(() => ask.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await refunds()).toBe(0);
    expect((await api<{ balance: number }>('/api/credits')).body.balance).toBe(balanceBefore);

    // Escape from the question cancels too.
    await ask.click();
    await poll(() => confirm.locator('p').evaluate((q) => q === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await refunds()).toBe(0);

    // Asked again, and confirmed from the keyboard: refunded once, and focus moves to what happened
    // (the buttons it was on are gone).
    await ask.click();
    await confirm.getByRole('button', { name: 'Refund' }).focus();
    await page.keyboard.press('Enter');
    const result = page.getByTestId('refund-result');
    await poll(() => result.textContent()).toBe(
      `Refunded ${want} ${want === 1 ? 'credit' : 'credits'}. Your balance is ${balanceBefore + want}.`,
    );
    await poll(() => result.evaluate((r) => r === document.activeElement)).toBe(true);
    expect(await ask.count()).toBe(0);
    // Reloaded, the page says the refund was made (the owner's quality_refund) instead of offering
    // it again; asked anyway (a stale page, another tab), the API refuses a second one.
    await page.reload();
    await page
      .getByTestId('refund-made')
      .getByText(`Refunded ${want} ${want === 1 ? 'credit' : 'credits'} on `)
      .waitFor();
    expect(await ask.count()).toBe(0);
    const again = await api<{ error: { message: string } }>(`/api/tracks/${track.id}/refund-quality`, {
      method: 'POST',
      data: {},
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already refunded/);
    const ledger = (
      await api<{ items: { reason: string; meta: { kind?: string } | null }[] }>(
        '/api/credits/ledger?limit=100',
      )
    ).body.items;
    expect(ledger.filter((e) => e.reason === 'REFUND')).toHaveLength(1);
    expect((await api<{ balance: number }>('/api/credits')).body.balance).toBe(balanceBefore + want);
  }, 60_000);

  it('style presets from /api/styles fill the create form and show today’s free tracks', async () => {
    const styles = (
      await api<{ items: { id: string; name: string; genre: string; examples: string[] }[] }>('/api/styles')
    ).body.items;
    expect(styles.length).toBeGreaterThan(3);
    const st = styles[2]!;
    const tango = styles.find((x) => x.id === 'tango')!;
    await page.goto(`${base}/create`);
    await poll(() => page.locator('#style-preset option').count()).toBe(styles.length + 1);
    const prompt = page.getByLabel('Music generation prompt');
    // A preset never overwrites the person's own words: it sets only its genre and style.
    await prompt.fill('my own words about a sunset');
    await page.locator('#style-preset').selectOption(tango.id);
    expect(await page.locator('#genre').inputValue()).toBe(tango.genre);
    expect(await prompt.inputValue()).toBe('my own words about a sunset');
    // An empty prompt takes the preset's example, and that example (not the person's) gives way
    // to the next preset's.
    await prompt.fill('');
    await page
      .locator('#style-preset')
      .selectOption(tango.id === styles[0]!.id ? styles[1]!.id : styles[0]!.id);
    await page.locator('#style-preset').selectOption(tango.id);
    expect(await prompt.inputValue()).toBe(tango.examples[0]);
    await page.locator('#style-preset').selectOption(st.id);
    expect(await prompt.inputValue()).toBe(st.examples[0]);
    expect(await page.locator('#genre').inputValue()).toBe(st.genre);
    await poll(() => page.getByTestId('free-mode').textContent()).toMatch(/9 of 10 tracks left today/);
    // The preset's style id and its genre are what the API receives.
    const [req] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/api/tracks') && r.method() === 'POST'),
      page.getByRole('button', { name: 'Generate Music' }).click(),
    ]);
    expect(JSON.parse(req.postData() ?? '{}')).toMatchObject({
      genre: st.genre,
      style: st.id,
      prompt: st.examples[0],
    });
    await page.getByText('Track generation started').waitFor();
    // The Series menu lists each series once: the default one is chosen, not doubled as "Default series".
    const mine = (
      await api<{ items: { id: string; title: string; is_default: boolean }[] }>('/api/style/series')
    ).body.items;
    await poll(() => page.locator('#series option').allTextContents()).toEqual(mine.map((x) => x.title));
    expect(await page.locator('#series').inputValue()).toBe(mine.find((x) => x.is_default)!.id);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('lyrics past their limit: the count is an error, in colour and in words, and the field says so', async () => {
    await page.goto(`${base}/create`);
    await page.locator('#vocals').click();
    const lyrics = page.getByLabel('Lyrics', { exact: true });
    const count = page.getByTestId('lyrics-count');
    await lyrics.fill('la '.repeat(1300));
    await poll(() => count.textContent()).toBe('3900/3500 · 400 too many');
    expect(await count.evaluate((c) => c.classList.contains('text-danger'))).toBe(true);
    expect(await lyrics.getAttribute('aria-invalid')).toBe('true');
    expect(await lyrics.getAttribute('aria-describedby')).toBe('lyrics-count');
    await count.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, 'create-lyrics-too-long.png') });
    await lyrics.fill('la la la');
    await poll(() => count.textContent()).toBe('8/3500');
    expect(await count.evaluate((c) => c.classList.contains('text-danger'))).toBe(false);
    expect(await lyrics.getAttribute('aria-invalid')).toBeNull();
    expect(await lyrics.getAttribute('aria-describedby')).toBeNull();
  }, 60_000);

  it('out of credits on a server that sells no packs, Create says to ask its operator (no pack, no dead end)', async () => {
    const credit = (amount: number) =>
      page.request.post(`${base}/api/admin/credits`, {
        data: { email: 'features@example.com', amount, note: 'e2e: out of credits', kind: 'adjust' },
        headers: { authorization: `Bearer ${OPERATOR}`, origin: base, connection: 'close' },
      });
    const balance = (await api<{ balance: number }>('/api/credits')).body.balance;
    expect((await credit(-balance)).status()).toBe(200);
    try {
      await page.goto(`${base}/create`);
      await page.getByLabel('Music generation prompt').fill('warm lo-fi hip hop with a mellow Rhodes');
      await page.getByTestId('cost-preview').getByText('not enough credits: you have 0').waitFor();
      await page.getByRole('button', { name: 'Generate Music' }).click();
      // This server sells no packs (no Stripe keys): the operator is the way to more credits. (The
      // words where packs are sold, with the Credits page a link: lib/create/not-enough-credits.test.ts.)
      const said = page.getByTestId('not-enough-credits');
      await poll(() => said.textContent()).toBe(
        'This track needs 1 credit and you have 0. Ask the operator of this server for more credits.',
      );
      expect(await said.getAttribute('role')).toBe('alert');
      expect(await said.getByRole('link').count()).toBe(0);
      await page.screenshot({ path: join(OUT, 'create-out-of-credits.png') });
    } finally {
      expect((await credit(balance)).status()).toBe(200);
    }
  }, 60_000);

  it('another musician’s public track opens read-only; a signed-in visitor skips the auth pages (a stale cookie does not)', async () => {
    await app.apiOk(`/api/tracks/${track.id}`, { method: 'PATCH', data: { public: true } });
    const other = await browser.newContext();
    const visitor = await other.newPage();
    const signUp = await visitor.request.post(`${base}/api/auth/sign-up/email`, {
      data: { email: 'listener@example.com', password: 'correct horse battery', name: 'Listener' },
      headers: { origin: base },
    });
    expect(signUp.status()).toBe(200);

    // The owner's controls are the owner's: the visitor plays, downloads and remixes, nothing more.
    await visitor.goto(`${base}/tracks/${track.id}`);
    await visitor.getByTestId('not-yours').waitFor();
    await visitor.getByRole('heading', { level: 1, name: track.title }).waitFor();
    await visitor
      .getByRole('button', { name: `Play ${track.title}` })
      .first()
      .waitFor();
    await visitor.getByRole('link', { name: 'MP3' }).waitFor();
    await visitor.getByRole('link', { name: 'Make another like this' }).waitFor();
    await visitor.locator('#share-url').waitFor();
    for (const name of ['Rename', 'New cover', 'Delete', 'Ask for a quality refund'])
      expect(await visitor.getByRole('button', { name }).count(), name).toBe(0);
    expect(await visitor.getByRole('switch', { name: 'Public' }).count()).toBe(0);
    expect(await visitor.getByLabel('Series').count()).toBe(0);
    await visitor.screenshot({ path: join(OUT, 'track-not-yours.png'), fullPage: true });
    // The tab names the track.
    expect(await visitor.title()).toBe(`${track.title} · SoundFoundry`);
    // The owner still has them; an empty title is refused in words, not silently.
    await page.goto(`${base}/tracks/${track.id}`);
    await page.getByRole('button', { name: 'Rename' }).click();
    expect(await page.getByTestId('not-yours').count()).toBe(0);
    await page.getByLabel('Track title').fill('   ');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').getByText('it cannot be empty').waitFor();
    // A title the server refuses (422 CONTENT_POLICY) is said in its words; the form stays open
    // with the title typed and the caret in it, and the track keeps its title.
    const titleField = page.getByLabel('Track title');
    await titleField.fill('Taylor Swift tribute');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').getByText('names a real artist', { exact: false }).waitFor();
    expect(await titleField.inputValue()).toBe('Taylor Swift tribute');
    await poll(() => titleField.evaluate((f) => f === document.activeElement)).toBe(true);
    expect(await titleField.getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(OUT, 'track-rename-refused.png') });
    expect((await api<TrackJson>(`/api/tracks/${track.id}`)).body.title).toBe(track.title);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await poll(() => page.locator('h1').textContent()).toBe(track.title);

    // The public pages' header knows the visitor is signed in.
    await visitor.goto(`${base}/`);
    await visitor.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Open app' }).waitFor();
    expect(await visitor.getByRole('link', { name: 'Sign in' }).count()).toBe(0);
    await visitor.screenshot({ path: join(OUT, 'landing-signed-in.png') });
    // Signed in, the sign-up and sign-in pages lead on: the landing page's prompt reaches Create.
    await visitor.goto(`${base}/auth/signup?prompt=${encodeURIComponent('rainy lo-fi & Rhodes')}`);
    await visitor.waitForURL(`${base}/create?prompt=rainy%20lo-fi%20%26%20Rhodes`);
    expect(await visitor.getByLabel('Music generation prompt').inputValue()).toBe('rainy lo-fi & Rhodes');
    await visitor.goto(`${base}/auth/signin?next=${encodeURIComponent('/library')}`);
    await visitor.waitForURL(`${base}/library`);
    // A cookie whose session is gone still reaches the form.
    await other.clearCookies();
    await other.addCookies([{ name: 'better-auth.session_token', value: 'ended.session', url: base }]);
    await visitor.goto(`${base}/auth/signin`);
    await visitor.locator('#email').waitFor();
    // …and the header says "Sign in" again, with no 401 in the console.
    const consoleErrors: string[] = [];
    visitor.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    const asked = visitor.waitForResponse((r) => r.url().endsWith('/api/auth/get-session'));
    await visitor.goto(`${base}/`);
    await asked;
    await visitor.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await visitor.getByRole('link', { name: 'Open app' }).count()).toBe(0);
    // Explore, an app page that is public, does not ask the API who a signed-out visitor is
    // (the answer would be a 401 in their console).
    const askedMe: string[] = [];
    visitor.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/me') askedMe.push(r.url());
    });
    await visitor.goto(`${base}/explore`);
    await visitor
      .getByRole('navigation', { name: 'Main', exact: true })
      .getByRole('link', { name: 'Pricing' })
      .waitFor();
    await visitor.waitForLoadState('networkidle');
    expect(askedMe).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await other.close();
  }, 90_000);

  it('likes: another musician likes a shared track on its page; Explore counts and orders by likes; signed out, the share page offers sign-in', async () => {
    // Shared by the test before (another musician's public track).
    expect((await api<{ public: boolean }>(`/api/tracks/${track.id}`)).body.public).toBe(true);
    const fanCtx = await browser.newContext();
    const fan = await fanCtx.newPage();
    const signUp = await fan.request.post(`${base}/api/auth/sign-up/email`, {
      data: { email: 'fan@example.com', password: 'correct horse battery', name: 'Fan' },
      headers: { origin: base },
    });
    expect(signUp.status()).toBe(200);
    await fan.goto(`${base}/tracks/${track.id}`);
    const likeButton = fan.getByRole('button', { name: 'Like', exact: true });
    await poll(() => fan.getByTestId('like-count').textContent()).toBe('No likes yet');
    expect(await likeButton.getAttribute('aria-pressed')).toBe('false');
    await likeButton.click();
    await poll(() => likeButton.getAttribute('aria-pressed')).toBe('true');
    await poll(() => fan.getByTestId('like-count').textContent()).toBe('1 like');
    await fan.screenshot({ path: join(OUT, 'track-liked.png') });
    // Kept: read back after a reload.
    await fan.reload();
    await poll(() =>
      fan.getByRole('button', { name: 'Like', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');

    // Explore: the card says it, and "Most liked" puts it first (the owner's other tracks have none).
    await fan.goto(`${base}/explore`);
    await fan.getByLabel('Order').selectOption('popular');
    await fan.waitForURL(`${base}/explore?sort=popular`);
    const firstCard = fan.locator('main ul > li').first();
    await poll(() => firstCard.getByRole('link').first().textContent()).toBe(track.title);
    await poll(() => firstCard.getByTestId('card-likes').textContent()).toBe('1 like');
    expect(await fan.getByLabel('Order').inputValue()).toBe('popular');

    // Signed out, the share page shows the count; a press offers sign-in and comes back here.
    const anonCtx = await browser.newContext();
    const anon = await anonCtx.newPage();
    await anon.goto(`${base}/share/${track.id}`);
    await poll(() => anon.getByTestId('like-count').textContent()).toBe('1 like');
    await anon.getByRole('button', { name: 'Like', exact: true }).click();
    const signIn = anon.getByRole('link', { name: 'Sign in to like tracks' });
    await signIn.waitFor();
    expect(await signIn.getAttribute('href')).toBe(
      `/auth/signin?next=${encodeURIComponent(`/share/${track.id}`)}`,
    );
    expect(await anon.getByTestId('like-count').textContent()).toBe('1 like'); // the press was undone
    await anon.screenshot({ path: join(OUT, 'share-like-signed-out.png') });
    await anonCtx.close();

    // Taken back from the share page, signed in: the button there knows the fan likes it.
    await fan.goto(`${base}/share/${track.id}`);
    const shareLike = fan.getByRole('button', { name: 'Like', exact: true });
    await poll(() => shareLike.getAttribute('aria-pressed')).toBe('true');
    await shareLike.click();
    await poll(() => fan.getByTestId('like-count').textContent()).toBe('No likes yet');
    expect((await api<{ like_count: number }>(`/api/tracks/${track.id}`)).body.like_count).toBe(0);
    await fanCtx.close();
  }, 90_000);

  it('on a phone, a series with an 80-character title keeps the series, library and track pages their width', async () => {
    const title = 'Late Night Drives Through Neon City, Windows Down, the Long Road Home Before Dawn'.slice(
      0,
      80,
    );
    await app.apiOk('/api/style/series', { method: 'POST', data: { title } });
    const phone = await browser.newContext({ viewport: VIEWPORTS.phone });
    await phone.addCookies(await app.ctx.cookies());
    const p = await phone.newPage();
    for (const path of ['/series', '/library', `/tracks/${track.id}`]) {
      await p.goto(`${base}${path}`);
      await p.getByText(title).first().waitFor({ state: 'attached' });
      const widths = await p.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      expect(widths.page, `${path}: ${JSON.stringify(widths)}`).toBeLessThanOrEqual(widths.viewport);
    }
    await p.goto(`${base}/series`);
    await p.screenshot({ path: join(OUT, 'series-long-title-phone.png'), fullPage: true });
    // The credit history keeps its Change column on screen however long a track's title.
    await app.apiOk(`/api/tracks/${track.id}`, {
      method: 'PATCH',
      data: { title: 'An Extraordinarily Long Title For A Late Night Drive Through The Neon City' },
    });
    await p.goto(`${base}/credits`);
    const change = p.getByRole('columnheader', { name: 'Change' });
    await change.waitFor();
    const fits = await p.evaluate(() => {
      const table = document.querySelector('table')!;
      return { table: table.scrollWidth, box: table.parentElement!.clientWidth };
    });
    expect(fits.table, JSON.stringify(fits)).toBeLessThanOrEqual(fits.box);
    expect((await change.boundingBox())!.x + (await change.boundingBox())!.width).toBeLessThanOrEqual(
      VIEWPORTS.phone.width,
    );
    await p.getByRole('heading', { name: 'History' }).scrollIntoViewIfNeeded();
    await p.screenshot({ path: join(OUT, 'credits-history-phone.png') });
    await app.apiOk(`/api/tracks/${track.id}`, { method: 'PATCH', data: { title: track.title } });
    await phone.close();
  }, 60_000);

  it('settings lists where you are signed in and signs another browser out; a password change (a wrong one refused in words) ends the other sessions', async () => {
    // A second browser (say, a phone) signed in to the same account.
    const signInElsewhere = async (password: string) => {
      const other = await browser.newContext({
        userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0',
      });
      const r = await other.request.post(`${base}/api/auth/sign-in/email`, {
        data: { email: 'features@example.com', password },
        headers: { origin: base },
      });
      expect(r.status()).toBe(200);
      return other;
    };
    const signedIn = async (c: import('playwright-core').BrowserContext) =>
      (await c.request.get(`${base}/api/me`)).status() === 200;
    const phone = await signInElsewhere('correct horse battery');
    await page.goto(`${base}/settings`);
    const sessions = page.getByTestId('session');
    await poll(() => sessions.count()).toBe(2);
    await sessions.filter({ hasText: 'This browser' }).waitFor();
    const firefox = sessions.filter({ hasText: 'Firefox 140 on Windows' });
    await firefox.waitFor();
    await page
      .getByRole('region', { name: 'Where you’re signed in' })
      .screenshot({ path: join(OUT, 'settings-sessions.png') });
    const signOutPhone = firefox.getByRole('button', { name: /^Sign out Firefox 140 on Windows/ });
    await signOutPhone.focus();
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('sessions-status').textContent()).toBe(
      'Signed out Firefox 140 on Windows.',
    );
    await poll(() => sessions.count()).toBe(1);
    expect(await signedIn(phone)).toBe(false);
    // Its row is gone: focus is on the section's heading, not lost.
    await poll(() =>
      page
        .getByRole('heading', { name: 'Where you’re signed in' })
        .evaluate((h) => h === document.activeElement),
    ).toBe(true);
    await phone.close();

    // Two more browsers, then "everywhere else" from the keyboard: both end, focus on the heading.
    const others = [
      await signInElsewhere('correct horse battery'),
      await signInElsewhere('correct horse battery'),
    ];
    await page.reload();
    await poll(() => sessions.count()).toBe(3);
    const everywhere = page.getByRole('button', { name: 'Sign out everywhere else' });
    await everywhere.focus();
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('sessions-status').textContent()).toBe('Signed out everywhere else.');
    await poll(() => sessions.count()).toBe(1);
    for (const o of others) expect(await signedIn(o)).toBe(false);
    await poll(() =>
      page
        .getByRole('heading', { name: 'Where you’re signed in' })
        .evaluate((h) => h === document.activeElement),
    ).toBe(true);
    for (const o of others) await o.close();

    // The password: a wrong current one is refused in words; the right one changes it and ends the
    // other browser's session, and this one stays signed in.
    const tablet = await signInElsewhere('correct horse battery');
    const form = page.getByRole('region', { name: 'Password' });
    await form.getByLabel('Current password').fill('not my password');
    await form.getByLabel('New password', { exact: true }).fill('a much longer passphrase');
    await form.getByLabel('New password, again').fill('a much longer passphrase');
    await form.getByRole('button', { name: 'Change password' }).click();
    await poll(() => page.getByTestId('password-problem').textContent()).toBe(
      'Your current password is not right. Check it and try again.',
    );
    expect(await signedIn(tablet)).toBe(true);
    await form.getByLabel('New password, again').fill('a much longer passphrasE');
    await form.getByLabel('Current password').fill('correct horse battery');
    await form.getByRole('button', { name: 'Change password' }).click();
    await poll(() => page.getByTestId('password-problem').textContent()).toBe(
      'The two new passwords are not the same.',
    );
    await form.getByLabel('New password, again').fill('a much longer passphrase');
    await form.getByRole('button', { name: 'Change password' }).click();
    await poll(() => page.getByTestId('password-status').textContent()).toBe(
      'Password changed. You were signed out everywhere else.',
    );
    expect(await signedIn(tablet)).toBe(false);
    await tablet.close();
    expect((await api('/api/me')).status).toBe(200);
    await poll(() => sessions.count()).toBe(1);
    // The new password signs in; the old one no longer does.
    const withNew = await signInElsewhere('a much longer passphrase');
    await withNew.close();
    const old = await page.request.post(`${base}/api/auth/sign-in/email`, {
      data: { email: 'features@example.com', password: 'correct horse battery' },
      headers: { origin: base },
    });
    expect(old.status()).toBe(401);
  }, 60_000);

  it('settings can go back to following the device’s theme after the header switch chose one', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${base}/settings`);
    const section = page.getByRole('region', { name: 'Appearance' });
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const saved = () => page.evaluate(() => localStorage.getItem('sf-theme'));
    await section.getByLabel('Light').check();
    await poll(theme).toBe('light');
    expect(await saved()).toBe('light');
    // The header's switch flips it, and the setting follows.
    await page.getByRole('button', { name: 'Switch to dark theme' }).first().click();
    await poll(theme).toBe('dark');
    await poll(() => section.getByLabel('Dark').isChecked()).toBe(true);
    // Back to the device: nothing saved, the device's dark theme (emulated), and a reload keeps it.
    await section.getByLabel('Light').check();
    await section.getByLabel('Same as this device').check();
    await poll(theme).toBe('dark');
    expect(await saved()).toBeNull();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload();
    await poll(theme).toBe('light');
    await poll(() =>
      page.getByRole('region', { name: 'Appearance' }).getByLabel('Same as this device').isChecked(),
    ).toBe(true);
    await page.emulateMedia({ colorScheme: null });
  });

  it('settings deletes the account with its password: a wrong one is refused in words; then everything is gone and the address is free', async () => {
    const leaving = await browser.newContext();
    const p = await leaving.newPage();
    const signUp = await p.request.post(`${base}/api/auth/sign-up/email`, {
      data: { email: 'leaving@example.com', password: 'correct horse battery', name: 'Leaving' },
      headers: { origin: base },
    });
    expect(signUp.status()).toBe(200);
    const made = await p.request.post(`${base}/api/tracks`, {
      data: { prompt: 'a short goodbye on solo piano', duration_s: 15 },
      headers: { origin: base },
    });
    expect(made.status()).toBe(201);
    const trackId = (await made.json()).track_id as string;
    await p.goto(`${base}/settings`);
    const section = p.getByRole('region', { name: 'Delete account' });
    await section.getByRole('button', { name: 'Delete account…' }).click();
    const password = section.getByLabel('Your password, to confirm');
    await poll(() => password.evaluate((el) => el === document.activeElement)).toBe(true);
    await password.fill('not my password');
    await section.getByRole('button', { name: 'Delete my account for good' }).click();
    await poll(() => section.getByTestId('delete-problem').textContent()).toBe(
      'That password is not right. Check it and try again.',
    );
    expect((await p.request.get(`${base}/api/me`)).status()).toBe(200);
    await section.screenshot({ path: join(OUT, 'settings-delete-account.png') });
    // Escape puts the form away, focus back on its button; then for real.
    await p.keyboard.press('Escape');
    await poll(() =>
      section
        .getByRole('button', { name: 'Delete account…' })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await section.getByRole('button', { name: 'Delete account…' }).click();
    await password.fill('correct horse battery');
    await password.press('Enter');
    await p.waitForURL(`${base}/account-deleted`);
    await p.getByRole('heading', { name: 'Your account is deleted' }).waitFor();
    expect((await p.request.get(`${base}/api/me`)).status()).toBe(401);
    // The track is gone for its owner and for everyone; the address can sign up again.
    expect((await api(`/api/tracks/${trackId}`)).status).toBe(404);
    const back = await p.request.post(`${base}/api/auth/sign-up/email`, {
      data: { email: 'leaving@example.com', password: 'another passphrase', name: 'Back' },
      headers: { origin: base },
    });
    expect(back.status()).toBe(200);
    await leaving.close();
  }, 60_000);

  it('locked out: the sign-in page says whom to ask; the operator’s one-time link sets a new password, once, and the person signs in with it', async () => {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    const signUp = await p.request.post(`${base}/api/auth/sign-up/email`, {
      data: { email: 'forgetful@example.com', password: 'correct horse battery', name: 'Forgetful' },
      headers: { origin: base },
    });
    expect(signUp.status()).toBe(200);
    await p.request.post(`${base}/api/auth/sign-out`, { data: {}, headers: { origin: base } });
    await ctx.clearCookies();
    await p.goto(`${base}/auth/signin`);
    await p.getByTestId('forgot-password').getByText('Ask the operator of this server').waitFor();
    const issued = await fetch(`${base}/api/admin/password-reset`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'forgetful@example.com' }),
    });
    expect(issued.status).toBe(200);
    const link = new URL(((await issued.json()) as { url: string }).url);
    await p.goto(`${base}${link.pathname}${link.search}`);
    await p.getByRole('heading', { name: 'Set a new password' }).waitFor();
    await p.getByLabel('New password', { exact: true }).fill('a memorable passphrase');
    await p.getByLabel('New password, again').fill('a memorable passphrasE');
    await p.getByRole('button', { name: 'Set new password' }).click();
    await poll(() => p.getByTestId('reset-problem').textContent()).toBe(
      'The two new passwords are not the same.',
    );
    await p.getByLabel('New password, again').fill('a memorable passphrase');
    await p.getByRole('button', { name: 'Set new password' }).click();
    await p.getByRole('heading', { name: 'Password set' }).waitFor();
    // The form it replaced had focus: the outcome's heading has it now, not the page's body.
    await poll(() =>
      p.getByRole('heading', { name: 'Password set' }).evaluate((h) => h === document.activeElement),
    ).toBe(true);
    await p.screenshot({ path: join(OUT, 'auth-reset-done.png') });
    await p.getByRole('link', { name: 'Sign in' }).click();
    await p.waitForURL(/\/auth\/signin/);
    await p.getByLabel('Email').fill('forgetful@example.com');
    await p.getByLabel('Password').fill('a memorable passphrase');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.waitForURL(/\/create/);
    // The link works once: opened again (or made up), it says so before any typing.
    for (const url of [`${link.pathname}${link.search}`, '/auth/reset?token=made-up-token-123']) {
      await p.goto(`${base}${url}`);
      await p.getByRole('heading', { name: 'This link no longer works' }).waitFor();
      expect(await p.getByLabel('New password', { exact: true }).count()).toBe(0);
    }
    await ctx.close();
  }, 60_000);

  it('after Stripe, ?checkout=success says so and shows the credits once they land; settings renames and signs out', async () => {
    // A render still running could change the balance (a failure's refund) in the middle.
    const open = (await api<{ items: TrackJson[] }>('/api/tracks?limit=50')).body.items.filter(
      (t) => t.status !== 'COMPLETE' && t.status !== 'FAILED',
    );
    for (const t of open)
      await app.waitForTrack<TrackJson>(t.id, (x) => x.status === 'COMPLETE' || x.status === 'FAILED');
    const before = (await api<{ balance: number }>('/api/credits')).body.balance;
    await page.goto(`${base}/credits?checkout=success`);
    await page.getByText('Thank you — your payment went through.', { exact: false }).waitFor();
    const pageBalance = page.getByTestId('credits-balance');
    const headerBalance = page.getByTestId('balance');
    await poll(() => pageBalance.textContent()).toBe(`${before} credits`);
    await poll(() => headerBalance.textContent()).toBe(`${before} credits`);
    // Stripe's webhook lands a few seconds later. There is no Stripe here: the operator API adds the
    // credits instead, which the page learns of the same way (GET /api/credits, /api/me). The page and
    // the header kept the old balance for their 30 s refetch interval and longer.
    await page.waitForTimeout(3000);
    const granted = await page.request.post(`${base}/api/admin/credits`, {
      headers: { authorization: `Bearer ${OPERATOR}`, connection: 'close' },
      data: { email: 'features@example.com', amount: 100, kind: 'grant', note: 'stands in for a purchase' },
    });
    expect(granted.status(), await granted.text()).toBe(200);
    await poll(() => pageBalance.textContent(), { timeout: 10_000 }).toBe(`${before + 100} credits`);
    await poll(() => headerBalance.textContent(), { timeout: 10_000 }).toBe(`${before + 100} credits`);
    // The history gains the row, in words.
    await page.getByRole('cell', { name: 'Credits from the operator' }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(OUT, 'credits-after-checkout.png'), fullPage: true });
    await page.goto(`${base}/settings`);
    const name = page.getByLabel('Name');
    await poll(() => name.inputValue()).toBe('Features');
    // An empty name is refused once, in words, under the name (not under the solidarity switch too).
    await name.fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'Your name needs 1 to 100 characters.' });
    await problem.waitFor();
    expect(await page.getByText('Your name needs 1 to 100 characters.').count()).toBe(1);
    expect(await page.getByText('Check this value.').count()).toBe(0);
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await name.fill('Night Owl');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    expect((await api<{ name: string }>('/api/me')).body.name).toBe('Night Owl');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${base}/`);
    expect((await api('/api/me')).status).toBe(401);
  }, 60_000);
});
