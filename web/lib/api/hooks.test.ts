import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { markTrackComplete, type TrackT } from './hooks';
import { keys } from './keys';

const track = (id: string, status: TrackT['status']) => ({ id, status, title: id }) as TrackT;

describe('markTrackComplete', () => {
  it('marks the finished track COMPLETE in every cached list and its own entry, nothing else', () => {
    const qc = new QueryClient();
    const recent = { page: 1, limit: 6 };
    const library = { page: 1, limit: 12, q: '', status: '' as const };
    qc.setQueryData(keys.tracks(recent), {
      items: [track('a', 'MASTERING'), track('b', 'RENDERING')],
      total: 2,
    });
    qc.setQueryData(keys.tracks(library), { items: [track('a', 'RENDERING')], total: 1 });
    qc.setQueryData(keys.track('a'), track('a', 'RENDERING'));
    qc.setQueryData(keys.track('b'), track('b', 'RENDERING'));

    markTrackComplete(qc, 'a');

    const list = (p: object) => qc.getQueryData<{ items: TrackT[] }>(keys.tracks(p))!.items;
    expect(list(recent).map((t) => [t.id, t.status])).toEqual([
      ['a', 'COMPLETE'],
      ['b', 'RENDERING'],
    ]);
    expect(list(library)[0]!.status).toBe('COMPLETE');
    expect(qc.getQueryData<TrackT>(keys.track('a'))!.status).toBe('COMPLETE');
    expect(qc.getQueryData<TrackT>(keys.track('b'))!.status).toBe('RENDERING');
  });

  it('leaves a cache without the track untouched', () => {
    const qc = new QueryClient();
    const before = { items: [track('b', 'RENDERING')], total: 1 };
    qc.setQueryData(keys.tracks({ page: 1, limit: 6 }), before);
    markTrackComplete(qc, 'a');
    expect(qc.getQueryData(keys.tracks({ page: 1, limit: 6 }))).toEqual(before);
    expect(qc.getQueryData(keys.track('a'))).toBeUndefined();
  });
});
