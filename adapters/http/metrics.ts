import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The process's Prometheus metrics, on a registry of its own (tests build many). */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'ic_http_requests_total',
    help: 'HTTP requests by route and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'ic_http_request_duration_seconds',
    help: 'HTTP request duration.',
    labelNames: ['route'] as const,
    buckets: [0.005, 0.02, 0.1, 0.5, 1, 3, 10],
    registers: [this.registry],
  });
  readonly commands = new Counter({
    name: 'ic_commands_total',
    help: 'Chat commands by sub-command and outcome (ok, refused, invalid).',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(options: { defaults?: boolean } = {}) {
    if (options.defaults !== false) collectDefaultMetrics({ register: this.registry, prefix: 'ic_' });
  }
}
