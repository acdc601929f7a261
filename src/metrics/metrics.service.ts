import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Gauge, GaugeConfiguration, Histogram, Registry } from 'prom-client';

/** The route label of a request answered before any route matched it (an unknown path, a body refused). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The template of the route that answered. Express leaves the last route it dispatched in `req.route`; each Nest
 * handler is a route for one method, while module middleware is mounted on every path for every method (nestjs-pino's
 * logger, as `/{*path}`). So a request that reached no handler is left naming that middleware: it is counted as
 * unmatched, which also keeps unknown paths out of the labels.
 */
function routeTemplate(req: Request): string {
  const route = req.route as { path?: unknown; methods?: Record<string, boolean> } | undefined;
  if (typeof route?.path !== 'string' || Object.keys(route.methods ?? {}).length !== 1)
    return UNMATCHED_ROUTE;
  return `${req.baseUrl}${route.path}`;
}

let processRegistry: Registry | undefined;

/**
 * The default metrics (CPU, memory, event loop, GC, handles) describe the process, not an app: they are collected
 * once per process into a registry of their own and shown by every app in it. Collecting them per app would start
 * another event-loop monitor and GC observer for each app a test makes, none of which is ever stopped. prom-client's
 * global registry is not used.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * Owns this app's metrics registry: the instruments other code records into (requests, alert lag) and the gauges
 * computed at each scrape (metrics.collectors.ts). It depends on nothing, so that any module can record into it.
 */
@Injectable()
export class MetricsService {
  private readonly registry = new Registry();

  private readonly requests = new Histogram({
    name: 'breach_desk_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status class, and how long each took to answer',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly alertLag = new Histogram({
    name: 'breach_desk_alert_lag_seconds',
    help: 'How long after its instant an alert stage (50, 80, 100 % of the window) was fired by the alert scan',
    labelNames: ['stage'] as const,
    // A scan every 60 s fires within a minute; the larger buckets show stages that passed while nothing ran.
    buckets: [1, 5, 15, 30, 60, 120, 300, 900, 3600, 6 * 3600, 24 * 3600],
    registers: [this.registry],
  });

  /**
   * Times every request the app answers, refused or not. The route is Express's template (`/incidents/:id`), never
   * the URL, so that ids and query strings do not become labels.
   */
  readonly httpMiddleware = (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      this.requests.observe(
        {
          method: req.method,
          route: routeTemplate(req),
          status_class: `${Math.floor(res.statusCode / 100)}xx`,
        },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  };

  /** An alert stage fired `seconds` after its instant. */
  observeAlertLag(stage: number, seconds: number): void {
    this.alertLag.observe({ stage: String(stage) }, Math.max(0, seconds));
  }

  /** A gauge in this app's registry; its `collect` runs at each scrape. */
  gauge<T extends string>(config: Omit<GaugeConfiguration<T>, 'registers'>): Gauge<T> {
    return new Gauge<T>({ ...config, registers: [this.registry] });
  }

  /** The Prometheus text exposition of this app's metrics and the process's. */
  render(): Promise<string> {
    return Registry.merge([this.registry, processMetrics()]).metrics();
  }
}
