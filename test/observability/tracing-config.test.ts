/** [#7] Tracing is off unless a collector is configured, and a bad collector URL is a configuration error like any other. */
import { ConfigError } from '../../infra/config/env';
import { loadTracingConfig } from '../../infra/config/observability';
import { startTracing, traceOutgoing, tracingEnabled } from '../../infra/telemetry/tracing';

describe('[#7] tracing settings', () => {
  it('starts nothing without OTEL_EXPORTER_OTLP_ENDPOINT: outgoing calls carry no traceparent', async () => {
    expect(startTracing('lupaflow-test', {})).toBeNull();
    expect(tracingEnabled()).toBe(false);
    expect(await traceOutgoing('X-Road POST probe', {}, async (headers) => headers)).toEqual({});
  });

  it('refuses an endpoint that is not a URL, naming the variable and not echoing the value', () => {
    const refusal = (() => { try { loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318 secret-token' }); } catch (err) { return err; } })();
    expect(refusal).toBeInstanceOf(ConfigError);
    expect((refusal as ConfigError).problems).toEqual([expect.stringMatching(/^OTEL_EXPORTER_OTLP_ENDPOINT is invalid/)]);
    expect((refusal as Error).message).not.toContain('secret-token');
  });
});
