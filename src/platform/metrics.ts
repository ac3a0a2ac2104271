/**
 * The process's metrics, in Prometheus' format (`GET /metrics`, prom-client): request latency by route,
 * consume decisions and group-commit batch sizes, webhook and e-mail delivery outcomes, the job
 * queue's lag and the database pool's use, besides Node's own (event loop, heap, GC). One registry
 * per process — a process is one server — which the instrumented modules write to directly; what is
 * read from a running app (its pool, its job table) is registered by the app and dropped at close.
 * No label carries a tenant, an account or an id: a scrape shows load, never whose.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'allot_' });

export const httpDuration = new Histogram({
  name: 'allot_http_request_duration_seconds',
  help: 'Time to answer a request, by method, route pattern and status code.',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const consumeDecisions = new Counter({
  name: 'allot_consume_decisions_total',
  help: 'Consumes decided, by outcome: allowed, refused (quota_exceeded), replayed (a known idempotency key).',
  labelNames: ['decision'] as const,
  registers: [registry],
});

export const consumeBatchSize = new Histogram({
  name: 'allot_consume_batch_size',
  help: 'Consumes decided together by one group commit.',
  buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
  registers: [registry],
});

export const webhookDeliveries = new Counter({
  name: 'allot_webhook_deliveries_total',
  help: 'Webhook delivery attempts, by outcome: delivered (2xx), failed (an answer other than 2xx), error (no answer).',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const emailDeliveries = new Counter({
  name: 'allot_email_deliveries_total',
  help: 'E-mails handed to the SMTP server, by outcome: sent, retry (a temporary failure), failed.',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

/** What a running app lets a scrape read: its pool and its job queue. */
export interface MetricSource {
  pool?: () => { total: number; idle: number; waiting: number; max: number } | null;
  /** Seconds the oldest job due now has waited, 0 when none is due. */
  jobLag?: () => Promise<number>;
}
const sources = new Set<MetricSource>();

export function watch(source: MetricSource): () => void {
  sources.add(source);
  return () => sources.delete(source);
}

new Gauge({
  name: 'allot_db_pool_connections',
  help: 'PostgreSQL pool connections, by state: total, idle, waiting (clients queued for one) and max.',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const s of sources) {
      const p = s.pool?.();
      if (!p) continue;
      for (const state of ['total', 'idle', 'waiting', 'max'] as const) this.inc({ state }, p[state]);
    }
  },
});

new Gauge({
  name: 'allot_job_queue_lag_seconds',
  help: 'How long the oldest due job has waited to be run.',
  registers: [registry],
  async collect() {
    let lag = 0;
    for (const s of sources) if (s.jobLag) lag = Math.max(lag, await s.jobLag().catch(() => 0));
    this.set(lag);
  },
});
