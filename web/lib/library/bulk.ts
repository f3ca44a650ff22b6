// Bulk actions of the library run over the API's per-track endpoints (PATCH and DELETE
// /api/tracks/:id): a page holds at most a few dozen tracks, each call is validated and
// authorised by the server as it is for one track, and a partial failure is reported per
// track instead of rolling back what the user already sees done.

export interface BulkOutcome {
  done: string[];
  failed: { id: string; message: string }[];
}

/** Runs `fn` for every id, at most `concurrency` at a time, and collects the outcome in id order. */
export async function runBulk(
  ids: readonly string[],
  fn: (id: string) => Promise<unknown>,
  concurrency = 3,
): Promise<BulkOutcome> {
  const results: ({ ok: true } | { ok: false; message: string })[] = new Array(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      try {
        await fn(ids[i]!);
        results[i] = { ok: true };
      } catch (err) {
        results[i] = { ok: false, message: err instanceof Error ? err.message : String(err) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, ids.length)) }, worker));
  const out: BulkOutcome = { done: [], failed: [] };
  ids.forEach((id, i) => {
    const r = results[i]!;
    if (r.ok) out.done.push(id);
    else out.failed.push({ id, message: r.message });
  });
  return out;
}

export type BulkAction =
  | { kind: 'delete' }
  | { kind: 'publish'; public: boolean }
  | { kind: 'move'; seriesId: string; seriesTitle: string };

const n = (k: number) => `${k} ${k === 1 ? 'track' : 'tracks'}`;

/** What happened, in one sentence (and the first reason a track was refused). */
export function describeOutcome(action: BulkAction, o: BulkOutcome): string {
  const verb =
    action.kind === 'delete'
      ? 'deleted'
      : action.kind === 'move'
        ? `added to ${action.seriesTitle}`
        : action.public
          ? 'published'
          : 'made private';
  const head = o.done.length > 0 ? `${n(o.done.length)} ${verb}.` : `Nothing was ${verb}.`;
  if (o.failed.length === 0) return head;
  return `${head} ${n(o.failed.length)} could not be: ${o.failed[0]!.message}`;
}
