// Canary routing through the real control plane, with a MOCK method whose answer names the
// variant (the stage variable, `$context.deploymentId`, `$context.isCanaryRequest`): the split
// within a binomial interval, 0 % and 100 % exact, changes effective on the next request,
// promotion then removal, seeded sequences that repeat across servers, and the testing aids.
import { GetStageCommand } from '@aws-sdk/client-api-gateway';
import { describe, expect, it, beforeAll } from 'vitest';
import { useKanaria, type KanariaFixture } from '../../helpers/kanaria.js';
import { binomialInterval } from '../../helpers/stats.js';
import { apigateway, createApi, deploy, mockMethod, patchStage, stageUrl, type TestApi } from './api.js';

interface Seen {
  v: string;
  deploymentId: string;
  isCanary: string;
  variantHeader: string | null;
}

async function variantApi(k: KanariaFixture, percentTraffic = 10): Promise<{ api: TestApi; base: string; canary: string }> {
  const api = await createApi(apigateway(k), 'canary-mock');
  await mockMethod(api, '/', '{"v": "$stageVariables.v", "deploymentId": "$context.deploymentId", "isCanary": "$context.isCanaryRequest"}');
  const base = await deploy(api, 'prod', { variables: { v: 'ver1' } });
  const canary = await deploy(api, 'prod', { canary: { percentTraffic, stageVariableOverrides: { v: 'ver2' } } });
  return { api, base, canary };
}

async function call(k: KanariaFixture, api: TestApi, headers: Record<string, string> = {}): Promise<Seen> {
  const res = await fetch(stageUrl(k, api.apiId, 'prod', '/'), { headers });
  expect(res.status).toBe(200);
  return { ...(await res.json()), variantHeader: res.headers.get('x-kanaria-variant') };
}

async function many(k: KanariaFixture, api: TestApi, n: number, parallel = 50): Promise<Seen[]> {
  const out: Seen[] = [];
  for (let i = 0; i < n; i += parallel) out.push(...(await Promise.all(Array.from({ length: Math.min(parallel, n - i) }, () => call(k, api)))));
  return out;
}

describe('gateway: canary routing', () => {
  // Seeded draws: the interval check cannot fail by chance, and still fails if the split is wrong.
  const k = useKanaria({ debugHeaders: true, allowCanaryHeader: true, seed: 90_10 });
  let api: TestApi;
  let base: string;
  let canary: string;

  beforeAll(async () => {
    ({ api, base, canary } = await variantApi(k));
  });

  it('splits 2000 requests 90/10 within a 99.9 % binomial interval, each variant with its deployment and variables', async () => {
    const seen = await many(k, api, 2000);
    const canaries = seen.filter((s) => s.v === 'ver2');
    const [low, high] = binomialInterval(2000, 0.1, 0.999);
    expect(canaries.length).toBeGreaterThanOrEqual(low);
    expect(canaries.length).toBeLessThanOrEqual(high);
    for (const s of seen) {
      const isCanary = s.v === 'ver2';
      expect(s).toEqual({ v: isCanary ? 'ver2' : 'ver1', deploymentId: isCanary ? canary : base, isCanary: String(isCanary), variantHeader: isCanary ? 'canary' : 'base' });
    }
  });

  it('honours x-kanaria-canary with --allow-canary-header', async () => {
    expect((await call(k, api, { 'x-kanaria-canary': 'always' })).v).toBe('ver2');
    expect((await call(k, api, { 'x-kanaria-canary': 'never' })).v).toBe('ver1');
  });

  it('applies percent 0 and 100 exactly, from the next request on', async () => {
    await patchStage(api, 'prod', [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '100.0' }]);
    expect((await call(k, api)).v).toBe('ver2');
    expect((await many(k, api, 300)).every((s) => s.v === 'ver2')).toBe(true);
    await patchStage(api, 'prod', [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' }]);
    expect((await call(k, api)).v).toBe('ver1');
    expect((await many(k, api, 300)).every((s) => s.v === 'ver1')).toBe(true);
  });

  it('applies an override change on the next request', async () => {
    await patchStage(api, 'prod', [
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '100' },
      { op: 'replace', path: '/canarySettings/stageVariableOverrides/v', value: 'ver3' },
    ]);
    expect((await call(k, api)).v).toBe('ver3');
    await patchStage(api, 'prod', [{ op: 'replace', path: '/canarySettings/stageVariableOverrides/v', value: 'ver2' }]);
    expect((await call(k, api)).v).toBe('ver2');
  });

  it('after promotion (the copy ops) and remove /canarySettings, every request is the new version as base', async () => {
    await patchStage(api, 'prod', [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '10' }]);
    await patchStage(api, 'prod', [
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
    ]);
    const promoted = await many(k, api, 200);
    expect(promoted.every((s) => s.v === 'ver2' && s.deploymentId === canary && s.variantHeader === 'base')).toBe(true);
    await patchStage(api, 'prod', [{ op: 'remove', path: '/canarySettings' }]);
    const stage = await api.client.send(new GetStageCommand({ restApiId: api.apiId, stageName: 'prod' }));
    expect(stage.canarySettings).toBeUndefined();
    const after = await many(k, api, 200);
    expect(after.every((s) => s.v === 'ver2' && s.deploymentId === canary && s.isCanary === 'false')).toBe(true);
    // The canary header cannot resurrect a removed canary.
    expect((await call(k, api, { 'x-kanaria-canary': 'always' })).variantHeader).toBe('base');
  });
});

describe('gateway: seeded canary draws', () => {
  const first = useKanaria({ seed: 20260401 });
  const second = useKanaria({ seed: 20260401 });
  const other = useKanaria({ seed: 1 });

  it('repeat the same sequence of variants on two servers started with the same --seed', async () => {
    const sequence = async (k: KanariaFixture) => {
      const { api } = await variantApi(k, 30);
      const out: string[] = [];
      for (let i = 0; i < 150; i++) out.push((await call(k, api)).v);
      return out;
    };
    const a = await sequence(first);
    const b = await sequence(second);
    const c = await sequence(other);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.filter((v) => v === 'ver2').length).toBeGreaterThan(0);
    // Without --debug-headers there is no x-kanaria-variant header.
    expect((await call(first, (await variantApi(first)).api)).variantHeader).toBeNull();
  });
});
