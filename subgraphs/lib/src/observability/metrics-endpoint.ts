import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { MetricsConfig } from '../config.js';
import { listen, sendAnswer, type JsonAnswer, type RunningServer } from '../http.js';
import { registry } from './metrics.js';

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function metricsAnswer(req: http.IncomingMessage, token: string | undefined): Promise<JsonAnswer> {
  if (token !== undefined && !tokenMatches(req.headers.authorization, token)) {
    return { status: 401, body: { error: 'metrics need the METRICS_TOKEN as a bearer token' }, headers: { 'www-authenticate': 'Bearer' } };
  }
  return { status: 200, body: await registry.metrics(), contentType: registry.contentType };
}

/**
 * /metrics on a service's own port: only with METRICS_TOKEN as a bearer token, and not at all
 * when no token is set (then Prometheus scrapes METRICS_PORT, which is not published).
 */
export function metricsRoute(config: MetricsConfig) {
  const { token } = config;
  return async (req: http.IncomingMessage): Promise<JsonAnswer> =>
    token ? metricsAnswer(req, token) : { status: 404, body: { error: 'not found' } };
}

/** The process's metrics on METRICS_PORT, for Prometheus inside the cluster; the token, when set, is asked here too. */
export function serveMetrics(config: MetricsConfig, host: string): Promise<RunningServer> | undefined {
  if (config.port === undefined) return undefined;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' || path !== '/metrics') {
      sendAnswer(res, { status: 404, body: { error: 'not found' } });
      return;
    }
    metricsAnswer(req, config.token).then(
      (answer) => sendAnswer(res, answer),
      () => sendAnswer(res, { status: 500, body: { error: 'metrics could not be collected' } }),
    );
  });
  return listen(server, config.port, host, async () => {});
}
