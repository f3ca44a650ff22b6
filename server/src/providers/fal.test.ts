import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeProvider, startFakeFal } from '../../test/fake-providers.ts';
import { createFalProvider, falInput } from './fal.ts';
import { hostedKeyFingerprint } from './keys.ts';
import type { HostedRequestRef, MusicRequest } from './types.ts';
import { ProviderError } from './types.ts';

// The FAL adapter driven through the real @fal-ai/client against our FAL-protocol server.

const KEY1 = 'fal-key-1-secret-aaaa';
const KEY2 = 'fal-key-2-secret-bbbb';
const song: MusicRequest = {
  prompt: 'warm indie pop about the sea',
  durationS: 30,
  seed: 1,
  styleStrength: 0.5,
  hasVocals: true,
  lyrics: '[Verse]\nThe tide comes in\n[Chorus]\nAnd we sing',
  genre: 'indie pop',
  bpm: 100,
};

describe('FAL adapter (MiniMax Music through the queue protocol)', () => {
  let fal: FakeProvider;
  beforeAll(async () => {
    fal = await startFakeFal({ keys: { [KEY1]: 'ok', [KEY2]: 'ok' } });
  });
  afterAll(() => fal?.close());
  beforeEach(() => {
    Object.assign(fal.faults, {
      keys: { [KEY1]: 'ok', [KEY2]: 'ok' },
      submit500: 0,
      status502: 0,
      queuePolls: 1,
      workPolls: 1,
      hang: false,
      result: 'audio',
      rateLimitedUntil: 0,
    });
    fal.requests.length = 0;
    fal.inputs.length = 0;
    fal.cancelled.length = 0;
  });
  const provider = (over: Partial<Parameters<typeof createFalProvider>[0]> = {}) =>
    createFalProvider({
      keys: [KEY1, KEY2],
      baseUrl: fal.url,
      model: 'fal-ai/minimax-music/v2',
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

  it('maps our request to the published inputs of each MiniMax version', () => {
    expect(falInput('fal-ai/minimax-music/v2', song)).toEqual({
      prompt: 'warm indie pop about the sea, indie pop, 100 BPM',
      lyrics_prompt: song.lyrics,
      audio_setting: { sample_rate: 44100, bitrate: 256000, format: 'mp3' },
    });
    expect(falInput('fal-ai/minimax-music/v2.6', { ...song, hasVocals: false })).toEqual({
      prompt: 'warm indie pop about the sea, indie pop, 100 BPM, instrumental',
      is_instrumental: true,
    });
    const long = falInput('fal-ai/minimax-music/v2', { ...song, prompt: 'word '.repeat(200) });
    expect((long.prompt as string).length).toBeLessThanOrEqual(300);
    expect(() => falInput('fal-ai/minimax-music/v2', { ...song, lyrics: undefined })).toThrow(/lyrics/);
  });

  it('success: submit, status, result over the queue paths; the file is decoded, mastered and re-encoded', async () => {
    const positions: number[] = [];
    fal.faults.queuePolls = 3;
    const out = await provider().generate(song, {
      onStatus: (s) => s.queuePosition !== undefined && positions.push(s.queuePosition),
    });
    const paths = fal.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths[0]).toBe('POST /fal-ai/minimax-music/v2');
    // status/result drop the /v2 path part, as FAL's queue does.
    expect(paths.some((p) => /^GET \/fal-ai\/minimax-music\/requests\/[0-9a-f-]+\/status$/.test(p))).toBe(
      true,
    );
    expect(paths.some((p) => /^GET \/fal-ai\/minimax-music\/requests\/[0-9a-f-]+$/.test(p))).toBe(true);
    expect(fal.requests[0]!.auth).toMatch(/^Key fal-key-/);
    // The CDN download carries no credentials.
    expect(fal.requests.find((r) => r.path.startsWith('/files/'))!.auth).toBeUndefined();
    expect(fal.inputs[0]).toEqual(falInput('fal-ai/minimax-music/v2', song));
    expect(positions).toEqual([2, 1, 0, 0]);
    expect(out.durationS).toBeCloseTo(3, 1);
    expect(Buffer.from(out.wav!.subarray(0, 4)).toString()).toBe('RIFF');
    expect(out.mp3[0]).toBe(0xff); // an MPEG frame of ours (LAME), not the provider's file
    expect(out.plan).toMatchObject({ source: 'fal', model: 'fal-ai/minimax-music/v2' });
    expect(Math.abs((out.plan as { integratedLufs: number }).integratedLufs - -14)).toBeLessThan(1);
    expect(JSON.stringify(out.plan)).not.toContain(fal.url); // the provider's URL goes nowhere
  });

  it('a result on a host not in FAL_RESULT_HOSTS is refused and never fetched (SSRF)', async () => {
    // The stand-in's result URL is http://127.0.0.1:…: an internal address unless listed.
    for (const resultHosts of [['fal.media', '*.fal.media'], ['*.0.0.1'], ['127.0.0.1:1']]) {
      fal.requests.length = 0;
      const err = await failure(provider({ resultHosts }).generate(song));
      expect(err).toMatchObject({ code: 'RESULT_HOST_REFUSED', retryable: false });
      expect(err.message).toMatch(
        /^fal returned a result on 127\.0\.0\.1:\d+, which is not in FAL_RESULT_HOSTS$/,
      );
      expect(fal.requests.some((r) => r.path.startsWith('/files/'))).toBe(false);
    }
    // With the host and its port pinned, the same result is fetched.
    const port = new URL(fal.url).port;
    await expect(provider({ resultHosts: [`127.0.0.1:${port}`] }).generate(song)).resolves.toBeTruthy();
  });

  it('429 with Retry-After on every key: RATE_LIMITED, retryable, with the wait', async () => {
    fal.faults.keys = { [KEY1]: 'rate-limited', [KEY2]: 'rate-limited' };
    fal.faults.retryAfterSec = 7;
    const err = await failure(provider().generate(song));
    expect(err).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    expect(err.retryAfterMs).toBeGreaterThan(6000);
    expect(fal.requests.filter((r) => r.method === 'POST')).toHaveLength(2); // no SDK retry loop
  });

  it('one key exhausted while another works: the call succeeds on the other key, and keeps using it', async () => {
    fal.faults.keys = { [KEY1]: 'rate-limited', [KEY2]: 'ok' };
    const p = provider();
    await p.generate(song);
    await p.generate(song);
    const submits = fal.requests.filter((r) => r.method === 'POST').map((r) => r.auth);
    expect(submits).toEqual([`Key ${KEY1}`, `Key ${KEY2}`, `Key ${KEY2}`]); // KEY1 cooling down
    expect((await p.health()).detail).toMatch(/1\/2 keys usable/);
  });

  it('a 502 or two while polling does not lose the generation; four in a row do', async () => {
    fal.faults.status502 = 2;
    await expect(provider().generate(song)).resolves.toMatchObject({ durationS: expect.any(Number) });
    fal.faults.status502 = 4;
    expect(await failure(provider().generate(song))).toMatchObject({ code: 'PROVIDER_DOWN' });
    // Given up: the request is cancelled at FAL (fire and forget; wait for it to land).
    for (let i = 0; i < 100 && fal.cancelled.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(fal.cancelled).toHaveLength(1);
  });

  it('500 burst: PROVIDER_DOWN, retryable, no retry loop inside the call', async () => {
    fal.faults.submit500 = 5;
    const err = await failure(provider().generate(song));
    expect(err).toMatchObject({ code: 'PROVIDER_DOWN', retryable: true });
    expect(fal.requests).toHaveLength(1);
  });

  it('timeout: the call gives up at its deadline and cancels the request', async () => {
    fal.faults.hang = true;
    const err = await failure(provider({ timeoutMs: 300 }).generate(song));
    expect(err).toMatchObject({ code: 'TIMEOUT', retryable: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(fal.cancelled).toHaveLength(1);
  });

  it('the caller aborts (a worker shutting down): the cancel has reached FAL when the call rejects', async () => {
    fal.faults.hang = true;
    fal.cancelled.length = 0;
    const stop = new AbortController();
    const call = provider().generate(song, { signal: stop.signal });
    while (!fal.requests.some((r) => r.path.endsWith('/status'))) await new Promise((r) => setTimeout(r, 10));
    stop.abort();
    expect(await failure(call)).toMatchObject({ code: 'CANCELLED' });
    expect(fal.cancelled).toHaveLength(1); // no waiting: the process may exit right after
  });

  it('hand-over: the request is reported before the wait, left running on an abort the caller asks for, and resumed without a second submission', async () => {
    fal.faults.workPolls = 100_000;
    const stop = new AbortController();
    const seen: HostedRequestRef[] = [];
    const first = provider().generate(song, {
      signal: stop.signal,
      onSubmitted: async (ref) => {
        seen.push(ref);
      },
      leaveRunning: async () => true,
    });
    while (!fal.requests.some((r) => r.path.endsWith('/status'))) await new Promise((r) => setTimeout(r, 10));
    stop.abort();
    expect(await failure(first)).toMatchObject({ code: 'CANCELLED' });
    expect(fal.cancelled).toEqual([]);
    expect(seen).toHaveLength(1);
    const ref = seen[0]!;
    expect(ref).toMatchObject({ provider: 'fal', model: 'fal-ai/minimax-music/v2' });
    expect(JSON.stringify(ref)).not.toContain('secret'); // a fingerprint, not the key

    fal.faults.workPolls = 1;
    const again: HostedRequestRef[] = [];
    const out = await provider().generate(song, {
      resume: ref,
      onSubmitted: async (r) => {
        again.push(r);
      },
    });
    expect(out.mp3.length).toBeGreaterThan(0);
    expect(fal.inputs).toHaveLength(1); // one submission in all
    expect(again).toEqual([ref]);
  });

  it('resume of a request FAL does not know (404), or made with a key we lack: a new submission', async () => {
    const ref: HostedRequestRef = {
      provider: 'fal',
      id: 'gone-request',
      model: 'fal-ai/minimax-music/v2',
      key: hostedKeyFingerprint(KEY1),
      submittedAt: new Date().toISOString(),
    };
    await provider().generate(song, { resume: ref });
    expect(fal.requests.some((r) => r.path.endsWith('/requests/gone-request/status'))).toBe(true);
    expect(fal.inputs).toHaveLength(1);
    await provider().generate(song, { resume: { ...ref, key: hostedKeyFingerprint('another-key') } });
    expect(fal.inputs).toHaveLength(2);
  });

  it('an abort the caller does not hand on cancels, and cancelRequest cancels a recorded request', async () => {
    fal.faults.hang = true;
    const stop = new AbortController();
    let ref: HostedRequestRef | undefined;
    const call = provider().generate(song, {
      signal: stop.signal,
      onSubmitted: async (r) => {
        ref = r;
      },
      leaveRunning: async () => false,
    });
    while (!fal.requests.some((r) => r.path.endsWith('/status'))) await new Promise((r) => setTimeout(r, 10));
    stop.abort();
    await failure(call);
    expect(fal.cancelled).toEqual([ref!.id]);
    fal.cancelled.length = 0;
    await provider().cancelRequest!(ref!);
    expect(fal.cancelled).toEqual([ref!.id]);
  });

  it('malformed result and audio that is not audio: BAD_OUTPUT', async () => {
    fal.faults.result = 'malformed';
    expect(await failure(provider().generate(song))).toMatchObject({ code: 'BAD_OUTPUT', retryable: true });
    fal.faults.result = 'not-audio';
    const err = await failure(provider().generate(song));
    expect(err).toMatchObject({ code: 'BAD_OUTPUT', retryable: true });
    expect(err.message).toMatch(/not usable audio/);
  });

  it('auth failure: AUTH_FAILED, not retryable; no key in the error', async () => {
    fal.faults.keys = {};
    const err = await failure(provider().generate(song));
    expect(err).toMatchObject({ code: 'AUTH_FAILED', retryable: false });
    expect(err.message).toMatch(/#\d/);
    expect(`${err.message} ${err.stack}`).not.toContain('secret');
  });

  it('a field the model does not take is a 422: REJECTED, not retryable', async () => {
    const p = createFalProvider({
      keys: [KEY1],
      baseUrl: fal.url,
      model: 'fal-ai/minimax-music/v2.5',
      timeoutMs: 5000,
      pollMs: 10,
      keyCooldownMs: 1000,
      resultHosts: ['127.0.0.1'],
    });
    // v2.5 accepts our mapping…
    await expect(p.generate({ ...song, hasVocals: false })).resolves.toBeTruthy();
    // …and the fake refuses what v2.5 does not take (proves the server checks fields).
    const res = await fetch(`${fal.url}/fal-ai/minimax-music/v2.5`, {
      method: 'POST',
      headers: { authorization: `Key ${KEY1}`, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'a long enough prompt', duration: 30 }),
    });
    expect(res.status).toBe(422);
    expect((await res.json()).detail[0]).toMatchObject({
      loc: ['body', 'duration'],
      type: 'extra_forbidden',
    });
  });
});

describe('an explicit style reaches FAL as words of the prompt', () => {
  it("adds the style's name when the prompt does not say it, once", () => {
    const input = falInput('fal-ai/minimax-music/v2.6', { ...song, genre: 'world', style: 'reggae' });
    expect(input.prompt).toBe('warm indie pop about the sea, reggae, world, 100 BPM');
    const said = falInput('fal-ai/minimax-music/v2.6', {
      ...song,
      prompt: 'Reggae by the sea',
      style: 'reggae',
    });
    expect(said.prompt).toBe('Reggae by the sea, indie pop, 100 BPM');
    const bossa = falInput('fal-ai/minimax-music/v2.6', { ...song, genre: undefined, style: 'bossa-nova' });
    expect(bossa.prompt).toBe('warm indie pop about the sea, bossa nova, 100 BPM');
  });
});
