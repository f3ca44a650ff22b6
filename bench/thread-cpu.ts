// CPU time per thread of this process, for the engine benches (bench/engine.ts, bench/engine-ab.ts).
// A job's two busiest threads are the engine thread and its helper (the rest: the main thread, V8's
// background GC, libuv); the busier of the two bounds the job's wall time on a quiet machine,
// whatever the load does to it.
import { readdirSync, readFileSync } from 'node:fs';

/** CPU ms per thread id of this process (Linux /proc, 10 ms ticks). */
export function threadCpuMs(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, (Number(f[11]) + Number(f[12])) * 10);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

/** CPU ms each thread used since `before` (a threadCpuMs() reading), busiest first. */
export function threadCpuSince(before: Map<string, number>): number[] {
  return [...threadCpuMs()].map(([tid, ms]) => ms - (before.get(tid) ?? 0)).sort((a, b) => b - a);
}
