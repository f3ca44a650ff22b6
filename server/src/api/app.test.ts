import { afterAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, validTrack } from '../../test/harness.ts';
import { isApiPath, redactSignatures } from './app.ts';

describe('app shell', () => {
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.rt.close();
  });

  it('never logs URL signatures', () => {
    expect(redactSignatures('/api/files/users/a/b.mp3?exp=1&sig=abcdef&x=1')).toBe(
      '/api/files/users/a/b.mp3?exp=1&sig=redacted&x=1',
    );
    expect(redactSignatures('/b/k?X-Amz-Credential=AK%2F1&X-Amz-Signature=ff00')).toBe(
      '/b/k?X-Amz-Credential=redacted&X-Amz-Signature=redacted',
    );
    expect(redactSignatures('/api/tracks?q=sig')).toBe('/api/tracks?q=sig');
  });

  it('closing the server ends open SSE streams instead of hanging on them', async () => {
    t = await startTestApp({ db: 'pglite' });
    const u = await signUp(t);
    const { job_id } = (await u.post('/api/tracks', validTrack())).json();
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/api/jobs/${job_id}/events`, {
      headers: { cookie: (u as unknown as { cookie: string }).cookie },
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    const first = await reader.read();
    text += new TextDecoder().decode(first.value);
    const closing = t.app.close();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await closing;
    expect(text).toContain('retry: 2000');
  });
});

describe('which requests are the API’s (the rest go to the web app)', () => {
  it('by the decoded, normalised path and by the path as sent', () => {
    for (const url of [
      '/api/tracks',
      '/%61pi/tracks',
      '/API/tracks?x=1',
      '/health',
      '/docs/json',
      // Sent to the API, even if its dot segments resolve elsewhere: the API's JSON 404, not a page.
      '/api/tracks/..%2F..%2Fetc',
      '/api/files/..%2f..%2fsecret.key',
      '/api/jobs/..%2F..%2Fetc/events',
      '/%zz', // undecodable: Fastify answers it in the error shape
    ])
      expect(isApiPath(url), url).toBe(true);
    for (const url of [
      '/',
      '/library',
      '/tracks/abc',
      '/apiary',
      '/share/x?next=/api/tracks',
      '/_next/static/x.js',
    ])
      expect(isApiPath(url), url).toBe(false);
  });
});
