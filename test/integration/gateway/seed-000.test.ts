// Seed 000 (../shared/seeds/000_*.txt) built with SDK calls: two Python functions, an AWS_PROXY
// integration whose URI names the function through the `lambda_function_name` stage variable, a
// stage with a 10 % canary overriding that variable, and both invoke permissions. Then the
// split, reproducible draws with --seed, a missing permission, a missing function, and
// promotion followed by the canary's removal.
import { describe, expect, it, beforeAll } from 'vitest';
import { useKanaria, type KanariaFixture } from '../../helpers/kanaria.js';
import { binomialInterval } from '../../helpers/stats.js';
import { announceSkip, hasTool } from '../../helpers/tools.js';
import { apigateway, createApi, createStage, deploymentOnly, method, patchStage, stageUrl, type TestApi } from './api.js';
import { allowApi, disallowApi, lambdaUri, pythonFunction, seedHandler } from './functions.js';

const VER1 = '"Hi, This is ver 1 Lambda!"';
const VER2 = '"Hi, This is ver 2 Lambda!"';
const python = hasTool('python3');

/** The seed's Terraform, step for step, through the SDK. */
async function seed000(k: KanariaFixture): Promise<TestApi> {
  await pythonFunction(k, 'version1_lambda', 'lambda_function_v1', seedHandler(1));
  await pythonFunction(k, 'version2_lambda', 'lambda_function_v2', seedHandler(2));
  const api = await createApi(apigateway(k), 'canary-sample-lambda');
  await method(api, {
    path: '/',
    httpMethod: 'GET',
    integration: { type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: lambdaUri('${stageVariables.lambda_function_name}') },
  });
  await allowApi(k, 'version1_lambda', api.apiId, 'AllowAPIGatewayInvoke');
  await allowApi(k, 'version2_lambda', api.apiId, 'AllowAPIGatewayInvokeV2');
  const example = await deploymentOnly(api);
  const canary = await deploymentOnly(api);
  await createStage(api, 'dev', example, {
    variables: { lambda_function_name: 'version1_lambda' },
    canarySettings: { percentTraffic: 10, deploymentId: canary, stageVariableOverrides: { lambda_function_name: 'version2_lambda' } },
  });
  return api;
}

interface Answer {
  status: number;
  body: string;
  variant: string | null;
}

async function get(k: KanariaFixture, api: TestApi, stage = 'dev'): Promise<Answer> {
  const res = await fetch(stageUrl(k, api.apiId, stage, '/'));
  return { status: res.status, body: await res.text(), variant: res.headers.get('x-kanaria-variant') };
}

async function getMany(k: KanariaFixture, api: TestApi, n: number, parallel = 16): Promise<Answer[]> {
  const out: Answer[] = [];
  for (let i = 0; i < n; i += parallel) out.push(...(await Promise.all(Array.from({ length: Math.min(parallel, n - i) }, () => get(k, api)))));
  return out;
}

describe.skipIf(!python)('seed 000: a 90/10 canary between two Python Lambdas routed by a stage variable', () => {
  // Seeded draws: the interval check cannot fail by chance, and still fails if the split is wrong.
  const k = useKanaria({ debugHeaders: true, seed: 90_10 });
  let api: TestApi;

  beforeAll(async () => {
    api = await seed000(k);
  }, 60_000);

  it('answers ver 2 for a share of 2000 requests inside the 99.9 % binomial interval around 10 %', async () => {
    const answers = await getMany(k, api, 2000);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.every((a) => a.body === VER1 || a.body === VER2)).toBe(true);
    const ver2 = answers.filter((a) => a.body === VER2);
    const [low, high] = binomialInterval(2000, 0.1, 0.999);
    expect(ver2.length).toBeGreaterThanOrEqual(low);
    expect(ver2.length).toBeLessThanOrEqual(high);
    expect(ver2.every((a) => a.variant === 'canary')).toBe(true);
  }, 120_000);

  it('fails canary requests with 500 once the v2 permission is removed, while base requests still succeed', async () => {
    await disallowApi(k, 'version2_lambda', 'AllowAPIGatewayInvokeV2');
    const answers = await getMany(k, api, 300);
    const canary = answers.filter((a) => a.variant === 'canary');
    const base = answers.filter((a) => a.variant === 'base');
    expect(canary.length).toBeGreaterThan(0);
    expect(canary.every((a) => a.status === 500 && a.body === '{"message": "Internal server error"}')).toBe(true);
    expect(base.every((a) => a.status === 200 && a.body === VER1)).toBe(true);
    await allowApi(k, 'version2_lambda', api.apiId, 'AllowAPIGatewayInvokeV2');
    expect((await getMany(k, api, 100)).every((a) => a.status === 200)).toBe(true);
  }, 60_000);

  it('answers 500 when a stage variable names a function that does not exist', async () => {
    await createStage(api, 'broken', (await deploymentOnly(api)), { variables: { lambda_function_name: 'no_such_function' } });
    const res = await get(k, api, 'broken');
    expect(res.status).toBe(500);
    expect(res.body).toBe('{"message": "Internal server error"}');
  });

  it('after promotion and remove /canarySettings answers ver 2 to every request', async () => {
    await patchStage(api, 'dev', [
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
    ]);
    const promoted = await getMany(k, api, 200);
    expect(promoted.every((a) => a.status === 200 && a.body === VER2 && a.variant === 'base')).toBe(true);
    await patchStage(api, 'dev', [{ op: 'remove', path: '/canarySettings' }]);
    expect((await getMany(k, api, 200)).every((a) => a.body === VER2)).toBe(true);
  }, 60_000);
});

describe.skipIf(!python)('seed 000 with --seed', () => {
  const first = useKanaria({ seed: 4242 });
  const second = useKanaria({ seed: 4242 });

  it('repeats the same sequence of answers on two servers', async () => {
    const sequence = async (k: KanariaFixture) => {
      const api = await seed000(k);
      const out: string[] = [];
      for (let i = 0; i < 120; i++) out.push((await get(k, api)).body);
      return out;
    };
    const a = await sequence(first);
    const b = await sequence(second);
    expect(a).toEqual(b);
    expect(a).toContain(VER2);
    expect(a).toContain(VER1);
  }, 120_000);
});

if (!python) announceSkip('gateway seed 000 (Python Lambdas)', 'python3');
