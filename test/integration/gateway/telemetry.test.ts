// Execution and access logs per variant read back through the CloudWatch Logs API, metrics per
// stage and variant at /_kanaria/metrics (JSON and Prometheus text), and throttling whose 429
// count matches the token bucket.
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useKanaria, type KanariaFixture } from '../../helpers/kanaria.js';
import { apigateway, createApi, deploy, mockMethod, patchStage, stageUrl, type TestApi } from './api.js';

async function logMessages(k: KanariaFixture, group: string, expected: number): Promise<string[]> {
  const logs = new CloudWatchLogsClient(k.clientConfig);
  let messages: string[] = [];
  // The log sink writes in batches every 100 ms: poll until the expected count arrives.
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      const out = await logs.send(new FilterLogEventsCommand({ logGroupName: group, limit: 10_000 }));
      messages = (out.events ?? []).map((e) => e.message!);
      if (messages.length >= expected) break;
    } catch (err) {
      if ((err as Error).name !== 'ResourceNotFoundException') throw err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return messages;
}

async function mockApi(k: KanariaFixture, name: string): Promise<TestApi> {
  const api = await createApi(apigateway(k), name);
  await mockMethod(api, '/', '{"v": "$stageVariables.v"}');
  await mockMethod(api, '/fail', '{"failed": true}', 500);
  await mockMethod(api, '/limited', '{}');
  return api;
}

