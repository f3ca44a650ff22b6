import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type App, checkBothThemes, OUT, poll, startApp, VIEWPORTS } from './support.ts';

// Tracks per library page: LIBRARY_PAGE_SIZE of lib/library/query.ts (a copy: that module imports
// without file extensions, which the typecheck of the tests refuses).
const LIBRARY_PAGE_SIZE = 12;

// The library organised in a browser: grid or list (remembered), multi-select by mouse and
// keyboard, and the bulk actions (add to series, publish, unpublish, delete after a
// confirmation) over the real API; a last page emptied by a delete gives way to the one before.

interface TrackJson {
  id: string;
  title: string;
  status: string;
  public: boolean;
  series_id: string | null;
  genre: string | null;
  resolved_style: string | null;
  created_at: string;
}

describe('library: grid/list, multi-select and bulk actions', () => {
  let app: App;
  let tracks: TrackJson[] = [];
  let seriesId = '';

  const fresh = async () =>
    (await app.apiOk<{ items: TrackJson[] }>('/api/tracks?limit=50')).items.sort((a, b) =>
      a.id.localeCompare(b.id),
    );

  beforeAll(async () => {
    // The last test fills a second page: more tracks than a free account makes in a day.
    app = await startApp({ env: { FREE_DAILY_TRACK_LIMIT: '100' } });
    await app.signUp('organiser@example.com', 'Organiser');
    const prompts = [
      'gentle piano nocturne with soft rain',
      'driving techno with a rolling bassline',
      'sunny reggae groove with warm organ',
    ];
    const ids: string[] = [];
    for (const prompt of prompts) {
      const r = await app.apiOk<{ track_id: string }>('/api/tracks', {
        method: 'POST',
        data: { prompt, duration_s: 15 },
      });
      ids.push(r.track_id);
    }
    for (const id of ids) await app.waitForTrack<TrackJson>(id);
    tracks = await fresh();
    seriesId = (
      await app.apiOk<{ id: string }>('/api/style/series', {
        method: 'POST',
        data: { title: 'Night drives' },
      })
    ).id;
  }, 240_000);
  afterEach((c) => app.screenshotOnFailure(c));
  afterAll(() => app?.close());

  it('create and library arrive with their data: the browser asks the API for nothing on load', async () => {
    // The server renders them with the visitor's data (the header's account from the app
    // layout, the page's own from the page): each request here would be a waterfall after
    // hydration and a re-render of what is already on screen.
    const { page, base } = app;
    for (const path of ['/create', '/library']) {
      const calls: string[] = [];
      const onRequest = (r: { url(): string; resourceType(): string }) => {
        const u = new URL(r.url());
        if (u.pathname.startsWith('/api/') && ['fetch', 'xhr', 'eventsource'].includes(r.resourceType()))
          calls.push(u.pathname + u.search);
      };
      page.on('request', onRequest);
      const res = await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
      page.off('request', onRequest);
      const html = await res!.text();
      expect(html, path).toContain('data-testid="balance"');
      expect(html, path).toContain('data-testid="track-card"');
      expect(calls, path).toEqual([]);
    }
  }, 60_000);

  it('switches between grid and list, and remembers the choice', async () => {
    const { page, base } = app;
    await page.goto(`${base}/library`);
    await page.getByTestId('library-grid').waitFor();
    await poll(() => page.getByTestId('track-card').count()).toBe(3);
    await page.getByRole('button', { name: 'List view' }).click();
    await page.getByTestId('library-list').waitFor();
    expect(await page.getByRole('button', { name: 'List view' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('track-row').count()).toBe(3);
    // Every row plays, as every card does.
    for (const t of tracks) await page.getByRole('button', { name: `Play ${t.title}` }).waitFor();
    await page.reload();
    await page.getByTestId('library-list').waitFor();
    expect(await page.getByTestId('library-grid').count()).toBe(0);
  }, 60_000);

  it('plays the library in order: Next and Previous in the player, and on into the next track when one ends', async () => {
    const { page, base } = app;
    await page.goto(`${base}/library`);
    const plays = page.locator('main button[aria-label^="Play "]');
    await poll(() => plays.count()).toBe(3);
    const order = await plays.evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')!.slice(5)));
    const player = page.getByRole('region', { name: 'Player' });
    const playing = () => player.getByRole('link').first().textContent();
    const audio = page.getByTestId('player-audio');
    const sounding = () => audio.evaluate((a: HTMLAudioElement) => !a.paused && a.currentTime > 0);

    await plays.first().click();
    await poll(playing).toBe(order[0]);
    await player.getByRole('button', { name: 'Next track' }).click();
    await poll(playing).toBe(order[1]);
    await poll(sounding).toBe(true);
    // The operating system's media controls (lock screen, media keys) show what plays.
    const session = () =>
      page.evaluate(() => ({
        title: navigator.mediaSession.metadata?.title,
        artwork: navigator.mediaSession.metadata?.artwork.length ?? 0,
        state: navigator.mediaSession.playbackState,
      }));
    await poll(session).toMatchObject({ title: order[1], state: 'playing' });
    expect((await session()).artwork).toBeGreaterThan(0);
    // Within its first 3 s Previous goes to the track before.
    await player.getByRole('button', { name: 'Previous track' }).click();
    await poll(playing).toBe(order[0]);

    // The end of a track: the next one follows by itself.
    await poll(() => audio.evaluate((a: HTMLAudioElement) => a.duration > 0)).toBe(true);
    await audio.evaluate((a: HTMLAudioElement) => {
      a.currentTime = a.duration - 0.5;
    });
    await poll(playing).toBe(order[1]);
    await poll(sounding).toBe(true);

    // The keyboard: Shift+P and Shift+N (not in a text field).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Shift+KeyP');
    await poll(playing).toBe(order[0]);
    await page.keyboard.press('Shift+KeyN');
    await poll(playing).toBe(order[1]);

    // The last of the list: Next is off; Previous after 3 s starts the track again. Pressed from the
    // keyboard onto the last track, Next keeps focus (a disabled button dropped it to the body), and
    // pressing it again changes nothing.
    const next = player.getByRole('button', { name: 'Next track' });
    await next.focus();
    await page.keyboard.press('Enter');
    await poll(playing).toBe(order[2]);
    await poll(() => next.getAttribute('aria-disabled')).toBe('true');
    expect(await next.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(await playing()).toBe(order[2]);
    await player.screenshot({ path: join(OUT, 'player-queue-end-desktop.png') });
    await poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(3.2);
    await player.getByRole('button', { name: 'Previous track' }).click();
    await poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeLessThan(3);
    expect(await playing()).toBe(order[2]);
    await player.getByRole('button', { name: 'Pause' }).click();
    await poll(session).toMatchObject({ title: order[2], state: 'paused' });

    // Play all: the list from its first track, as a queue.
    await page.getByRole('button', { name: 'Play all' }).click();
    await poll(playing).toBe(order[0]);
    await poll(sounding).toBe(true);
    expect(await next.getAttribute('aria-disabled')).toBe('false');
    await player.getByRole('button', { name: 'Pause' }).click();

    // The volume is remembered in this browser.
    expect(await audio.evaluate((a: HTMLAudioElement) => a.volume)).toBeCloseTo(0.9, 5);
    await player.getByRole('slider', { name: 'Volume' }).fill('0.3');
    await poll(() => audio.evaluate((a: HTMLAudioElement) => a.volume)).toBeCloseTo(0.3, 5);
    // Mute and back, by the button and by M; the volume is kept.
    await player.getByRole('button', { name: 'Mute' }).click();
    await poll(() => audio.evaluate((a: HTMLAudioElement) => a.muted)).toBe(true);
    expect(await player.getByRole('slider', { name: 'Volume' }).inputValue()).toBe('0');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('m');
    await poll(() => audio.evaluate((a: HTMLAudioElement) => a.muted)).toBe(false);
    await player.getByRole('button', { name: 'Mute' }).waitFor();
    expect(await audio.evaluate((a: HTMLAudioElement) => a.volume)).toBeCloseTo(0.3, 5);
    await page.reload();
    await poll(() => audio.evaluate((a: HTMLAudioElement) => a.volume)).toBeCloseTo(0.3, 5);
    await page.evaluate(() => localStorage.removeItem('sf-volume'));
  }, 90_000);

  it('filters by genre and sorts, both on the server', async () => {
    const { page, base } = app;
    const genre = tracks.find((t) => t.title.toLowerCase().includes('techno'))?.genre ?? tracks[0]!.genre!;
    const expected = tracks.filter((t) => t.genre === genre);
    expect(expected.length).toBeLessThan(tracks.length); // the three prompts name different styles
    await page.goto(`${base}/library`);
    const shown = () => page.locator('[data-testid="track-card"], [data-testid="track-row"]');
    await poll(() => shown().count()).toBe(3);
    const filtered = page.waitForResponse((r) => r.url().includes(`genre=${genre}`));
    await page.getByLabel('Style', { exact: true }).selectOption(genre);
    expect((await filtered).status()).toBe(200);
    await poll(() => shown().count()).toBe(expected.length);
    for (const t of expected) await page.getByRole('button', { name: `Play ${t.title}` }).waitFor();
    // The filter is in the URL: a reload (or the link, shared) shows the same list, rendered on
    // the server with it, and Back returns to the whole library.
    expect(new URL(page.url()).search).toBe(`?genre=${genre}`);
    const html = await (await page.reload({ waitUntil: 'networkidle' }))!.text();
    expect(html.match(/data-testid="track-(card|row)"/g)?.length).toBe(expected.length);
    expect(await page.getByLabel('Style', { exact: true }).inputValue()).toBe(genre);
    await poll(() => shown().count()).toBe(expected.length);
    await page.goBack();
    await poll(() => shown().count()).toBe(3);
    expect(await page.getByLabel('Style', { exact: true }).inputValue()).toBe('');
    await page.goForward();
    await poll(() => shown().count()).toBe(expected.length);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await poll(() => shown().count()).toBe(3);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByLabel('Style', { exact: true }).inputValue()).toBe('');
    // Sorting asks the API (over every page), and the first card is then the oldest track.
    const oldest = [...tracks].sort((a, b) => a.created_at.localeCompare(b.created_at))[0]!;
    const sorted = page.waitForResponse((r) => r.url().includes('sort=oldest'));
    await page.getByLabel('Sort').selectOption('oldest');
    expect((await sorted).status()).toBe(200);
    await poll(() => shown().first().getByText(oldest.title).count()).toBe(1);
    expect(new URL(page.url()).search).toBe('?sort=oldest');
    await page.getByLabel('Sort').selectOption('newest');
    expect(new URL(page.url()).search).toBe('');
  }, 60_000);

  it('finds tracks by the named style they were made in, chosen from the prompt’s words', async () => {
    const { page, base } = app;
    const reggae = tracks.filter((t) => t.resolved_style === 'reggae');
    expect(reggae.map((t) => t.title)).toHaveLength(1); // "sunny reggae groove…": no style was asked for
    expect(reggae[0]!.genre).toBe('world');
    await page.goto(`${base}/library`);
    const shown = () => page.locator('[data-testid="track-card"], [data-testid="track-row"]');
    await poll(() => shown().count()).toBe(3);
    const menu = page.getByLabel('Style', { exact: true });
    // The genre's own entry and its named styles, grouped under the genre.
    expect(await menu.locator('optgroup[label="World"] option').allTextContents()).toEqual(
      expect.arrayContaining(['All world', 'Reggae']),
    );
    expect(await menu.locator('optgroup[label="Jazz"] option').allTextContents()).toEqual(
      expect.arrayContaining(['All jazz', 'Bossa nova']),
    );
    const filtered = page.waitForResponse((r) => r.url().includes('style=reggae'));
    await menu.selectOption({ label: 'Reggae' });
    expect((await filtered).status()).toBe(200);
    await poll(() => shown().count()).toBe(1);
    await page.getByRole('button', { name: `Play ${reggae[0]!.title}` }).waitFor();
    expect(new URL(page.url()).search).toBe('?style=reggae');
    await page.getByText('1 track found').waitFor();
    // A link to it is rendered on the server with the style chosen.
    const html = await (await page.reload({ waitUntil: 'networkidle' }))!.text();
    expect(html.match(/data-testid="track-(card|row)"/g)?.length).toBe(1);
    expect(await menu.inputValue()).toBe('reggae');
    // A genre instead of the style: one or the other in the URL, never both.
    await menu.selectOption('world');
    await poll(() => new URL(page.url()).search).toBe('?genre=world');
    await menu.selectOption('waltz');
    await poll(() => new URL(page.url()).search).toBe('?style=waltz');
    await page.getByText('No tracks match').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await poll(() => shown().count()).toBe(3);
    expect(await menu.inputValue()).toBe('');

    const problems = await checkBothThemes(app.browser, {
      name: 'library-style-filter',
      cookies: await app.ctx.cookies(),
      show: async (p) => {
        await p.goto(`${base}/library?style=reggae`);
        await p.getByText('1 track found').waitFor();
        await p.waitForLoadState('networkidle');
      },
    });
    expect(problems).toEqual([]);

    // The track's page names the style (the genre is "World") and leads back to the library by it.
    await page.goto(`${base}/tracks/${reggae[0]!.id}`);
    const details = page.getByRole('region', { name: 'Details' });
    const styleLink = details.getByRole('link', { name: 'Reggae: your tracks in this style' });
    await styleLink.waitFor();
    expect(await styleLink.textContent()).toBe('Reggae');
    await details.screenshot({ path: join(OUT, 'track-details-style.png') });
    await styleLink.click();
    await page.getByText('1 track found').waitFor();
    expect(new URL(page.url()).search).toBe('?style=reggae');
  }, 90_000);

  it('keeps the search in the URL, clears it in one click, and mends a stale page number', async () => {
    const { page, base } = app;
    const shown = () => page.locator('[data-testid="track-card"], [data-testid="track-row"]');
    const one = tracks[0]!;
    const word = one.title.split(/\s+/).find((w) => w.length >= 4)!;
    await page.goto(`${base}/library`);
    await poll(() => shown().count()).toBe(3);
    await page.getByLabel('Search tracks').fill(word);
    await poll(() => new URL(page.url()).searchParams.get('q')).toBe(word);
    await page.getByRole('button', { name: `Play ${one.title}` }).waitFor();
    // A search nothing matches, opened as a link: the way back is one click.
    await page.goto(`${base}/library?q=zzzz-nothing-matches&genre=jazz`);
    await page.getByText('No tracks match').waitFor();
    expect(await page.getByLabel('Search tracks').inputValue()).toBe('zzzz-nothing-matches');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await poll(() => shown().count()).toBe(3);
    expect(await page.getByLabel('Search tracks').inputValue()).toBe('');
    expect(await page.getByRole('button', { name: 'Clear filters' }).count()).toBe(0);
    expect(await page.getByLabel('Style', { exact: true }).inputValue()).toBe('');
    expect(new URL(page.url()).search).toBe('');
    // Page 5 of a three-track library (tracks deleted since the link was made): the last page.
    await page.goto(`${base}/library?page=5&sort=title`);
    await poll(() => shown().count()).toBe(3);
    await poll(() => new URL(page.url()).search).toBe('?sort=title');
    expect(await page.getByText('No tracks match').count()).toBe(0);
  }, 60_000);

  it('selects with the keyboard and publishes, unpublishes and adds to a series in bulk', async () => {
    const { page } = app;
    const all = page.getByLabel('Select all on this page');
    await all.focus();
    await page.keyboard.press('Space');
    const bar = page.getByTestId('bulk-bar');
    await bar.getByText('3 selected').waitFor();
    expect(await page.locator('[data-testid="track-row"][data-selected="true"]').count()).toBe(3);

    // Publish by keyboard: Tab to the button, Enter.
    await bar.getByRole('button', { name: 'Publish', exact: true }).focus();
    await page.keyboard.press('Enter');
    const result = page.getByTestId('bulk-result');
    await poll(() => result.textContent()).toBe('3 tracks published.');
    expect((await fresh()).map((t) => t.public)).toEqual([true, true, true]);
    // Focus stayed on Publish while it ran (a disabled button dropped it to the page's body).
    expect(
      await bar
        .getByRole('button', { name: 'Publish', exact: true })
        .evaluate((b) => b === document.activeElement),
    ).toBe(true);

    await bar.getByRole('button', { name: 'Unpublish' }).click();
    await poll(() => result.textContent()).toBe('3 tracks made private.');
    expect((await fresh()).map((t) => t.public)).toEqual([false, false, false]);

    await bar.getByLabel('Series to add the selected tracks to').selectOption({ label: 'Night drives' });
    await bar.getByRole('button', { name: 'Add to series' }).click();
    await poll(() => result.textContent()).toBe('3 tracks added to Night drives.');
    expect((await fresh()).map((t) => t.series_id)).toEqual([seriesId, seriesId, seriesId]);

    // Escape clears the selection.
    await page.locator('h1').click();
    await page.keyboard.press('Escape');
    await bar.waitFor({ state: 'detached' });
  }, 60_000);

  it('deletes the selected tracks only after a confirmation', async () => {
    const { page } = app;
    const [victim, keep] = tracks as [TrackJson, TrackJson];
    await page.getByRole('button', { name: 'Grid view' }).click();
    await page.getByTestId('library-grid').waitFor();
    await page.getByLabel(`Select ${victim.title}`).check();
    const bar = page.getByTestId('bulk-bar');
    await bar.getByText('1 selected').waitFor();

    await bar.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 1 track?' });
    await dialog.waitFor();
    // Focus is trapped in the dialog; Escape cancels and keeps the selection.
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await bar.getByText('1 selected').waitFor();
    expect((await fresh()).length).toBe(3);

    await bar.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: 'Delete 1 track' }).focus();
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('bulk-result').textContent()).toBe('1 track deleted.');
    await page.locator(`[data-track-id="${victim.id}"]`).waitFor({ state: 'detached' });
    await bar.waitFor({ state: 'detached' });
    // The bar and its buttons are gone with the selection: focus is on what happened, not lost.
    await poll(() => page.getByTestId('bulk-result').evaluate((r) => r === document.activeElement)).toBe(
      true,
    );
    const left = await fresh();
    expect(left.map((t) => t.id)).not.toContain(victim.id);
    expect(left.map((t) => t.id)).toContain(keep.id);
    expect(left).toHaveLength(2);
    expect(app.pageErrors).toEqual([]);
  }, 60_000);

  it('is accessible in both themes: list with a selection, and the delete confirmation', async () => {
    const cookies = await app.ctx.cookies();
    const select = async (page: import('playwright-core').Page) => {
      await page.goto(`${app.base}/library`);
      await page.getByLabel('Select all on this page').check();
      await page.getByTestId('bulk-bar').waitFor();
    };
    const problems = [
      ...(await checkBothThemes(app.browser, {
        name: 'library-list-selected',
        cookies,
        show: async (page) => {
          await select(page);
          await page.getByRole('button', { name: 'List view' }).click();
          await page.getByTestId('library-list').waitFor();
          await page.waitForLoadState('networkidle');
        },
      })),
      ...(await checkBothThemes(app.browser, {
        name: 'library-grid-selected',
        cookies,
        show: async (page) => {
          await select(page);
          await page.getByTestId('library-grid').waitFor();
          await page.waitForLoadState('networkidle');
        },
      })),
      ...(await checkBothThemes(app.browser, {
        name: 'library-delete-confirm',
        cookies,
        devices: ['desktop'],
        show: async (page) => {
          await select(page);
          await page.getByRole('button', { name: 'Delete…' }).click();
          await page.getByRole('dialog').waitFor();
        },
      })),
      ...(await checkBothThemes(app.browser, {
        name: 'library-no-match',
        cookies,
        show: async (page) => {
          await page.goto(`${app.base}/library?q=zzzz-nothing&genre=jazz&sort=oldest`);
          await page.getByRole('button', { name: 'Clear filters' }).waitFor();
          await page.waitForLoadState('networkidle');
        },
      })),
    ];
    expect(problems).toEqual([]);
  }, 240_000);

  it('on a phone (390 px) every filter shows its whole choice (none cut to "All statuse")', async () => {
    const phone = await app.browser.newContext({ viewport: VIEWPORTS.phone });
    try {
      await phone.addCookies(await app.ctx.cookies());
      const p = await phone.newPage();
      await p.goto(`${app.base}/library`);
      const ids = ['lib-series', 'lib-status', 'lib-style', 'lib-sort'];
      for (const id of ids) await p.locator(`#${id}`).waitFor();
      // The chosen option's text, in the select's font, against the room inside it (its padding
      // and the native arrow, ~24 px, taken off).
      const fits = await p.evaluate((ids) => {
        const ctx = document.createElement('canvas').getContext('2d')!;
        return ids.map((id) => {
          const el = document.getElementById(id) as HTMLSelectElement;
          const cs = getComputedStyle(el);
          ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
          const text = el.selectedOptions[0]?.text ?? '';
          const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 24;
          return { id, text, need: Math.ceil(ctx.measureText(text).width), room: Math.floor(room) };
        });
      }, ids);
      for (const f of fits) expect(f.need, JSON.stringify(f)).toBeLessThanOrEqual(f.room);
      const widths = await p.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
      await p.locator('search').screenshot({ path: join(OUT, 'library-filters-phone.png') });
    } finally {
      await phone.close();
    }
  }, 60_000);

  it('shows the page before when every track of the last page is deleted, and the URL says so', async () => {
    const { page, base } = app;
    const shown = () => page.locator('[data-testid="track-card"], [data-testid="track-row"]');
    // Two tracks past a full page: page 2 holds the two oldest (newest first).
    const prompts = [
      'calm ambient pads at dawn',
      'bouncy funk with slap bass',
      'lonely blues guitar at night',
    ];
    const ids: string[] = [];
    for (let i = (await fresh()).length; i < LIBRARY_PAGE_SIZE + 2; i++) {
      const r = await app.apiOk<{ track_id: string }>('/api/tracks', {
        method: 'POST',
        data: { prompt: prompts[i % prompts.length], duration_s: 15 },
      });
      ids.push(r.track_id);
    }
    for (const id of ids) await app.waitForTrack<TrackJson>(id);
    const all = (await fresh()).sort(
      (a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id),
    );
    expect(all).toHaveLength(LIBRARY_PAGE_SIZE + 2);
    const firstPage = all.slice(0, LIBRARY_PAGE_SIZE);
    const lastPage = all.slice(LIBRARY_PAGE_SIZE);

    // Page 2 opened as a link (page 1 not yet in the browser's cache).
    await page.goto(`${base}/library?page=2`);
    await page.getByText('Page 2 of 2').waitFor();
    await poll(() => shown().count()).toBe(lastPage.length);
    for (const t of lastPage) await page.locator(`[data-track-id="${t.id}"]`).waitFor();
    // Whatever the view shows on its way to page 1, it never says the library is empty.
    await page.evaluate(() => {
      const w = window as unknown as { sawEmpty: boolean };
      w.sawEmpty = false;
      new MutationObserver(() => {
        if (document.body.textContent?.includes('Your library is empty')) w.sawEmpty = true;
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });

    await page.getByLabel('Select all on this page').check();
    const bar = page.getByTestId('bulk-bar');
    await bar.getByText(`${lastPage.length} selected`).waitFor();
    await bar.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: `Delete ${lastPage.length} tracks` }).click();
    await poll(() => page.getByTestId('bulk-result').textContent()).toBe(
      `${lastPage.length} tracks deleted.`,
    );

    // Page 1, in the view and in the URL.
    await poll(() => new URL(page.url()).search).toBe('');
    await poll(() => shown().count()).toBe(LIBRARY_PAGE_SIZE);
    for (const t of firstPage) await page.locator(`[data-track-id="${t.id}"]`).waitFor();
    await page.getByText(`${LIBRARY_PAGE_SIZE} tracks`, { exact: true }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Pages' }).count()).toBe(0);
    expect(await page.getByText('No tracks match').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { sawEmpty: boolean }).sawEmpty)).toBe(false);
    expect((await fresh()).map((t) => t.id).sort()).toEqual(firstPage.map((t) => t.id).sort());

    // A reload keeps it: the server renders page 1 with the same tracks.
    const html = await (await page.reload({ waitUntil: 'networkidle' }))!.text();
    expect(new URL(page.url()).search).toBe('');
    expect(html.match(/data-testid="track-(card|row)"/g)?.length).toBe(LIBRARY_PAGE_SIZE);
    await poll(() => shown().count()).toBe(LIBRARY_PAGE_SIZE);
    expect(app.pageErrors).toEqual([]);
  }, 600_000);
});
