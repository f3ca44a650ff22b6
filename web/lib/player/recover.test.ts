import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { PLAYBACK_WORDS, recoverPlayback } from './recover';
import { usePlayer } from './store';

const t = { id: 't1', title: 'Night Drive' };
const fresh = { id: 't1', status: 'COMPLETE', file_url: 'http://api.example/api/files/u/t1.mp3?sig=new' };

describe('playback recovery', () => {
  it('a failed file is fetched again once, and retried at its freshly signed address', async () => {
    const asked: string[] = [];
    const r = await recoverPlayback(t, false, async (id) => {
      asked.push(id);
      return fresh;
    });
    expect(asked).toEqual(['t1']);
    expect(r).toEqual({ retry: '/api/files/u/t1.mp3?sig=new' });
    // No file address in the record: the download path.
    expect(await recoverPlayback(t, false, async () => ({ ...fresh, file_url: null }))).toEqual({
      retry: '/api/tracks/t1/download?format=mp3',
    });
  });

  it('a second failure, a deleted or unfinished track are said in words and skipped', async () => {
    expect(await recoverPlayback(t, true, async () => fresh)).toEqual({
      message: PLAYBACK_WORDS.failed('Night Drive'),
      skip: true,
    });
    const gone = await recoverPlayback(t, false, async () => {
      throw new ApiError('Not found', 404, 'NOT_FOUND');
    });
    expect(gone).toEqual({
      message: '“Night Drive” was deleted, so it can no longer be played.',
      skip: true,
    });
    expect(await recoverPlayback(t, false, async () => ({ ...fresh, status: 'FAILED' }))).toMatchObject({
      skip: true,
    });
  });

  it('the network failing is said, without skipping', async () => {
    const r = await recoverPlayback(t, false, async () => {
      throw new TypeError('fetch failed');
    });
    expect(r).toEqual({ message: PLAYBACK_WORDS.offline('Night Drive'), skip: false });
  });

  it('the store keeps the failure until something plays; reload swaps in the fresh address', () => {
    const audio = {
      src: '',
      currentTime: 0,
      paused: true,
      volume: 1,
      play: () => Promise.resolve(),
      pause() {},
      load() {},
    } as unknown as HTMLAudioElement;
    const p = usePlayer.getState();
    p.attach(audio);
    p.play({ id: 't1', title: 'Night Drive', src: '/old', durationS: 30 });
    usePlayer.getState().sync({ time: 12 });
    usePlayer.getState().fail('it failed');
    expect(usePlayer.getState()).toMatchObject({ failure: 'it failed', playing: false });
    usePlayer.getState().reload('t1', '/fresh');
    expect(audio.src).toBe('/fresh');
    expect(audio.currentTime).toBe(12);
    expect(usePlayer.getState().failure).toBeNull();
    expect(usePlayer.getState().track?.src).toBe('/fresh');
    usePlayer.getState().reload('other', '/nope'); // another track meanwhile: nothing changes
    expect(audio.src).toBe('/fresh');
    usePlayer.getState().fail('again');
    usePlayer.getState().play({ id: 't2', title: 'Next', src: '/t2', durationS: 30 });
    expect(usePlayer.getState().failure).toBeNull();
  });
});
