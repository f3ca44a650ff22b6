import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../server/test/browser.ts';
import {
  type RunningProcess,
  startEmbeddedServer,
  type tempDataDir,
} from '../../server/test/server-process.ts';

// The machine is shared: a page may take seconds to answer. Polls wait up to 20 s.
const poll = <T>(fn: () => T | Promise<T>, o: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: o.timeout ?? 20_000, interval: 100 });

// `npm start` as a user meets it: one process, one port, web pages and the API together.

describe('one origin: web app and API in the npm start process', () => {
  let server: RunningProcess;
  let data: ReturnType<typeof tempDataDir>;
  let base: string;

  beforeAll(async () => {
    // PUBLIC_URL says localhost; the browser below uses 127.0.0.1 without any configuration.
    ({ server, base, data } = await startEmbeddedServer({ PUBLIC_URL: '' }));
  });
  afterAll(async () => {
    await server?.stop();
    data?.remove();
  });

  it('serves pages with security headers, the API and its JSON errors, and a real 404 page', async () => {
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(await home.text()).toContain('Craft Your Sound');
    expect(home.headers.get('x-content-type-options')).toBe('nosniff');
    expect(home.headers.get('x-frame-options')).toBe('DENY');
    expect(home.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(home.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);

    const api = await fetch(`${base}/api/nope`);
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe('NOT_FOUND');
    expect((await fetch(`${base}/health`)).status).toBe(200);

    const missing = await fetch(`${base}/no/such/page`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/text\/html/);
    expect(await missing.text()).toContain('This page is silent');

    const robots = await (await fetch(`${base}/robots.txt`)).text();
    expect(robots).toMatch(/Disallow: \/api\//);
    // ...but a shared track's og:image and og:audio (public downloads) stay reachable for card crawlers.
    expect(robots).toMatch(/Allow: \/api\/tracks\/\*\/download/);
    expect(await (await fetch(`${base}/sitemap.xml`)).text()).toContain('/pricing');
  });

  it('signs up from 127.0.0.1 in a browser (not the PUBLIC_URL host) and lands on /create', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const res = await page.goto(`${base}/create`);
      expect(new URL(page.url()).pathname).toBe('/auth/signin');
      expect(res?.status()).toBe(200);
      await page.getByRole('link', { name: 'Create an account' }).click();
      await page.waitForURL(/\/auth\/signup/);
      await page.getByLabel('Email').fill('local@example.com');
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL(/\/create$/);
      await poll(() => page.locator('h1').textContent()).toBe('Create Music');
      await poll(() => page.getByTestId('balance').textContent()).toBe('400 credits');
    } finally {
      await browser.close();
    }
  });
});
