import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExampleList } from '@soundfoundry/contract';
import type { GenerateParams } from '@soundfoundry/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExamples, DEMO_DURATION_S, DEMOS, demoKey, type PublicExampleSource } from './examples.ts';
import { FsObjectStorage } from './storage/index.ts';

// The landing's examples: public tracks first; otherwise demos rendered once each, one
// render at a time, kept in storage (a second service over the same storage renders nothing).

describe('examples', () => {
  let dir: string;
  let storage: FsObjectStorage;
  let publicTracks: PublicExampleSource[];
  let renders: GenerateParams[];
  let running: number;
  let peak: number;
  let failNext: boolean;
  /** The prompt whose render never finishes (null: none). */
  let hangPrompt: string | null;
  let aborted: string[];
  let logged: string[];
  let clock: number;

  const make = (o: { renderTimeoutMs?: number } = {}) =>
    createExamples({
      storage,
      newestPublic: async (limit) => publicTracks.slice(0, limit),
      render: async (p, signal) => {
        renders.push(p);
        if (p.prompt === hangPrompt) {
          hangPrompt = null;
          // An engine that never finishes: only the deadline's abort ends it.
          signal.addEventListener('abort', () => aborted.push(p.prompt));
          return new Promise<Uint8Array>(() => {});
        }
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        if (failNext) {
          failNext = false;
          throw new Error('engine fell over');
        }
        return new TextEncoder().encode(`mp3 of ${p.prompt}`);
      },
      onRenderError: (id, err) => logged.push(`${id}: ${(err as Error).message}`),
      now: () => clock,
      retryAfterFailureMs: 60_000,
      ...o,
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sf-examples-'));
    storage = new FsObjectStorage({
      rootDir: dir,
      secret: 'x'.repeat(32),
      publicBaseUrl: 'http://localhost:1',
    });
    publicTracks = [];
    renders = [];
    running = 0;
    peak = 0;
    failNext = false;
    hangPrompt = null;
    aborted = [];
    logged = [];
    clock = 1_000_000;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('without public tracks lists the demos, not ready until rendered', async () => {
    const items = await make().listExamples();
    expect(ExampleList.parse({ items })).toBeTruthy();
    expect(items.map((i) => [i.id, i.kind, i.ready, i.audio_url])).toEqual(
      DEMOS.map((d) => [d.id, 'demo', false, `/api/examples/${d.id}/audio`]),
    );
    expect(items.every((i) => i.duration_s === DEMO_DURATION_S)).toBe(true);
    expect(renders).toEqual([]); // listing renders nothing by itself
  });

  it('renders each demo once, one at a time, however many ask; stored for the next process', async () => {
    const ex = make();
    const id = DEMOS[0]!.id;
    const keys = await Promise.all([ex.ensureDemo(id), ex.ensureDemo(id), ex.ensureDemo(DEMOS[1]!.id)]);
    expect(keys).toEqual([demoKey(DEMOS[0]!), demoKey(DEMOS[0]!), demoKey(DEMOS[1]!)]);
    // Each once; which of two concurrent first requests renders first is not promised.
    expect(renders.map((r) => r.prompt).sort()).toEqual([DEMOS[0]!.prompt, DEMOS[1]!.prompt].sort());
    expect(peak).toBe(1);
    expect(renders.find((r) => r.prompt === DEMOS[0]!.prompt)).toMatchObject({
      durationSec: DEMO_DURATION_S,
      seed: DEMOS[0]!.seed,
      genre: DEMOS[0]!.genre,
    });
    expect(new TextDecoder().decode(await storage.getBytes(demoKey(DEMOS[0]!)))).toBe(
      `mp3 of ${DEMOS[0]!.prompt}`,
    );
    await ex.ensureDemo(id);
    expect(renders).toHaveLength(2);

    const again = make(); // a restart: storage remembers
    await again.ensureDemo(id);
    expect(renders).toHaveLength(2);
    const listed = await again.listExamples();
    expect(listed.map((i) => i.ready)).toEqual([true, true, false]);
  });

  it('warms every demo in the background, still one at a time', async () => {
    const ex = make();
    ex.warmDemos();
    ex.warmDemos();
    await Promise.all(DEMOS.map((d) => ex.ensureDemo(d.id)));
    expect(renders).toHaveLength(DEMOS.length);
    expect(peak).toBe(1);
  });

  it('a failed render answers 503 in plain words; the demo is tried again only after the cool-down', async () => {
    const ex = make();
    failNext = true;
    await expect(ex.ensureDemo(DEMOS[2]!.id)).rejects.toMatchObject({
      status: 503,
      message: 'This example could not be prepared just now; try again.',
      details: { retry_after_s: 60 },
    });
    expect(logged).toEqual([`${DEMOS[2]!.id}: engine fell over`]); // the cause goes to the log only
    // Within the cool-down: refused at once, nothing rendered, and warming skips it too.
    clock += 45_000;
    await expect(ex.ensureDemo(DEMOS[2]!.id)).rejects.toMatchObject({
      status: 503,
      details: { retry_after_s: 15 },
    });
    ex.warmDemos();
    await Promise.all(DEMOS.slice(0, 2).map((d) => ex.ensureDemo(d.id)));
    expect(renders.filter((r) => r.prompt === DEMOS[2]!.prompt)).toHaveLength(1);
    // After it: rendered again, and stored.
    clock += 15_000;
    expect(await ex.ensureDemo(DEMOS[2]!.id)).toBe(demoKey(DEMOS[2]!));
    expect(renders.filter((r) => r.prompt === DEMOS[2]!.prompt)).toHaveLength(2);
  });

  it('a render past its deadline is stopped, answered 503, and does not block the next demo', async () => {
    const ex = make({ renderTimeoutMs: 50 });
    hangPrompt = DEMOS[0]!.prompt;
    const hung = ex.ensureDemo(DEMOS[0]!.id);
    // Ask for the next demo once the hung render has started, so it queues behind it (both
    // first check storage, asynchronously: asked at once, either could reach the queue first).
    while (!renders.some((r) => r.prompt === DEMOS[0]!.prompt)) await new Promise((r) => setImmediate(r));
    const next = ex.ensureDemo(DEMOS[1]!.id); // queued behind the hung render
    await expect(hung).rejects.toMatchObject({ status: 503 });
    expect(aborted).toEqual([DEMOS[0]!.prompt]); // the engine was told to stop
    expect(logged).toEqual([`${DEMOS[0]!.id}: demo render took longer than 50 ms`]);
    expect(await next).toBe(demoKey(DEMOS[1]!));
    expect(await storage.exists(demoKey(DEMOS[0]!))).toBe(false);
  });

  it('an unknown demo is a 404; public tracks come first (demos fill the row) and link to their share page', async () => {
    const ex = make();
    await expect(ex.ensureDemo('no-such-demo')).rejects.toMatchObject({ status: 404 });
    publicTracks = [0, 1, 2, 3].map((i) => ({
      id: `00000000-0000-4000-8000-00000000000${i}`,
      title: `Public ${i}`,
      prompt: 'a public prompt',
      genre: 'pop',
      durationS: 30,
      seed: i,
      hasCover: i !== 1,
      hasCoverThumbs: i === 0,
    }));
    const items = await ex.listExamples();
    expect(items).toHaveLength(3);
    expect(items[0]).toEqual({
      id: publicTracks[0]!.id,
      kind: 'public',
      title: 'Public 0',
      prompt: 'a public prompt',
      genre: 'pop',
      duration_s: 30,
      seed: 0,
      audio_url: `/api/tracks/${publicTracks[0]!.id}/download?format=mp3`,
      cover_url: `/api/tracks/${publicTracks[0]!.id}/download?format=cover-png`,
      cover_thumbs: [256, 512].map((width) => ({
        width,
        url: `/api/tracks/${publicTracks[0]!.id}/download?format=cover-png&size=${width}`,
      })),
      ready: true,
      share_url: `/share/${publicTracks[0]!.id}`,
    });
    expect(items[1]!.cover_url).toBeNull();
    expect(items[1]!.cover_thumbs).toEqual([]); // no cover, no renditions
    expect(items[2]!.cover_thumbs).toEqual([]); // a cover drawn before renditions existed
    // One public track: it comes first, two demos fill the row.
    publicTracks = publicTracks.slice(0, 1);
    expect((await ex.listExamples()).map((i) => [i.id, i.kind])).toEqual([
      [publicTracks[0]!.id, 'public'],
      [DEMOS[0]!.id, 'demo'],
      [DEMOS[1]!.id, 'demo'],
    ]);
    expect(renders).toEqual([]);
  });
});
