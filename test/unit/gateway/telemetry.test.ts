// Metrics histograms and series, and access log formats: pure pieces of telemetry.
import { describe, expect, it } from 'vitest';
import { renderAccessLog } from '../../../src/gateway/access-log.js';
import { renderGatewayResponse, Throttled, MissingAuthenticationToken, IntegrationTimeout, Default5xx } from '../../../src/gateway/gateway-responses.js';
import { createMetrics, Histogram } from '../../../src/telemetry/metrics.js';

describe('latency histogram', () => {
  it('gives percentiles within the bucket precision (4 %)', () => {
    const h = new Histogram();
    for (let i = 1; i <= 1000; i++) h.record(i / 10);
    for (const [q, exact] of [[0.5, 50], [0.9, 90], [0.99, 99]] as const) {
      expect(h.percentile(q)).toBeGreaterThanOrEqual(exact * 0.999);
      expect(h.percentile(q)).toBeLessThanOrEqual(exact * 1.05);
    }
    expect(h.max).toBe(100);
    expect(h.count).toBe(1000);
    expect(new Histogram().percentile(0.5)).toBe(0);
  });
});

describe('metrics', () => {
  it('counts per variant and totals per stage', () => {
    const m = createMetrics();
    const labels = { accountId: '1', region: 'r', apiId: 'a', apiName: 'n', stage: 's' };
    const base = m.series({ ...labels, variant: 'base' });
    const canary = m.series({ ...labels, variant: 'canary' });
    expect(m.series({ ...labels, variant: 'base' })).toBe(base);
    base.record(200, 5, 3);
    base.record(404, 1, -1);
    canary.record(502, 9, 8);
    const [stage] = m.snapshot();
    expect(stage.variants.base).toMatchObject({ Count: 2, '4XXError': 1, '5XXError': 0 });
    expect(stage.variants.base!.IntegrationLatency.count).toBe(1);
    expect(stage.variants.canary).toMatchObject({ Count: 1, '4XXError': 0, '5XXError': 1 });
    expect(stage.total).toMatchObject({ Count: 3, '4XXError': 1, '5XXError': 1 });
    expect(stage.total.Latency.max).toBe(9);
    expect(m.prometheus()).toContain('kanaria_apigateway_requests_total{account_id="1",region="r",api_id="a",api_name="n",stage="s",variant="canary"} 1');
  });
});

describe('access log format', () => {
  it('replaces $context variables, writing - for values it does not have', () => {
    const values: Record<string, string | number | boolean> = { requestId: 'r1', status: 200, isCanaryRequest: true, 'identity.sourceIp': '1.2.3.4' };
    const line = renderAccessLog('{"id":"$context.requestId","s":$context.status,"c":"$context.isCanaryRequest"} $context.identity.sourceIp $context.nope.', (n) => values[n]);
    expect(line).toBe('{"id":"r1","s":200,"c":"true"} 1.2.3.4 -.');
  });
});

describe('gateway responses', () => {
  it('renders one body shape with x-amzn-ErrorType, 5XX with the spaced body AWS sends', () => {
    expect(renderGatewayResponse(new MissingAuthenticationToken('Missing Authentication Token'))).toEqual({
      status: 403,
      headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'MissingAuthenticationTokenException' },
      body: '{"message":"Missing Authentication Token"}',
    });
    expect(renderGatewayResponse(new Throttled('Too Many Requests'))).toMatchObject({ status: 429, body: '{"message":"Too Many Requests"}' });
    expect(renderGatewayResponse(new IntegrationTimeout('Endpoint request timed out'))).toMatchObject({ status: 504, body: '{"message": "Endpoint request timed out"}' });
    expect(renderGatewayResponse(new Default5xx('Internal server error', { status: 502 }))).toMatchObject({ status: 502, headers: { 'x-amzn-ErrorType': 'InternalServerErrorException' } });
  });
});
