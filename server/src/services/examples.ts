import type { ExampleTrack } from '@soundfoundry/contract';
import { COVER_THUMB_WIDTHS, trackDownloadPath } from '@soundfoundry/contract/constants';
import type { GenerateParams } from '@soundfoundry/engine';
import { AppError } from './errors.ts';
import type { ObjectStorage } from './storage/types.ts';

// Example tracks for the landing page: real music, never placeholders. The newest public
// tracks, and fixed demos in the places left (all of them on a fresh install), each demo
// rendered once by the local engine when first wanted (at most one render at a time,
// whatever the number of visitors) and kept in storage from then on.
// The audio route is public, so a render is bounded: it is stopped after RENDER_TIMEOUT_MS,
// and a demo whose render failed is not tried again for RETRY_AFTER_FAILURE_MS (visitors get
// 503 with Retry-After at once), so a broken engine costs one render a minute, not one per request.

export interface Demo {
  id: string;
  title: string;
  prompt: string;
  genre: NonNullable<GenerateParams['genre']>;
  seed: number;
}

export const DEMOS: readonly Demo[] = [
  {
    id: 'rainy-window',
    title: 'Rainy Window',
    prompt: 'dusty lo-fi hip hop, rainy night, mellow Rhodes piano',
    genre: 'lo-fi',
    seed: 1207,
  },
  {
    id: 'first-light',
    title: 'First Light',
    prompt: 'uplifting cinematic orchestra with soaring strings at sunrise',
    genre: 'cinematic',
    seed: 4411,
  },
  {
    id: 'midnight-drive',
    title: 'Midnight Drive',
    prompt: 'driving techno at 128 BPM with a rolling bassline',
    genre: 'techno',
    seed: 9021,
  },
];
/** The engine's shortest track: enough to hear what it makes, cheap to render once. */
export const DEMO_DURATION_S = 15;
/** Part of the storage key: raise it when the engine's sound changes enough to render the demos anew. */
const DEMO_VERSION = 1;
const PUBLIC_SHOWN = 3;
/** A 15 s demo renders in about a second; a render still running after this has gone wrong. */
export const RENDER_TIMEOUT_MS = 120_000;
export const RETRY_AFTER_FAILURE_MS = 60_000;

export const demoKey = (d: Pick<Demo, 'id'>) => `examples/${d.id}-v${DEMO_VERSION}.mp3`;

export interface PublicExampleSource {
  id: string;
  title: string;
  prompt: string;
  genre: string | null;
  durationS: number;
  seed: number;
  hasCover: boolean;
  /** The current cover also exists at 256 and 512 px (covers drawn before them do not). */
  hasCoverThumbs: boolean;
}

export interface ExamplesDeps {
  storage: ObjectStorage;
  /** The newest public, finished tracks (at most `limit`). */
  newestPublic(limit: number): Promise<PublicExampleSource[]>;
  /** Renders one demo to MP3 bytes (the local engine in a worker thread); stops when `signal` aborts. */
  render(params: GenerateParams, signal: AbortSignal): Promise<Uint8Array>;
  /** A render failed or timed out (for the log; visitors get a plain 503). */
  onRenderError?(demoId: string, err: unknown): void;
  renderTimeoutMs?: number;
  retryAfterFailureMs?: number;
  /** The clock (ms), for the cool-down after a failed render. */
  now?: () => number;
}

export interface Examples {
  listExamples(): Promise<ExampleTrack[]>;
  /** The demo's storage key once it is rendered and stored (rendering it first if needed). */
  ensureDemo(id: string): Promise<string>;
  /** Renders every demo not stored yet, one after another, in the background. */
  warmDemos(): void;
}

