// Open-loop load for bench:api. Each user sends on its own Poisson clock (independent people do not
// click in step), whether or not their earlier requests have been answered, and each latency counts
// from the moment its request was due, so a slow server cannot hide its queue (no coordinated omission).

export interface OpenLoopResult {
  sent: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** mulberry32: a small seeded generator, so two runs draw the same arrival times. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function openLoop(opts: {
  users: number;
  ratePerUser: number;
  seconds: number;
  /** Sends one request for `user` and resolves to its HTTP status once the body has arrived. */
  send: (user: number) => Promise<number>;
  seed?: number;
}): Promise<OpenLoopResult> {
  const next = random(opts.seed ?? 1);
  const gapMs = () => (-Math.log(1 - next()) / opts.ratePerUser) * 1000;
  const start = performance.now();
  const end = start + opts.seconds * 1000;
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let errors = 0;
  await Promise.all(
    Array.from({ length: opts.users }, async (_, user) => {
      for (let due = start + gapMs(); due < end; due += gapMs()) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const dueAt = due;
        pending.push(
          opts.send(user).then(
            (status) => {
              if (status >= 400) errors++;
              latencies.push(performance.now() - dueAt);
            },
            () => {
              errors++;
            },
          ),
        );
      }
    }),
  );
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN);
  return {
    sent: pending.length,
    rps: pending.length / opts.seconds,
    p50: at(0.5),
    p99: at(0.99),
    errors,
  };
}
