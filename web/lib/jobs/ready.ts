import { create } from 'zustand';

// A finished track announces itself (UI.md): a polite live region that outlives the job's progress
// block says "“Title” is ready", and where the person started the render (Create, the track page)
// focus moves to the track's Play button. The progress block is unmounted as soon as the track is
// COMPLETE, so neither can live in it: its own live region was in the page for ~3 ms.

/** What the live region says when a render finishes. */
export const readyMessage = (title: string) => `“${title}” is ready`;

/** The little of a DOM element the focus rule reads (plain objects in tests). */
export interface FocusLike {
  tagName: string;
  isContentEditable?: boolean;
}

/** Fields people type or choose in: focus is never taken from one. */
export function isField(el: FocusLike): boolean {
  return /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable === true;
}

/**
 * Whether a finished track may take focus: only when the person has not moved it since the
 * progress appeared (still on Generate, or nowhere: the page's body), and never from a field
 * they may be typing in (Ctrl+Enter leaves focus in the prompt).
 */
export function mayTakeFocus(
  active: FocusLike | null,
  from: FocusLike | null,
  body: FocusLike | null,
): boolean {
  if (!active || active === body) return true;
  if (isField(active)) return false;
  return active === from;
}

/** How long a Play button may answer a focus request: a late one would surprise. */
export const FOCUS_REQUEST_MS = 5000;

interface ReadyState {
  /** The live region's text (components/ui/announcer.tsx, in the app layout). */
  message: string;
  /** A track whose Play button should take focus when it appears, if `mayTakeFocus` still holds. */
  focus: { trackId: string; from: Element | null; at: number } | null;
}

export const useReady = create<ReadyState>(() => ({ message: '', focus: null }));

const announced = new Set<string>();

/**
 * A render finished while its progress was on screen: announced once per job (several views, or
 * React's development double effects, may see the same job finish), with a focus request when
 * `focusFrom` is given (the element focused when the progress appeared).
 */
export function announceReady(o: {
  jobId: string;
  trackId: string;
  title: string;
  focusFrom?: Element | null;
  now?: number;
}) {
  if (announced.has(o.jobId)) return;
  announced.add(o.jobId);
  useReady.setState({
    message: readyMessage(o.title),
    ...(o.focusFrom !== undefined
      ? { focus: { trackId: o.trackId, from: o.focusFrom, at: o.now ?? Date.now() } }
      : {}),
  });
}

/** The focus request for `trackId`, taken (cleared) if it is still fresh; else null. */
export function takeFocusRequest(trackId: string, now = Date.now()): { from: Element | null } | null {
  const req = useReady.getState().focus;
  if (!req || req.trackId !== trackId) return null;
  useReady.setState({ focus: null });
  return now - req.at <= FOCUS_REQUEST_MS ? { from: req.from } : null;
}
