import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RESULT_HOSTS, fetchResult, isAllowedResultUrl, parseResultHosts } from './result-hosts.ts';
import { ProviderError } from './types.ts';

describe('result host allow-list', () => {
  const fal = parseResultHosts(DEFAULT_RESULT_HOSTS.fal);
  const allowed = (url: string, hosts: readonly string[] = fal) => isAllowedResultUrl(new URL(url), hosts);

  it('parses a comma list, trimmed and lower-cased', () => {
    expect(parseResultHosts(' Fal.Media, *.fal.media ,,')).toEqual(['fal.media', '*.fal.media']);
    expect(parseResultHosts('')).toEqual([]);
  });

  it('the defaults take the providers’ CDNs and nothing internal', () => {
    expect(allowed('https://v3.fal.media/files/x/a.mp3')).toBe(true);
    expect(allowed('https://fal.media/a.mp3')).toBe(true);
    expect(
      allowed('https://replicate.delivery/pbxt/a.wav', parseResultHosts(DEFAULT_RESULT_HOSTS.replicate)),
    ).toBe(true);
    for (const url of [
      'http://127.0.0.1:6379/',
      'http://169.254.169.254/latest/meta-data/',
      'http://localhost/',
      'http://[::1]/',
      'https://evilfal.media/a.mp3', // a suffix match needs the dot
      'https://fal.media.evil.example/a.mp3',
      'https://user:pw@v3.fal.media/a.mp3',
      'file:///etc/passwd',
      'ftp://v3.fal.media/a.mp3',
    ]) {
      expect(allowed(url), url).toBe(false);
    }
  });

  it('host:port pins the port; a bare host takes any port', () => {
    expect(allowed('http://127.0.0.1:8080/f', ['127.0.0.1:8080'])).toBe(true);
    expect(allowed('http://127.0.0.1:8081/f', ['127.0.0.1:8080'])).toBe(false);
    expect(allowed('http://127.0.0.1:8081/f', ['127.0.0.1'])).toBe(true);
  });

  it('a wildcard never matches an IP address', () => {
    expect(allowed('http://127.0.0.1/f', ['*.0.0.1'])).toBe(false);
    expect(allowed('http://a.b.example/f', ['*.b.example'])).toBe(true);
  });
});

describe('fetchResult', () => {
  let server: Server;
  let origin: string;
  const hits: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/to-internal') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      } else if (req.url === '/to-file') {
        res.writeHead(307, { location: '/file' }).end();
      } else if (req.url === '/loop') {
        res.writeHead(302, { location: '/loop' }).end();
      } else {
        res.writeHead(200, { 'content-type': 'audio/wav' }).end('RIFF');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const get = (path: string, hosts: readonly string[] = ['127.0.0.1']) =>
    fetchResult(`${origin}${path}`, { provider: 'fal', hosts, setting: 'FAL_RESULT_HOSTS', fetch });
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('expected a refusal');
      },
      (e: unknown) => e as ProviderError,
    );

  it('a host not listed is refused before any request is made', async () => {
    hits.length = 0;
    const err = await refusal(get('/file', ['fal.media']));
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ code: 'RESULT_HOST_REFUSED', retryable: false });
    expect(err.message).toBe(
      `fal returned a result on ${new URL(origin).host}, which is not in FAL_RESULT_HOSTS`,
    );
    expect(hits).toEqual([]);
  });

  it('redirects are followed only to listed hosts', async () => {
    const ok = await get('/to-file');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('RIFF');
    const err = await refusal(get('/to-internal'));
    expect(err).toMatchObject({ code: 'RESULT_HOST_REFUSED' });
    expect(err.message).toContain('169.254.169.254');
  });

  it('a redirect loop ends after a few hops', async () => {
    hits.length = 0;
    const err = await refusal(get('/loop'));
    expect(err).toMatchObject({ code: 'BAD_OUTPUT' });
    expect(hits).toHaveLength(4);
  });
});
