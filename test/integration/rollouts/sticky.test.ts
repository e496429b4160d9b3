// Sticky canary (a rollout option beyond AWS): 1000 clients with distinct ids, 20 requests each,
// keep their variant; the share of clients on the canary matches the weight within a 99.9 %
// binomial interval; raising the weight keeps every canary client on the canary. Ending the
// rollout ends the stickiness.
import { UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { beforeAll, describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { binomialInterval } from '../../helpers/stats.js';
import { apigateway, createApi, mockMethod, stageUrl, type TestApi } from '../gateway/api.js';
import { canaryStage, rolloutsApi } from './setup.js';

const CLIENTS = Array.from({ length: 1000 }, (_, i) => `client-${String(i).padStart(4, '0')}`);

describe('rollouts: sticky canary by header', () => {
  const k = useKanaria({ debugHeaders: true });
  let api: TestApi;

  beforeAll(async () => {
    api = await createApi(apigateway(k), 'rollout-sticky');
    await mockMethod(api, '/', '{"v": "$stageVariables.v"}');
    await canaryStage(api, 'dev', 'base', 'canary', 'v');
  });

  /** Each client's variants over `rounds` requests (answers checked against the variant header). */
  async function variants(rounds: number, headerName = 'X-Client-Id'): Promise<Map<string, Set<string>>> {
    const seen = new Map<string, Set<string>>(CLIENTS.map((c) => [c, new Set()]));
    const jobs = CLIENTS.flatMap((c) => Array.from({ length: rounds }, () => c));
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const client = jobs[next++];
        const res = await fetch(stageUrl(k, api.apiId, 'dev', '/'), { headers: { [headerName]: client } });
        const variant = res.headers.get('x-kanaria-variant')!;
        expect((await res.json()).v).toBe(variant);
        seen.get(client)!.add(variant);
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    return seen;
  }

  const onCanary = (seen: Map<string, Set<string>>) => CLIENTS.filter((c) => seen.get(c)!.has('canary'));

  it('keeps each of 1000 clients on one variant at 20 %, and every canary client on the canary at 50 %', async () => {
    const started = await rolloutsApi(k).start({
      restApiId: api.apiId,
      stageName: 'dev',
      plan: [{ weight: 20, hold: '1h' }, { weight: 60, hold: '1h' }],
      sticky: { header: 'X-Client-Id' },
      gates: { errorRate: false, latency: false },
    });
    expect(started.status).toBe(201);
    expect(started.body.sticky).toEqual({ header: 'x-client-id' });

    const at20 = await variants(20);
    for (const c of CLIENTS) expect([...at20.get(c)!]).toHaveLength(1);
    const canary20 = onCanary(at20);
    const [low20, high20] = binomialInterval(CLIENTS.length, 0.2, 0.999);
    expect(canary20.length).toBeGreaterThanOrEqual(low20);
    expect(canary20.length).toBeLessThanOrEqual(high20);

    // The weight grows (by the same public operation a step uses): canary clients stay.
    await apigateway(k).send(new UpdateStageCommand({ restApiId: api.apiId, stageName: 'dev', patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '50.0' }] }));
    const at50 = await variants(2, 'x-client-id');
    for (const c of CLIENTS) expect([...at50.get(c)!]).toHaveLength(1);
    const canary50 = new Set(onCanary(at50));
    expect(canary20.filter((c) => !canary50.has(c))).toEqual([]);
    const [low50, high50] = binomialInterval(CLIENTS.length, 0.5, 0.999);
    expect(canary50.size).toBeGreaterThanOrEqual(low50);
    expect(canary50.size).toBeLessThanOrEqual(high50);

    // Without the header a request is drawn at random, as on AWS: both variants show up.
    const anonymous = await Promise.all(Array.from({ length: 200 }, async () => (await fetch(stageUrl(k, api.apiId, 'dev', '/'))).headers.get('x-kanaria-variant')));
    expect(new Set(anonymous)).toEqual(new Set(['base', 'canary']));

    const aborted = await rolloutsApi(k).command(started.body.id, 'abort');
    expect(aborted.body.status).toBe('aborted');
    expect(k.kanaria.store.list('gateway.sticky')).toEqual([]);
  });
});
