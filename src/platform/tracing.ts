import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import type { LogEvent } from 'kysely';

/**
 * OpenTelemetry traces, when an exporter is configured by the standard variables
 * (`OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, with `OTEL_SERVICE_NAME`,
 * `OTEL_EXPORTER_OTLP_HEADERS`, `OTEL_BSP_*`…): a span per request (@fastify/otel, joining the
 * caller's trace from `traceparent`), with the request id, and a child span per database query.
 * Without those variables nothing is loaded and nothing is traced.
 */
export interface Tracing {
  /** Registers the request spans: before any route. */
  readonly plugin: FastifyPluginCallback;
  /** Kysely's `log` hook: one span per query, in the request's trace. */
  readonly onQuery: (event: LogEvent) => void;
  /** Sends what is buffered and stops. */
  shutdown(): Promise<void>;
}

export function tracingEnabled(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  if (env.OTEL_TRACES_EXPORTER === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

export async function startTracing(
  env: NodeJS.ProcessEnv,
  databaseSystem: 'postgresql' | 'pglite',
): Promise<Tracing | undefined> {
  if (!tracingEnabled(env)) return undefined;
  // Loaded only when tracing is on: none of this is on the path of a server that does not trace.
  const [
    api,
    { AsyncLocalStorageContextManager },
    core,
    { TracerProvider, BatchSpanProcessor },
    otlp,
    res,
    otel,
  ] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@fastify/otel'),
  ]);
  const { context, propagation, trace, SpanKind, SpanStatusCode } = api;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(
    new core.CompositePropagator({
      propagators: [new core.W3CTraceContextPropagator(), new core.W3CBaggagePropagator()],
    }),
  );
  const provider = new TracerProvider({
    resource: res
      .defaultResource()
      .merge(res.resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || 'allot' })),
    // The exporter reads its endpoint and headers from the OTEL_EXPORTER_OTLP_* variables.
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new otlp.OTLPTraceExporter(),
        ...(Number(env.OTEL_BSP_SCHEDULE_DELAY) > 0
          ? { scheduledDelayMillis: Number(env.OTEL_BSP_SCHEDULE_DELAY) }
          : {}),
      }),
    ],
  });
  trace.setGlobalTracerProvider(provider);

  const FastifyOtel = (otel.default ?? otel) as unknown as typeof import('@fastify/otel').default;
  const instrumentation = new FastifyOtel({
    // Only the request span and the handler's: hook spans would triple the spans per request.
    instrumentHooks: false,
    ignorePaths: (opts: { url: string }) => opts.url === '/metrics' || opts.url.startsWith('/v1/health'),
    requestHook: (span: import('@opentelemetry/api').Span, request: FastifyRequest) => {
      span.setAttribute('allot.request_id', request.id);
    },
  } as ConstructorParameters<typeof FastifyOtel>[0]);
  instrumentation.setTracerProvider(provider);
  const tracer = provider.getTracer('allot');

  return {
    plugin: instrumentation.plugin() as FastifyPluginCallback,
    onQuery(event) {
      // Kysely calls this once the query is done, in the caller's async context: the span is placed
      // where it ran, in the request's trace. The statement is sent with its placeholders, never its values.
      const end = Date.now();
      const sqlText = event.query.sql;
      const operation = /^\s*(\w+)/.exec(sqlText)?.[1]?.toLowerCase() ?? 'query';
      const span = tracer.startSpan(
        `db ${operation}`,
        {
          kind: SpanKind.CLIENT,
          startTime: end - event.queryDurationMillis,
          attributes: {
            'db.system.name': databaseSystem,
            'db.operation.name': operation,
            'db.query.text': sqlText.length > 2000 ? `${sqlText.slice(0, 2000)}…` : sqlText,
          },
        },
        context.active(),
      );
      if (event.level === 'error') {
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: String((event.error as Error)?.message ?? event.error),
        });
      }
      span.end(end);
    },
    async shutdown() {
      await provider.shutdown();
    },
  };
}
