import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** The flags this offline machine needs. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Nothing leaves the machine; localhost stays resolvable (PUBLIC_URL's default host).
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
];

function assertChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); bash .ci/run does.`,
    );
  }
}

/** Debian's headless Chromium, with the flags this offline machine needs. */
export async function launchChromium(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

/**
 * The same Chromium and flags behind a debugging port, for tools that drive Chrome
 * themselves (Lighthouse). Not through playwright: its own defaults (for one,
 * --disable-back-forward-cache) would change what Lighthouse measures.
 */
export async function launchChromiumWithPort(): Promise<{ port: number; kill(): Promise<void> }> {
  assertChromium();
  const { launch } = await import('chrome-launcher');
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  return { port: chrome.port, kill: async () => chrome.kill() };
}
