/** "No likes yet", "1 like", "1,204 likes": a track's like count in words. */
export function likeCountWords(n: number): string {
  if (n <= 0) return 'No likes yet';
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'like' : 'likes'}`;
}

/**
 * The button's state after a press, before the server answers (shown at once; the answer then
 * replaces it, or the press is undone if it fails).
 */
export function afterPress(s: { liked: boolean; count: number }): { liked: boolean; count: number } {
  return s.liked ? { liked: false, count: Math.max(0, s.count - 1) } : { liked: true, count: s.count + 1 };
}
