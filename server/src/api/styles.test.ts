import { GENRES, StyleList } from '@soundfoundry/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';

describe('GET /api/styles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('publishes the style vocabulary with examples, to anyone, cacheable', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/styles' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    const body = StyleList.parse(res.json());
    expect(body.items.length).toBeGreaterThanOrEqual(56);
    const ids = body.items.map((s) => s.id);
    for (const g of GENRES) expect(ids).toContain(g);
    for (const id of [
      'reggae',
      'metal',
      'bossa-nova',
      'waltz',
      'lullaby',
      'a-cappella',
      'string-quartet',
      'phonk',
      'dancehall',
      'soca',
      'mariachi',
      'emo-rap',
    ])
      expect(ids).toContain(id);
    const waltz = body.items.find((s) => s.id === 'waltz')!;
    expect(waltz).toMatchObject({ genre: 'classical', meter: '3/4', drums: false });
    expect(body.items.find((s) => s.id === 'string-quartet')!.exclusive_ensemble).toBe(true);
    expect(body.items.find((s) => s.id === 'dubstep')!.half_time).toBe(true);
    expect(body.items.find((s) => s.id === 'phonk')).toMatchObject({ genre: 'trap', half_time: true });
    expect(body.items.find((s) => s.id === 'mariachi')).toMatchObject({
      genre: 'world',
      meter: '3/4',
      drums: false,
    });
    expect(body.items.find((s) => s.id === 'merengue')).toMatchObject({
      genre: 'world',
      meter: '2/4',
      drums: true,
    });
    expect(body.items.find((s) => s.id === 'emo-rap')).toMatchObject({ genre: 'trap', half_time: true });
  });

  it('is in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/api/styles');
  });
});
