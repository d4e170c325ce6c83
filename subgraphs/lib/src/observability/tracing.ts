import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource, envDetectorSync } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, NodeTracerProvider, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { Env } from '../config.js';

export interface Tracing {
  /** Sends the spans still buffered and stops. */
  shutdown(): Promise<void>;
}

/**
 * Registers the process's tracer: spans go to `processor`, the trace context travels in W3C
 * `traceparent` headers and follows async work (AsyncLocalStorage). Until this runs, every span
 * the code starts is a no-op that costs next to nothing.
 */
export function registerTracing(serviceName: string, processor: SpanProcessor): Tracing {
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, when set, win over the default name.
  const resource = new Resource({ 'service.name': serviceName }).merge(envDetectorSync.detect());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}

/** The exporter the standard OTEL_* variables ask for; none when they ask for none. */
function exporterFrom(env: Env): SpanExporter | undefined {
  if (env.OTEL_SDK_DISABLED === 'true') return undefined;
  const kind = env.OTEL_TRACES_EXPORTER ?? (env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? 'otlp' : 'none');
  if (kind === 'otlp') return new OTLPTraceExporter();
  if (kind === 'console') return new ConsoleSpanExporter();
  return undefined;
}

/**
 * Tracing as the standard OTEL_* variables configure it: OTEL_EXPORTER_OTLP_ENDPOINT (or
 * ..._TRACES_ENDPOINT) sends spans over OTLP/HTTP, OTEL_SERVICE_NAME names the service,
 * OTEL_TRACES_EXPORTER=console prints them. Off when none is set.
 */
export function startTracing(serviceName: string, env: Env = process.env): Tracing | undefined {
  const exporter = exporterFrom(env);
  if (!exporter) return undefined;
  return registerTracing(serviceName, new BatchSpanProcessor(exporter));
}
