import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeProvider, startFakeReplicate } from '../../test/fake-providers.ts';
import { hostedKeyFingerprint } from './keys.ts';
import { createReplicateProvider, replicateCall } from './replicate.ts';
import type { HostedRequestRef, MusicRequest } from './types.ts';
import { ProviderError } from './types.ts';

// The Replicate adapter driven through the real `replicate` client against our
// predictions-protocol server.

const T1 = 'r8_token_one_secret_1111';
const T2 = 'r8_token_two_secret_2222';
const VERSION = 'a'.repeat(64);
const instrumental: MusicRequest = {
  prompt: 'slow ambient pads',
  durationS: 20,
  seed: 42,
  styleStrength: 0.5,
  hasVocals: false,
  genre: 'ambient',
};
const song: MusicRequest = { ...instrumental, hasVocals: true, lyrics: '[Verse]\nHello, the night is long' };

describe('Replicate adapter (MusicGen / MiniMax through predictions)', () => {
  let rep: FakeProvider;
  beforeAll(async () => {
    rep = await startFakeReplicate({ tokens: { [T1]: 'ok', [T2]: 'ok' }, musicgenVersion: VERSION });
  });
  afterAll(() => rep?.close());
  beforeEach(() => {
    Object.assign(rep.faults, {
      keys: { [T1]: 'ok', [T2]: 'ok' },
      submit500: 0,
      status502: 0,
      queuePolls: 1,
      workPolls: 1,
      hang: false,
      result: 'audio',
      rateLimitedUntil: 0,
    });
    rep.requests.length = 0;
    rep.inputs.length = 0;
  });
  const provider = (over: Partial<Parameters<typeof createReplicateProvider>[0]> = {}) =>
    createReplicateProvider({
      tokens: [T1, T2],
      baseUrl: rep.url,
      musicgenVersion: VERSION,
      songModel: 'minimax/music-1.5',
      timeoutMs: 10_000,
      pollMs: 10,
      keyCooldownMs: 60_000,
      resultHosts: ['127.0.0.1'], // the stand-in server's files
      ...over,
    });
  const failure = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  };

  it('maps to each model’s published inputs', () => {
    const models = { musicgenVersion: VERSION, songModel: 'minimax/music-1.5' };
    expect(replicateCall(instrumental, models)).toEqual({
      target: { version: VERSION },
      label: 'meta/musicgen',
      input: {
        prompt: 'slow ambient pads, ambient, instrumental',
        model_version: 'stereo-large',
        duration: 20,
        output_format: 'wav',
        seed: 42,
      },
    });
    expect(
      replicateCall({ ...instrumental, referenceUrl: 'https://x/ref?sig=1' }, models).input,
    ).toMatchObject({
      model_version: 'stereo-melody-large',
      input_audio: 'https://x/ref?sig=1',
      continuation: false,
    });
    expect(replicateCall(song, models)).toEqual({
      target: { model: 'minimax/music-1.5' },
      label: 'minimax/music-1.5',
      input: { prompt: 'slow ambient pads, ambient', lyrics: song.lyrics },
    });
  });

  it('instrumental: a version prediction, polled to success, audio decoded and re-encoded', async () => {
    const out = await provider().generate(instrumental);
    expect(rep.requests[0]).toMatchObject({ method: 'POST', path: '/v1/predictions' });
    expect(rep.requests[0]!.auth).toMatch(/^Bearer r8_/);
    expect(rep.requests.some((r) => r.method === 'GET' && /^\/v1\/predictions\/\w+$/.test(r.path))).toBe(
      true,
    );
    expect(out.durationS).toBeCloseTo(3, 1);
    expect(out.plan).toMatchObject({ source: 'replicate', model: 'meta/musicgen' });
  });

  it('song with lyrics: the official model endpoint', async () => {
    await provider().generate(song);
    expect(rep.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/models/minimax/music-1.5/predictions',
    });
    expect(rep.inputs[0]).toEqual({ prompt: 'slow ambient pads, ambient', lyrics: song.lyrics });
  });

  it('an output on a host not in REPLICATE_RESULT_HOSTS is refused and never fetched (SSRF)', async () => {
    const err = await failure(
      provider({ resultHosts: ['replicate.delivery', '*.replicate.delivery'] }).generate(instrumental),
    );
    expect(err).toMatchObject({ code: 'RESULT_HOST_REFUSED', retryable: false });
    expect(err.message).toMatch(/which is not in REPLICATE_RESULT_HOSTS$/);
    expect(rep.requests.some((r) => r.path.startsWith('/files/'))).toBe(false);
  });

  it('429 with Retry-After on every token: RATE_LIMITED with the wait, no SDK retry loop', async () => {
    rep.faults.keys = { [T1]: 'rate-limited', [T2]: 'rate-limited' };
    rep.faults.retryAfterSec = 5;
    const err = await failure(provider().generate(instrumental));
    expect(err).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    expect(err.retryAfterMs).toBeGreaterThan(4000);
    expect(rep.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('one token exhausted while another works', async () => {
    rep.faults.keys = { [T1]: 'rate-limited', [T2]: 'ok' };
    await provider().generate(instrumental);
    expect(rep.requests.filter((r) => r.method === 'POST').map((r) => r.auth)).toEqual([
      `Bearer ${T1}`,
      `Bearer ${T2}`,
    ]);
  });

  it('500 burst, failed prediction, timeout, malformed output, not audio', async () => {
    rep.faults.submit500 = 3;
    expect(await failure(provider().generate(instrumental))).toMatchObject({ code: 'PROVIDER_DOWN' });
    rep.faults.submit500 = 0;
    rep.faults.result = 'failed';
    expect(await failure(provider().generate(instrumental))).toMatchObject({ code: 'GENERATION_FAILED' });
    rep.faults.result = 'malformed';
    expect(await failure(provider().generate(instrumental))).toMatchObject({ code: 'BAD_OUTPUT' });
    rep.faults.result = 'not-audio';
    expect(await failure(provider().generate(instrumental))).toMatchObject({ code: 'BAD_OUTPUT' });
    rep.faults.result = 'audio';
    rep.faults.hang = true;
    expect(await failure(provider({ timeoutMs: 300 }).generate(instrumental))).toMatchObject({
      code: 'TIMEOUT',
      retryable: true,
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(rep.cancelled.length).toBeGreaterThanOrEqual(1);
  });

  it('the caller aborts (a worker shutting down): the cancel has reached Replicate when the call rejects', async () => {
    rep.faults.hang = true;
    rep.cancelled.length = 0;
    const stop = new AbortController();
    const call = provider().generate(instrumental, { signal: stop.signal });
    while (rep.inputs.length === 0) await new Promise((r) => setTimeout(r, 10));
    stop.abort();
    expect(await failure(call)).toMatchObject({ code: 'CANCELLED' });
    expect(rep.cancelled).toHaveLength(1); // no waiting: the process may exit right after
  });

  it('a 502 while polling does not lose the prediction', async () => {
    rep.faults.status502 = 2;
    await expect(provider().generate(instrumental)).resolves.toMatchObject({ durationS: expect.any(Number) });
  });

  it('hand-over: the prediction is reported before the wait, left running on a handed-on abort, resumed without a second one', async () => {
    rep.faults.workPolls = 100_000;
    rep.cancelled.length = 0;
    const stop = new AbortController();
    let ref: HostedRequestRef | undefined;
    const first = provider().generate(instrumental, {
      signal: stop.signal,
      onSubmitted: async (r) => {
        ref = r;
      },
      leaveRunning: async () => true,
    });
    while (!rep.requests.some((r) => r.method === 'GET')) await new Promise((r) => setTimeout(r, 10));
    stop.abort();
    expect(await failure(first)).toMatchObject({ code: 'CANCELLED' });
    expect(rep.cancelled).toEqual([]);
    expect(ref).toMatchObject({ provider: 'replicate', model: 'meta/musicgen' });
    expect(JSON.stringify(ref)).not.toContain('secret');
    rep.faults.workPolls = 1;
    const out = await provider().generate(instrumental, { resume: ref });
    expect(out.mp3.length).toBeGreaterThan(0);
    expect(rep.inputs).toHaveLength(1);
  });

  it('resume of an unknown (404) or cancelled prediction creates a new one; cancelRequest cancels', async () => {
    const gone: HostedRequestRef = {
      provider: 'replicate',
      id: 'nosuchprediction',
      model: 'meta/musicgen',
      key: hostedKeyFingerprint(T1),
      submittedAt: new Date().toISOString(),
    };
    await provider().generate(instrumental, { resume: gone });
    expect(rep.requests.some((r) => r.path.endsWith('/predictions/nosuchprediction'))).toBe(true);
    expect(rep.inputs).toHaveLength(1);
    // A recorded prediction, cancelled (a delete): the next resume does not take it.
    rep.faults.hang = true;
    rep.cancelled.length = 0;
    const stop = new AbortController();
    let ref: HostedRequestRef | undefined;
    const call = provider().generate(instrumental, {
      signal: stop.signal,
      onSubmitted: async (r) => {
        ref = r;
      },
      leaveRunning: async () => true,
    });
    while (!ref) await new Promise((r) => setTimeout(r, 10));
    stop.abort();
    await failure(call);
    await provider().cancelRequest!(ref);
    expect(rep.cancelled).toEqual([ref.id]);
    rep.faults.hang = false;
    await provider().generate(instrumental, { resume: ref });
    expect(rep.inputs).toHaveLength(3);
  });

  it('auth failure: AUTH_FAILED, not retryable, no token in the error', async () => {
    rep.faults.keys = {};
    const err = await failure(provider().generate(instrumental));
    expect(err).toMatchObject({ code: 'AUTH_FAILED', retryable: false });
    expect(`${err.message} ${err.stack}`).not.toContain('secret');
  });
});

describe('an explicit style reaches Replicate as words of the prompt', () => {
  it("adds the style's name to MusicGen's and the song model's prompt when absent", () => {
    const models = { musicgenVersion: VERSION, songModel: 'minimax/music-1.5' };
    expect(replicateCall({ ...instrumental, genre: 'classical', style: 'waltz' }, models).input.prompt).toBe(
      'slow ambient pads, waltz, classical, instrumental',
    );
    expect(replicateCall({ ...song, style: 'ambient' }, models).input.prompt).toBe(
      'slow ambient pads, ambient',
    );
  });
});
