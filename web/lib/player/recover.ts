import { trackDownloadPath } from '@soundfoundry/contract/constants';
import { ApiError } from '../api/client';
import { sameOriginFileUrl } from '../urls';

/** What the player does when its file fails to load: retry with a fresh address, or say why not. */
export type Recovery = { retry: string } | { message: string; skip: boolean };

export const PLAYBACK_WORDS = {
  deleted: (title: string) => `“${title}” was deleted, so it can no longer be played.`,
  unfinished: (title: string) => `“${title}” has no audio to play yet.`,
  failed: (title: string) =>
    `“${title}” could not be played: its file did not load. Press Play to try again, or try later.`,
  offline: (title: string) =>
    `“${title}” could not be played: the server did not answer. Check your connection and press Play to try again.`,
} as const;

/**
 * The <audio> refused its file (`audio.error`: an expired signed address answers 403, a deleted
 * track's file 404). The track is asked for again: a fresh record carries a freshly signed address,
 * tried once (`retried` says whether this track's fresh address has already failed). A track that is
 * gone, or a second failure, is said in words; `skip` tells the player to move on in its queue
 * (as music players skip what they cannot play), never when only the network failed.
 */
export async function recoverPlayback(
  track: { id: string; title: string },
  retried: boolean,
  fetchTrack: (id: string) => Promise<{ id: string; status: string; file_url: string | null }>,
): Promise<Recovery> {
  let fresh: { id: string; status: string; file_url: string | null };
  try {
    fresh = await fetchTrack(track.id);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403))
      return { message: PLAYBACK_WORDS.deleted(track.title), skip: true };
    return { message: PLAYBACK_WORDS.offline(track.title), skip: false };
  }
  if (fresh.status !== 'COMPLETE') return { message: PLAYBACK_WORDS.unfinished(track.title), skip: true };
  if (retried) return { message: PLAYBACK_WORDS.failed(track.title), skip: true };
  return { retry: sameOriginFileUrl(fresh.file_url) ?? trackDownloadPath(fresh.id, 'mp3') };
}
