// Dead audio buffers (tens of MB each) are ArrayBuffers that V8 frees only when it collects, and
// an idle worker thread does not collect: without a collection after each job, a thread holds the
// last job's garbage (≈100–200 MB for a 60 s track) until the next job's allocations push it out.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/** Runs a full garbage collection in this thread (V8's `gc`, exposed once for this purpose). */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
