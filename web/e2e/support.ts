import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium } from '../../server/test/browser.ts';
import { REPO_ROOT, startEmbeddedServer } from '../../server/test/server-process.ts';

// What every end-to-end suite of the web app shares: the app started the way `npm start`
// starts it (temp DATA_DIR, random port), headless Chromium, a page whose errors are
// collected, API calls with the page's cookies, axe, and screenshots in bench/out/web/.

export const OUT = join(REPO_ROOT, 'bench/out/web');

/** The machine is shared: a page may take seconds to answer. Polls wait up to 20 s. */
export const poll = <T>(fn: () => T | Promise<T>, o: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: o.timeout ?? 20_000, interval: 100 });

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

export interface ApiResult<T> {
  status: number;
  body: T;
}

export interface App {
  base: string;
  env: Record<string, string>;
  browser: Browser;
  ctx: BrowserContext;
  page: Page;
  pageErrors: string[];
  /** Any status: the parsed body (null when empty). */
  api<T>(path: string, init?: { method?: string; data?: unknown }): Promise<ApiResult<T>>;
  /** 2xx or throw: the parsed body. */
  apiOk<T>(path: string, init?: { method?: string; data?: unknown }): Promise<T>;
  signUp(email: string, name?: string): Promise<void>;
  /** Polls a track until `done` holds for it (default: COMPLETE with a cover). */
  waitForTrack<T extends { status: string }>(id: string, done?: (t: T) => boolean): Promise<T>;
  /** Call from afterEach: a failed test leaves a screenshot of the page. */
  screenshotOnFailure(c: { task: { name: string; result?: { state?: string } } }): Promise<void>;
  close(): Promise<void>;
}

