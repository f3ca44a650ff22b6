'use client';

import type { TrackLike } from '@soundfoundry/contract';
import { useEffect, useRef, useState } from 'react';
import { ApiError, apiFetch } from '@/lib/api/client';
import { afterPress, likeCountWords } from '@/lib/likes';
import { signInHref } from '@/lib/routes';
import { HeartIcon } from '../ui/icons';

/**
 * Like a shared track: a toggle (aria-pressed) with the count beside it. The press shows at once
 * and the server's answer settles it. Where the page was rendered without the viewer (share), it
 * reads the viewer's like first; signed out, a press offers sign-in and comes back here.
 */
export function LikeButton({
  trackId,
  count: initialCount,
  liked: initialLiked,
  returnTo,
}: {
  trackId: string;
  count: number;
  /** Known on the app's own pages; undefined where the page does not know the viewer. */
  liked?: boolean;
  /** The page to come back to after signing in. */
  returnTo: string;
}) {
  const [state, setState] = useState({ liked: initialLiked ?? false, count: initialCount });
  const [known, setKnown] = useState(initialLiked !== undefined);
  const [problem, setProblem] = useState<'sign-in' | string | null>(null);
  const pending = useRef(false);

  useEffect(() => {
    if (initialLiked !== undefined) return;
    const ctl = new AbortController();
    apiFetch<TrackLike>(`/api/tracks/${trackId}/like`, { signal: ctl.signal })
      .then((r) => {
        setState({ liked: r.liked, count: r.like_count });
        setKnown(true);
      })
      .catch(() => setKnown(true)); // the server's count stays; a press will say what is wrong
    return () => ctl.abort();
  }, [trackId, initialLiked]);

  async function press() {
    if (pending.current) return;
    pending.current = true;
    const before = state;
    setState(afterPress(before));
    setProblem(null);
    try {
      const r = await apiFetch<TrackLike>(`/api/tracks/${trackId}/like`, {
        method: before.liked ? 'DELETE' : 'PUT',
      });
      setState({ liked: r.liked, count: r.like_count });
    } catch (err) {
      setState(before);
      setProblem(err instanceof ApiError && err.status === 401 ? 'sign-in' : (err as Error).message);
    } finally {
      pending.current = false;
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        aria-pressed={state.liked}
        aria-describedby={`likes-${trackId}`}
        aria-busy={!known || undefined}
        onClick={press}
        className="inline-flex items-center gap-2 rounded-lg border border-line px-3 py-1.5 text-sm font-medium hover:bg-surface-2 aria-pressed:border-accent aria-pressed:text-accent-text"
      >
        <HeartIcon className={`size-4 ${state.liked ? '' : 'opacity-40'}`} />
        {/* One name in both states (the pressed state is aria-pressed, and the filled heart). */}
        Like
      </button>
      <span id={`likes-${trackId}`} className="tabular text-sm text-muted" data-testid="like-count">
        {likeCountWords(state.count)}
      </span>
      <span role="status" className="w-full text-sm empty:hidden">
        {problem === 'sign-in' ? (
          <a href={signInHref(returnTo)} className="font-medium text-accent-text hover:underline">
            Sign in to like tracks
          </a>
        ) : (
          problem && <span className="text-danger">{problem}</span>
        )}
      </span>
    </div>
  );
}