describe('gateway: logs and metrics per variant', () => {
  const k = useKanaria({ allowCanaryHeader: true });
  let api: TestApi;
  const requestIds = { base: [] as string[], canary: [] as string[] };
  const FORMAT = '$context.requestId $context.status $context.isCanaryRequest $context.stage $context.integrationLatency $context.responseLatency $context.nothing';

  beforeAll(async () => {
    api = await mockApi(k, 'telemetry-api');
    await deploy(api, 'prod', { variables: { v: 'base' } });
    await deploy(api, 'prod', { canary: { percentTraffic: 50, stageVariableOverrides: { v: 'canary' } } });
    await patchStage(api, 'prod', [
      { op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' },
      { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
      { op: 'replace', path: '/accessLogSettings/destinationArn', value: 'arn:aws:logs:us-east-1:000000000000:log-group:gateway-access' },
      { op: 'replace', path: '/accessLogSettings/format', value: FORMAT },
    ]);
    const send = async (variant: 'base' | 'canary', path: string) => {
      const res = await fetch(stageUrl(k, api.apiId, 'prod', path), { headers: { 'x-kanaria-canary': variant === 'canary' ? 'always' : 'never' } });
      await res.text();
      requestIds[variant].push(res.headers.get('x-amzn-requestid')!);
      return res.status;
    };
    for (let i = 0; i < 3; i++) expect(await send('base', '/')).toBe(200);
    expect(await send('base', '/fail')).toBe(500);
    expect(await send('base', '/nowhere')).toBe(403);
    for (let i = 0; i < 2; i++) expect(await send('canary', '/')).toBe(200);
  });

  it('writes execution logs to API-Gateway-Execution-Logs_{apiId}/{stage}, canary requests also to …/Canary', async () => {
    const group = `API-Gateway-Execution-Logs_${api.apiId}/prod`;
    const all = await logMessages(k, group, 20);
    const canaryOnly = await logMessages(k, `${group}/Canary`, 4);
    const linesOf = (messages: string[], id: string) => messages.filter((m) => m.startsWith(`(${id}) `)).map((m) => m.slice(id.length + 3));
    const first = linesOf(all, requestIds.base[0]);
    expect(first).toContain(`Starting execution for request: ${requestIds.base[0]}`);
    expect(first).toContain('HTTP Method: GET, Resource Path: /');
    expect(first).toContain('Successfully completed execution');
    expect(first.at(-1)).toBe('Method completed with status: 200');
    expect(linesOf(all, requestIds.base[3]).at(-1)).toBe('Method completed with status: 500');
    for (const id of requestIds.canary) {
      expect(linesOf(all, id).at(-1)).toBe('Method completed with status: 200');
      expect(linesOf(canaryOnly, id)).toEqual(linesOf(all, id));
    }
    for (const id of requestIds.base) expect(linesOf(canaryOnly, id)).toEqual([]);
  });

  it('writes access logs in the stage format to the destination group, canary requests also to {group}/Canary', async () => {
    const base = await logMessages(k, 'gateway-access', 7);
    const canary = await logMessages(k, 'gateway-access/Canary', 2);
    expect(base).toHaveLength(7);
    const byId = new Map(base.map((m) => [m.split(' ')[0], m.split(' ')]));
    const [, status, isCanary, stage, integrationLatency, responseLatency, nothing] = byId.get(requestIds.base[0])!;
    expect({ status, isCanary, stage, nothing }).toEqual({ status: '200', isCanary: 'false', stage: 'prod', nothing: '-' });
    expect(Number(integrationLatency)).toBeGreaterThanOrEqual(0);
    expect(Number(responseLatency)).toBeGreaterThanOrEqual(0);
    expect(byId.get(requestIds.base[3])![1]).toBe('500');
    expect(byId.get(requestIds.base[4])!.slice(1, 3)).toEqual(['403', 'false']);
    expect(canary.map((m) => m.split(' ')[0]).sort()).toEqual([...requestIds.canary].sort());
    expect(canary.every((m) => m.split(' ')[2] === 'true')).toBe(true);
  });

  it('serves metrics per stage and variant as JSON', async () => {
    const res = await fetch(`${k.url}/_kanaria/metrics`);
    expect(res.status).toBe(200);
    const { stages } = await res.json();
    const prod = stages.find((s: any) => s.apiId === api.apiId && s.stage === 'prod');
    expect(prod.apiName).toBe('telemetry-api');
    expect(prod.variants.base).toMatchObject({ Count: 5, '4XXError': 1, '5XXError': 1 });
    expect(prod.variants.canary).toMatchObject({ Count: 2, '4XXError': 0, '5XXError': 0 });
    expect(prod.total).toMatchObject({ Count: 7, '4XXError': 1, '5XXError': 1 });
    expect(prod.variants.base.Latency.count).toBe(5);
    expect(prod.variants.base.Latency.p99).toBeGreaterThanOrEqual(prod.variants.base.Latency.p50);
    expect(prod.variants.base.IntegrationLatency.count).toBe(4);
  });

  it('serves the same metrics in Prometheus text format', async () => {
    for (const init of [{ url: `${k.url}/_kanaria/metrics?format=prometheus` }, { url: `${k.url}/_kanaria/metrics`, headers: { accept: 'text/plain' } }]) {
      const res = await fetch(init.url, { headers: init.headers });
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      const labels = `account_id="000000000000",region="us-east-1",api_id="${api.apiId}",api_name="telemetry-api",stage="prod"`;
      expect(text).toContain('# TYPE kanaria_apigateway_requests_total counter');
      expect(text).toContain(`kanaria_apigateway_requests_total{${labels},variant="base"} 5`);
      expect(text).toContain(`kanaria_apigateway_requests_total{${labels},variant="canary"} 2`);
      expect(text).toContain(`kanaria_apigateway_5xx_errors_total{${labels},variant="base"} 1`);
      expect(text).toMatch(new RegExp(`kanaria_apigateway_latency_milliseconds\\{${labels.replace(/[.]/g, '\\.')},variant="canary",quantile="0\\.99"\\} [0-9.]+`));
      expect(text).toContain(`kanaria_apigateway_latency_milliseconds_count{${labels},variant="canary"} 2`);
    }
  });
});

describe('gateway: throttling', () => {
  const k = useKanaria();

  it('answers 429 Too Many Requests once the stage-wide and the per-method buckets are empty', async () => {
    const api = await mockApi(k, 'throttled-api');
    await deploy(api, 'prod');
    // A refill of 0.01 token/s: in the few seconds of this test the buckets hold just their burst.
    await patchStage(api, 'prod', [
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '0.01' },
      { op: 'replace', path: '/*/*/throttling/burstLimit', value: '5' },
      { op: 'replace', path: '/~1limited/GET/throttling/rateLimit', value: '0.01' },
      { op: 'replace', path: '/~1limited/GET/throttling/burstLimit', value: '2' },
    ]);
    const statuses = async (path: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const res = await fetch(stageUrl(k, api.apiId, 'prod', path));
        if (res.status === 429) {
          expect(res.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
          expect(await res.text()).toBe('{"message":"Too Many Requests"}');
        } else await res.text();
        out.push(res.status);
      }
      return out;
    };
    const root = await statuses('/', 20);
    expect(root.filter((s) => s === 200)).toHaveLength(5);
    expect(root.filter((s) => s === 429)).toHaveLength(15);
    expect(root.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    // Each method has its own bucket: /fail's five are untouched by /'s requests.
    expect((await statuses('/fail', 7)).filter((s) => s === 500)).toHaveLength(5);
    const limited = await statuses('/limited', 6);
    expect(limited).toEqual([200, 200, 429, 429, 429, 429]);
  });
});

describe('gateway: account-level throttling', () => {
  const k = useKanaria({ accountRateLimit: 0.01, accountBurstLimit: 3 });

  it('throttles every stage of the account and Region together once the account bucket is empty', async () => {
    const one = await mockApi(k, 'account-one');
    const two = await mockApi(k, 'account-two');
    await deploy(one, 'a');
    await deploy(two, 'b');
    const statuses: number[] = [];
    for (const [api, stage] of [[one, 'a'], [two, 'b'], [one, 'a'], [two, 'b'], [one, 'a']] as const) {
      const res = await fetch(stageUrl(k, api.apiId, stage, '/'));
      await res.text();
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});