export async function startApp(
  o: { env?: Record<string, string>; viewport?: { width: number; height: number }; logErrors?: boolean } = {},
): Promise<App> {
  mkdirSync(OUT, { recursive: true });
  const { server, base, env, data } = await startEmbeddedServer({ PUBLIC_URL: '', ...o.env });
  const browser = await launchChromium();
  const ctx = await browser.newContext({
    acceptDownloads: true,
    viewport: o.viewport ?? { width: 1280, height: 900 },
  });
  const page = await ctx.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => {
    pageErrors.push(e.message);
    if (o.logErrors) console.log(`page error: ${e.stack ?? e.message}`);
  });
  if (o.logErrors)
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text()))
        console.log(`console error: ${m.text()}`);
    });

  const api: App['api'] = async (path, init) => {
    const res = await page.request.fetch(`${base}${path}`, {
      method: init?.method ?? 'GET',
      data: init?.data,
      // A connection of its own for each helper call: a pooled socket that sat idle past the server's
      // keep-alive timeout (5 s) can be closed by the server just as it is reused, and the request then
      // fails with ECONNRESET (seen once under CI load, on a POST after a long wait in the test before).
      headers: { origin: base, connection: 'close' },
    });
    const text = await res.text();
    return { status: res.status(), body: text ? JSON.parse(text) : null };
  };
  const apiOk: App['apiOk'] = async (path, init) => {
    const r = await api<never>(path, init);
    if (r.status < 200 || r.status > 299) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  return {
    base,
    env,
    browser,
    ctx,
    page,
    pageErrors,
    api,
    apiOk,
    async signUp(email, name = 'Musician') {
      const r = await api('/api/auth/sign-up/email', {
        method: 'POST',
        data: { email, password: 'correct horse battery', name },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    },
    async waitForTrack(id, done) {
      const ok =
        done ?? ((t) => t.status === 'COMPLETE' && Boolean((t as { cover_url?: unknown }).cover_url));
      let t = (await api<never>(`/api/tracks/${id}`)).body;
      for (let i = 0; i < 600 && !ok(t); i++) {
        await new Promise((r) => setTimeout(r, 300));
        t = (await api<never>(`/api/tracks/${id}`)).body;
      }
      expect(ok(t), JSON.stringify(t)).toBe(true);
      return t;
    },
    async screenshotOnFailure(c) {
      if (c.task.result?.state !== 'fail') return;
      await page
        .screenshot({ path: join(OUT, `failed-${c.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) })
        .catch(() => {});
    },
    async close() {
      await browser.close().catch(() => {});
      await server.stop();
      data.remove();
    },
  };
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/** axe-core on the page as it is now: one line per violation (empty when clean). */
/**
 * The reference each Generate would send: POST /api/tracks is recorded and aborted, so nothing
 * is created or charged. Returns the list the reference ids are pushed to, in order.
 */
export async function recordReferenceSent(page: Page, base: string): Promise<(string | undefined)[]> {
  const sent: (string | undefined)[] = [];
  await page.route(`${base}/api/tracks`, async (route) => {
    if (route.request().method() === 'POST')
      sent.push((route.request().postDataJSON() as { reference_file_id?: string }).reference_file_id);
    await route.abort();
  });
  return sent;
}

export async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const r = await (
      window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }
    ).axe.run();
    return r.violations;
  });
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes
        .slice(0, 3)
        .map((n) => `   ${n.target.join(' ')} — ${n.failureSummary.replace(/\n/g, ' ')}`)
        .join('\n')}`,
  );
}

/**
 * A state of the UI in both themes: `show` brings a fresh page (dark or light, signed in with
 * the given cookies) to the state; axe must find nothing, and a screenshot is saved as
 * `{name}-{device}-{theme}.png`. Returns the violations found, labelled.
 */
export async function checkBothThemes(
  browser: Browser,
  o: {
    name: string;
    cookies?: Awaited<ReturnType<BrowserContext['cookies']>>;
    devices?: (keyof typeof VIEWPORTS)[];
    show: (page: Page, device: keyof typeof VIEWPORTS) => Promise<void>;
  },
): Promise<string[]> {
  const problems: string[] = [];
  for (const device of o.devices ?? (['desktop', 'phone'] as const)) {
    for (const theme of ['dark', 'light'] as const) {
      const ctx = await browser.newContext({
        colorScheme: theme,
        viewport: VIEWPORTS[device],
        reducedMotion: 'reduce',
      });
      try {
        if (o.cookies) await ctx.addCookies(o.cookies);
        const page = await ctx.newPage();
        await o.show(page, device);
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        await page.screenshot({ path: join(OUT, `${o.name}-${device}-${theme}.png`) });
        for (const v of await axe(page)) problems.push(`${o.name} (${device}, ${theme}): ${v}`);
      } finally {
        await ctx.close();
      }
    }
  }
  return problems;
}

/** WCAG contrast ratio of two computed CSS colours (rgb()/rgba(), opaque). */
export function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = css
      .match(/\d+(\.\d+)?/g)!
      .slice(0, 3)
      .map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m);
  return (x! + 0.05) / (y! + 0.05);
}

/** The first background behind an element that is not transparent (computed, e.g. `rgb(…)`). */
export function backgroundBehind(el: Locator): Promise<string> {
  return el.evaluate((e) => {
    let at = e.parentElement;
    let bg = 'rgba(0, 0, 0, 0)';
    while (at && /rgba\(0, 0, 0, 0\)|transparent/.test(bg)) {
      bg = getComputedStyle(at).backgroundColor;
      at = at.parentElement;
    }
    return bg;
  });
}

/**
 * A progress bar (role progressbar) against WCAG 1.4.11 as components/ui/meter.tsx promises it:
 * its track ≥ 3:1 against the background behind it, its fill ≥ 3:1 against that too and against
 * the track (the waveform's played part against the unplayed: where the fill ends is the state). The colours, with
 * `failures` listing each ratio that falls short.
 */
export async function meterContrast(bar: Locator) {
  const bg = await backgroundBehind(bar);
  const { track, fill } = await bar.evaluate((b) => ({
    track: getComputedStyle(b).backgroundColor,
    fill: getComputedStyle(b.firstElementChild!).backgroundColor,
  }));
  const ratios = {
    'track/background': [contrast(track, bg), 3],
    'fill/background': [contrast(fill, bg), 3],
    'fill/track': [contrast(fill, track), 3],
  } as const;
  const failures = Object.entries(ratios)
    .filter(([, [r, min]]) => r < min)
    .map(([name, [r, min]]) => `${name} ${r.toFixed(2)} < ${min}`);
  return { bg, track, fill, failures };
}

/**
 * The road from the web app's server-side rendering to the API (point API_INTERNAL_URL at `url`,
 * then set `target` to the app's base): everything passes through unchanged (the Host header
 * too), except requests for the paths in `stalled`, which are never answered: the reader's
 * timeout has to act, as when the API is overloaded.
 */
export async function startInternalApiProxy() {
  let target = '';
  const stalled = new Set<string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', target);
    if (stalled.has(url.pathname)) return; // held until the reader gives up and closes
    const up = request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stalled,
    setTarget(base: string) {
      target = base;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
