import { SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('youth-care-federation/regions');

/** A subgraph's work for one region (a loader's batch, a write) as a span of its own, its SQL inside it. */
export function inRegionSpan<R>(service: string, region: string, work: () => Promise<R>): Promise<R> {
  return tracer.startActiveSpan(`${service} ${region}`, { attributes: { 'youthcare.service': service, 'youthcare.region': region } }, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
