// Shared pieces of the rollout tests: Node handlers for v1 and several v2s, an API whose Lambda
// is picked by the stage variable `fn` (so the canary's override picks v2), warm-up, a client of
// /_kanaria/rollouts, a load generator that counts answers per variant, and waiting on a condition.
import { InvokeCommand } from '@aws-sdk/client-lambda';
import type { KanariaFixture } from '../../helpers/kanaria.js';
import { apigateway, createApi, deploy, method, stageUrl, type TestApi } from '../gateway/api.js';
import { allowApi, lambdaClient, lambdaUri, nodeFunction } from '../gateway/functions.js';

export const HANDLERS = {
  v1: `export const handler = async () => ({ statusCode: 200, body: 'v1' });`,
  v2: `export const handler = async () => ({ statusCode: 200, body: 'v2' });`,
  /** Every fifth call of each worker answers 500: 20 % of requests. */
  failing: `let n = 0;\nexport const handler = async () => (++n % 5 === 0 ? { statusCode: 500, body: 'v2 failed' } : { statusCode: 200, body: 'v2' });`,
  /** v2, 200 ms slower. */
  slow: `export const handler = async () => { await new Promise((r) => setTimeout(r, 200)); return { statusCode: 200, body: 'v2' }; };`,
};

/** Creates each function (name → handler source) and lets the API invoke it. */
export async function functionsFor(k: KanariaFixture, api: TestApi, fns: Record<string, string>): Promise<void> {
  for (const [name, source] of Object.entries(fns)) {
    await nodeFunction(k, name, source);
    await allowApi(k, name, api.apiId);
  }
}

/** An API with `GET /` → AWS_PROXY to the function named by `${stageVariables.fn}`. */
export async function lambdaApi(k: KanariaFixture, name: string): Promise<TestApi> {
  const api = await createApi(apigateway(k), name);
  await method(api, { path: '/', httpMethod: 'GET', integration: { type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: lambdaUri('${stageVariables.fn}') } });
  return api;
}

/** A stage with `variable = base` and a 0 % canary deployment overriding it to `canary`; returns both deployment ids. */
export async function canaryStage(api: TestApi, stageName: string, base: string, canary: string, variable = 'fn'): Promise<{ baseId: string; canaryId: string }> {
  const baseId = await deploy(api, stageName, { variables: { [variable]: base } });
  const canaryId = await deploy(api, stageName, { canary: { percentTraffic: 0, stageVariableOverrides: { [variable]: canary } } });
  return { baseId, canaryId };
}

/** Starts `concurrency` warm workers of each function (direct Invoke: no stage metrics). */
export async function warm(k: KanariaFixture, fns: string[], concurrency = 4): Promise<void> {
  const client = lambdaClient(k);
  for (let round = 0; round < 3; round++) {
    await Promise.all(fns.flatMap((fn) => Array.from({ length: concurrency }, () => client.send(new InvokeCommand({ FunctionName: fn, Payload: Buffer.from('{}') })))));
  }
}

export interface Answer<T = any> {
  status: number;
  body: T;
}

/** The rollout API: every call answers its status and JSON body. */
export function rolloutsApi(k: KanariaFixture) {
  const call = async (method: string, path: string, body?: unknown, raw?: string): Promise<Answer> => {
    const res = await fetch(`${k.url}/_kanaria/rollouts${path}`, { method, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
    return { status: res.status, body: await res.json() };
  };
  return {
    call,
    start: (body: unknown) => call('POST', '', body),
    get: (id: string) => call('GET', `/${id}`),
    command: (id: string, command: string, body?: unknown) => call('POST', `/${id}/${command}`, body),
    list: (query = '') => call('GET', query ? `?${query}` : ''),
  };
}

export interface LoadStats {
  requests: number;
  /** Answers by variant (x-kanaria-variant) and status. */
  byVariant: Record<string, Record<number, number>>;
  bodies: Record<string, number>;
  failures: number;
  /** When each canary answer arrived (Date.now()) and its status, in order. */
  canaryAnswers: { at: number; status: number }[];
}

/** Calls the stage in a loop from `concurrency` clients until stopped (needs `debugHeaders`). */
export function startLoad(k: KanariaFixture, api: TestApi, stageName: string, concurrency = 4) {
  const stats: LoadStats = { requests: 0, byVariant: {}, bodies: {}, failures: 0, canaryAnswers: [] };
  const url = stageUrl(k, api.apiId, stageName, '/');
  let running = true;
  const loop = async () => {
    while (running) {
      try {
        const res = await fetch(url);
        const body = await res.text();
        const variant = res.headers.get('x-kanaria-variant') ?? 'unknown';
        const byStatus = (stats.byVariant[variant] ??= {});
        byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
        if (variant === 'canary') stats.canaryAnswers.push({ at: Date.now(), status: res.status });
        stats.bodies[`${variant} ${body}`] = (stats.bodies[`${variant} ${body}`] ?? 0) + 1;
        stats.requests++;
      } catch {
        stats.failures++;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  return {
    stats,
    async stop(): Promise<LoadStats> {
      running = false;
      await Promise.all(loops);
      return stats;
    },
  };
}

/** Polls `probe` until it answers something other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Waits until the rollout has ended and answers its final view. */
/** Polls rollout `id` until `reached` holds for its view; returns that view. */
export async function untilRollout(k: KanariaFixture, id: string, what: string, reached: (view: any) => boolean, timeoutMs = 30_000): Promise<any> {
  const api = rolloutsApi(k);
  return waitFor(what, async () => {
    const { body } = await api.get(id);
    return reached(body) ? body : undefined;
  }, timeoutMs);
}

export const untilEnded = (k: KanariaFixture, id: string, timeoutMs = 30_000) => untilRollout(k, id, `rollout ${id} to end`, (view) => !view.active, timeoutMs);