export function createExamples(deps: ExamplesDeps): Examples {
  const stored = new Set<string>(); // demo ids known to be in storage
  const inFlight = new Map<string, Promise<string>>();
  const failedAt = new Map<string, number>(); // demo id → when its last render failed
  let chain: Promise<unknown> = Promise.resolve(); // one render at a time
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.renderTimeoutMs ?? RENDER_TIMEOUT_MS;
  const coolDownMs = deps.retryAfterFailureMs ?? RETRY_AFTER_FAILURE_MS;
  /** Ms until a demo whose render failed may be tried again, or 0. */
  const coolingFor = (id: string) => {
    const at = failedAt.get(id);
    return at === undefined ? 0 : Math.max(0, at + coolDownMs - now());
  };
  const unavailable = (retryAfterMs: number) =>
    new AppError(503, 'SERVICE_UNAVAILABLE', 'This example could not be prepared just now; try again.', {
      retry_after_s: Math.max(1, Math.ceil(retryAfterMs / 1000)),
    });

  /** One render with its deadline: the engine is stopped when the time is up. */
  const renderBounded = async (demo: Demo): Promise<Uint8Array> => {
    const stop = new AbortController();
    const timer = setTimeout(
      () => stop.abort(new Error(`demo render took longer than ${timeoutMs} ms`)),
      timeoutMs,
    );
    try {
      const params = {
        prompt: demo.prompt,
        durationSec: DEMO_DURATION_S,
        seed: demo.seed,
        genre: demo.genre,
      };
      return await Promise.race([
        deps.render(params, stop.signal),
        new Promise<never>((_, reject) =>
          stop.signal.addEventListener('abort', () => reject(stop.signal.reason), { once: true }),
        ),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };

  const isStored = async (d: Demo) => {
    if (stored.has(d.id)) return true;
    if (await deps.storage.exists(demoKey(d))) stored.add(d.id);
    return stored.has(d.id);
  };

  const ensureDemo = (id: string): Promise<string> => {
    const demo = DEMOS.find((d) => d.id === id);
    if (!demo) return Promise.reject(new AppError(404, 'NOT_FOUND', 'There is no such example.'));
    const running = inFlight.get(id);
    if (running) return running;
    const job = (async () => {
      if (await isStored(demo)) return demoKey(demo);
      const cooling = coolingFor(id);
      if (cooling > 0) throw unavailable(cooling);
      const turn = chain.then(async () => {
        if (await isStored(demo)) return;
        const mp3 = await renderBounded(demo);
        await deps.storage.put(demoKey(demo), mp3, {
          contentType: 'audio/mpeg',
          cacheControl: 'public, max-age=31536000, immutable',
        });
        stored.add(demo.id);
        failedAt.delete(demo.id);
      });
      chain = turn.catch(() => {}); // a failed render must not block the next one
      try {
        await turn;
      } catch (err) {
        failedAt.set(id, now());
        deps.onRenderError?.(id, err);
        throw unavailable(coolDownMs);
      }
      return demoKey(demo);
    })().finally(() => inFlight.delete(id));
    inFlight.set(id, job);
    return job;
  };

  return {
    async listExamples() {
      const pub = await deps.newestPublic(PUBLIC_SHOWN).catch(() => []);
      const shown: ExampleTrack[] = pub.map((t) => ({
        id: t.id,
        kind: 'public' as const,
        title: t.title,
        prompt: t.prompt,
        genre: t.genre,
        duration_s: t.durationS,
        seed: t.seed,
        // Download routes, not signed URLs: a storage key names the owner (users/{id}/…).
        audio_url: trackDownloadPath(t.id, 'mp3'),
        cover_url: t.hasCover ? trackDownloadPath(t.id, 'cover-png') : null,
        cover_thumbs:
          t.hasCover && t.hasCoverThumbs
            ? COVER_THUMB_WIDTHS.map((width) => ({
                width,
                url: trackDownloadPath(t.id, 'cover-png', { size: width }),
              }))
            : [],
        ready: true,
        share_url: `/share/${t.id}`,
      }));
      // Fewer public tracks than places: demos fill the rest, so the row is always full.
      const demos = await Promise.all(
        DEMOS.slice(0, Math.max(0, PUBLIC_SHOWN - shown.length)).map(async (d) => ({
          id: d.id,
          kind: 'demo' as const,
          title: d.title,
          prompt: d.prompt,
          genre: d.genre,
          duration_s: DEMO_DURATION_S,
          seed: d.seed,
          audio_url: `/api/examples/${d.id}/audio`,
          cover_url: null,
          cover_thumbs: [],
          ready: await isStored(d).catch(() => false),
          share_url: null,
        })),
      );
      return [...shown, ...demos];
    },
    ensureDemo,
    warmDemos() {
      for (const d of DEMOS) {
        if (!stored.has(d.id) && coolingFor(d.id) === 0) ensureDemo(d.id).catch(() => {});
      }
    },
  };
}

/**
 * Renders with a fresh engine thread each time and closes it after: demos are rendered a
 * handful of times in a deployment's life, so the soundfont is not kept in memory for them.
 */
export async function renderWithLocalEngine(
  params: GenerateParams,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const engine = await import('@soundfoundry/engine');
  const worker = engine.createEngineWorker();
  // A render stopped by its deadline: closing terminates the thread mid-render.
  const stop = () => void worker.close();
  signal.addEventListener('abort', stop, { once: true });
  try {
    return (await worker.generate(params)).mp3;
  } finally {
    signal.removeEventListener('abort', stop);
    await worker.close();
  }
}
