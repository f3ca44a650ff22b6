// Open-loop load for bench:api. Each user sends on its own Poisson clock (independent people do not
// click in step), whether or not their earlier requests have been answered, and each latency counts
// from the moment its request was due, so a slow server cannot hide its queue (no coordinated omission).

import { createRng } from '../engine/src/compose/prng.ts';

export interface OpenLoopResult {
  sent: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export async function openLoop(opts: {
  users: number;
  ratePerUser: number;
  seconds: number;
  /** Sends one request for `user` and resolves to its HTTP status once the body has arrived. */
  send: (user: number) => Promise<number>;
  seed?: number;
}): Promise<OpenLoopResult> {
  // Seeded, so two runs draw the same arrival times.
  const rng = createRng(opts.seed ?? 1, 'bench-arrivals');
  const gapMs = () => (-Math.log(1 - rng.next()) / opts.ratePerUser) * 1000;
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
