import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one process, served at /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: 'job_duration_seconds',
    help: 'Time from claim to the end of a generate-music job',
    labelNames: ['outcome'] as const,
    buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600],
    registers: [registry],
  });
  const jobsTotal = new Counter({
    name: 'jobs_total',
    help: 'Finished generate-music jobs by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  let depthSource: (() => Promise<number>) | null = null;
  new Gauge({
    name: 'queue_depth',
    help: 'Jobs waiting or running',
    registers: [registry],
    async collect() {
      if (depthSource) this.set(await depthSource().catch(() => -1));
    },
  });
  return {
    registry,
    httpDuration,
    observeJob(outcome: 'complete' | 'failed', seconds: number) {
      jobDuration.observe({ outcome }, seconds);
      jobsTotal.inc({ outcome });
    },
    setQueueDepthSource(fn: () => Promise<number>) {
      depthSource = fn;
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
