import type http from 'node:http';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, propagation, trace } from '@opentelemetry/api';
import { currentRequestId } from './request-id.js';

const tracer = trace.getTracer('youth-care-federation/http');

/**
 * Runs a GraphQL request inside a server span that continues the caller's trace (the W3C
 * `traceparent` header the gateway sends), so every span of the request joins it.
 */
export function withServerSpan(req: http.IncomingMessage, service: string, work: () => Promise<void>): Promise<void> {
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  return tracer.startActiveSpan(
    `${req.method ?? 'GET'} /graphql ${service}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method ?? 'GET', 'youthcare.service': service, 'youthcare.request_id': currentRequestId() ?? '' },
    },
    parent,
    async (span) => {
      try {
        await work();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
