import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTracing, startTracing, type Tracing } from '@youth-care/lib/observability/tracing';
import { startFederation, type Federation } from './support/federation.js';

const DASHBOARD = `query RegionDashboard { region(code: "JZ21") {
  name
  contracts { id provider { name } }
  waitingTimeSummary { providersReporting { value suppressed } }
  accessStatistics(from: "2025-01-01", to: "2025-12-31") { averageDurationDays }
  monitoringComparison(years: [2024]) { year satisfaction { respondents { value } } }
} }`;

const attribute = (span: ReadableSpan, name: string) => span.attributes[name];

describe('traces', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let fed: Federation;

  beforeAll(async () => {
    tracing = registerTracing('youth-care-federation', new SimpleSpanProcessor(exporter));
    fed = await startFederation({ label: 'tracing', env: { REGIONS: 'JZ21,JZ43' } });
  });
  afterAll(async () => {
    await fed?.stop();
    await tracing?.shutdown();
  });

  it('follow one dashboard query from the gateway through all three subgraphs to the region databases, in one trace', async () => {
    exporter.reset();
    const answer = await fed.query(DASHBOARD);
    expect(answer.errors).toBeUndefined();
    const spans = exporter.getFinishedSpans();
    const gatewayRequest = spans.find((s) => s.name === 'POST /graphql gateway');
    expect(gatewayRequest, 'the gateway request span').toBeDefined();
    const traceId = gatewayRequest!.spanContext().traceId;
    const trace = spans.filter((s) => s.spanContext().traceId === traceId);

    // The gateway plans, then fetches the regions from the registry and their data from each subgraph.
    expect(trace.some((s) => s.name === 'gateway.plan')).toBe(true);
    const fetched = new Set(trace.filter((s) => s.name === 'gateway.fetch').map((s) => attribute(s, 'service')));
    expect(fetched).toEqual(new Set(['registry', 'procurement', 'access', 'monitoring']));

    // Each subgraph's server span continues the trace the gateway's traceparent header names.
    for (const service of ['procurement', 'access', 'monitoring']) {
      const server = trace.filter((s) => s.name === `POST /graphql ${service}`);
      expect(server.length, `${service} joined the trace`).toBeGreaterThan(0);
      for (const span of server) {
        const parent = trace.find((s) => s.spanContext().spanId === span.parentSpanId);
        expect(parent?.name).toBe('gateway.fetch');
      }
      // Its resolvers' reads of the region, with the region's SQL inside them.
      const region = trace.filter((s) => s.name === `${service} JZ21`);
      expect(region.length, `${service} read JZ21`).toBeGreaterThan(0);
      const statements = trace.filter((s) => attribute(s, 'db.system') === 'postgresql' && attribute(s, 'youthcare.service') === service);
      expect(statements.filter((s) => attribute(s, 'youthcare.region') === 'JZ21').length, `${service} SQL in JZ21`).toBeGreaterThan(0);
      // Every statement to a region sits in that region's span (a provider's name, say, is looked up in every region).
      for (const statement of statements.filter((s) => attribute(s, 'youthcare.region') !== 'NL01')) {
        const parent = trace.find((s) => s.spanContext().spanId === statement.parentSpanId);
        expect(parent?.name).toBe(`${service} ${String(attribute(statement, 'youthcare.region'))}`);
      }
    }
  });

  it('carry the statement text of each SQL statement, never its parameters', async () => {
    exporter.reset();
    // The AGB code reaches SQL as a parameter; it must show up in no span.
    await fed.query(`{ provider(agbCode: "99100370") { name contracts { id } } }`);
    const spans = exporter.getFinishedSpans();
    const statements = spans.filter((s) => attribute(s, 'db.system') === 'postgresql');
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) expect(String(attribute(statement, 'db.statement'))).toMatch(/^\s*(select|with|insert|update|delete)\b/i);
    expect(statements.some((s) => /\$1/.test(String(attribute(s, 'db.statement'))))).toBe(true);
    const sqlAttributes = statements.flatMap((s) => Object.values(s.attributes).map(String));
    expect(sqlAttributes.filter((v) => v.includes('99100370'))).toEqual([]);
  });

  it('are off unless the standard OTEL_* variables ask for an exporter', () => {
    expect(startTracing('gateway', {})).toBeUndefined();
    expect(startTracing('gateway', { OTEL_SERVICE_NAME: 'gateway-1' })).toBeUndefined();
    expect(startTracing('gateway', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
    expect(startTracing('gateway', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
  });
});
