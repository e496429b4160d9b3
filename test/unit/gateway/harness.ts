// Runs stage invocations through the real chain without HTTP: store documents written as the
// control plane writes them (src/services/apigateway/state.ts), the real stage registry, and
// fake collaborators (a scripted Lambda invoker, a capturing log sink, a settable clock).
import { PassThrough } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Integration, Method, Resource } from '../../../src/aws/generated/apigateway.js';
import { AwsError } from '../../../src/aws/errors.js';
import { runChain } from '../../../src/gateway/chain.js';
import { InvocationContext, type GatewayServices } from '../../../src/gateway/context.js';
import { createHttpClient } from '../../../src/gateway/integrations/http-client.js';
import { createStageRegistry } from '../../../src/gateway/stage-registry.js';
import { ACCOUNT_THROTTLE, Throttler } from '../../../src/gateway/throttle.js';
import { apiKey, deploymentKey, KIND, stageKey, type StoredDeployment, type StoredStage } from '../../../src/services/apigateway/state.js';
import type { InvokeRequest, InvokeResult } from '../../../src/services/lambda/invoker.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import type { InputLogEvent, Scope } from '../../../src/services/logs/state.js';
import { createMetrics } from '../../../src/telemetry/metrics.js';

export const SCOPE = { accountId: '123456789012', region: 'us-east-1' };
export const API_ID = 'abc123defg';

export interface MethodDef {
  path: string;
  httpMethod: string;
  integration: Integration;
  methodResponses?: string[];
}

export function snapshot(methods: MethodDef[]): Resource[] {
  const byPath = new Map<string, Resource>();
  for (const m of methods) {
    const r = byPath.get(m.path) ?? { id: `id${byPath.size}`, path: m.path, resourceMethods: {} };
    const method: Method = {
      httpMethod: m.httpMethod,
      authorizationType: 'NONE',
      methodIntegration: m.integration,
      methodResponses: Object.fromEntries((m.methodResponses ?? ['200']).map((s) => [s, { statusCode: s }])),
    };
    r.resourceMethods![m.httpMethod] = method;
    byPath.set(m.path, r);
  }
  return [...byPath.values()];
}

export type LambdaScript = (request: InvokeRequest, event: any) => Partial<InvokeResult> | { payload: unknown } | Promise<Partial<InvokeResult> | { payload: unknown }>;

export interface Harness {
  deployments: Record<string, Resource[]>;
  invocations: { request: InvokeRequest; event: any }[];
  logs: { group: string; stream: string; events: InputLogEvent[] }[];
  setStage(stage: Partial<StoredStage>): void;
  putDeployment(id: string, resources: Resource[]): void;
  request(method: string, path: string, options?: { headers?: Record<string, string>; body?: string; rawHeaders?: string[] }): Promise<InvocationContext>;
  clock: { now: number };
  /** The store the registry watches (for documents beyond stages and deployments). */
  store: ReturnType<typeof openSqliteStore>;
  services: GatewayServices;
}

/** `lambda` answers every invocation; its return value's `payload` may be any JSON value. */
export function harness(options: { lambda?: LambdaScript; random?: () => number; binaryMediaTypes?: string[] } = {}): Harness {
  const store = openSqliteStore(':memory:');
  const clock = { now: 1_700_000_000_000 };
  const metrics = createMetrics();
  const invocations: Harness['invocations'] = [];
  const logs: Harness['logs'] = [];
  store.put(KIND.restApi, apiKey(SCOPE, API_ID), { id: API_ID, name: 'unit-api', binaryMediaTypes: options.binaryMediaTypes, _scope: SCOPE });
  const services: GatewayServices = {
    registry: createStageRegistry(store, metrics),
    invoker: {
      async invoke(request) {
        const event = JSON.parse(request.payload.toString('utf8'));
        invocations.push({ request, event });
        if (!options.lambda) throw new AwsError('ResourceNotFoundException', 'Function not found', { status: 404 });
        const out = (await options.lambda(request, event)) as Partial<InvokeResult> & { payload?: unknown };
        const payload = Buffer.isBuffer(out.payload) ? out.payload : Buffer.from(out.payload === undefined ? '' : JSON.stringify(out.payload));
        return { statusCode: 200, executedVersion: '$LATEST', requestId: 'lambda-request-id', logTail: '', durationMs: 1, ...out, payload };
      },
    },
    http: createHttpClient(),
    logSink: {
      write: (_scope: Scope, group: string, stream: string, events: InputLogEvent[]) => logs.push({ group, stream, events }),
      stream: (_scope: Scope, group: string, stream: string) => ({ write: (timestamp: number, message: string) => void logs.push({ group, stream, events: [{ timestamp, message }] }) }),
      flush() {},
      dispose() {},
    },
    throttler: new Throttler(() => clock.now),
    accountThrottle: ACCOUNT_THROTTLE,
    random: options.random ?? Math.random,
    now: () => clock.now,
    monotonic: () => clock.now,
    logStream: 'stream',
    allowCanaryHeader: true,
    debugHeaders: true,
    logError: () => {},
  };
  const h: Harness = {
    deployments: {},
    invocations,
    logs,
    clock,
    store,
    services,
    putDeployment(id, resources) {
      const doc: StoredDeployment = { id, _restApiId: API_ID, _scope: SCOPE, _snapshot: resources };
      store.put(KIND.deployment, deploymentKey(SCOPE, API_ID, id), doc);
    },
    setStage(stage) {
      const doc: StoredStage = { stageName: 'test', deploymentId: 'd1', ...stage, _restApiId: API_ID, _scope: SCOPE };
      store.put(KIND.stage, stageKey(SCOPE, API_ID, doc.stageName!), doc);
    },
    async request(method, path, { headers = {}, body, rawHeaders } = {}) {
      const req = new PassThrough() as unknown as IncomingMessage & PassThrough;
      const raw = rawHeaders ?? Object.entries({ Host: `${API_ID}.execute-api.localhost:4566`, 'User-Agent': 'unit/1.0', ...headers }).flat();
      Object.assign(req, {
        method,
        url: `/test${path}`,
        httpVersion: '1.1',
        rawHeaders: raw,
        headers: Object.fromEntries(raw.flatMap((v, i) => (i % 2 === 0 ? [[v.toLowerCase(), raw[i + 1]]] : []))),
        socket: { remoteAddress: '::ffff:10.1.2.3' },
      });
      if (body !== undefined) (req.headers as Record<string, string>)['content-length'] = String(Buffer.byteLength(body));
      req.end(body);
      const q = path.indexOf('?');
      const target = { style: 'host' as const, apiId: API_ID, stageName: 'test', path: q === -1 ? path : path.slice(0, q), rawQuery: q === -1 ? '' : path.slice(q + 1) };
      const ctx = new InvocationContext(services, req, {} as ServerResponse, target, '11111111-2222-3333-4444-555555555555', 'EXTENDEDID=');
      await runChain(ctx);
      return ctx;
    },
  };
  return h;
}

/** The parsed JSON body of an answer. */
export const json = (ctx: InvocationContext) => JSON.parse(ctx.response!.body.toString());
