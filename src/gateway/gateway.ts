// The data plane's front door: claims stage invocations (invoke-url.ts), runs the chain for each
// and writes the answer. Built once per Kanaria by main.ts with its collaborators; holds no
// module-level state, so two instances can run side by side.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FrontDoor } from '../listener.js';
import type { Logger } from '../log.js';
import type { LambdaInvoker } from '../services/lambda/invoker.js';
import type { Store } from '../store/store.js';
import type { LogSink } from '../telemetry/log-sink.js';
import type { Metrics } from '../telemetry/metrics.js';
import { randomSource, type RandomSource } from './canary.js';
import { runChain } from './chain.js';
import { InvocationContext, type GatewayServices } from './context.js';
import { createHttpClient } from './integrations/http-client.js';
import { claimsInvocation, parseInvokeTarget } from './invoke-url.js';
import { createKanariaApi } from './kanaria-api.js';
import { createStageRegistry, type StageRegistry } from './stage-registry.js';
import { ACCOUNT_THROTTLE, Throttler } from './throttle.js';

export interface GatewayDeps {
  store: Store;
  invoker: LambdaInvoker;
  logSink: LogSink;
  metrics: Metrics;
  options: { seed?: number; allowCanaryHeader: boolean; debugHeaders: boolean; accountRateLimit?: number; accountBurstLimit?: number };
  log: Logger;
  /** Injected for tests; defaults to Date.now / Math.random (or the seeded generator). */
  now?: () => number;
  random?: RandomSource;
}

export interface Gateway {
  /** Stage invocations, then Kanaria's own `/_kanaria/metrics` and `/_kanaria/stages`. */
  doors: FrontDoor[];
  registry: StageRegistry;
  dispose(): void;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Where the six groups of three hex digits (12 bits, two base64 digits each) are read in a UUID. */
const HEX_GROUPS = [15, 20, 24, 27, 30, 33];

/** The value of the hex digit at `i` (the UUID is lower-case hex). */
const hexAt = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c <= 57 ? c - 48 : (c | 32) - 87;
};

/** AWS's extended request ids look like `KtaQSPHcF9ZQ=`: here 12 base64 digits from the request id's hex. */
function extendedRequestId(requestId: string): string {
  let out = '';
  for (const i of HEX_GROUPS) {
    const v = (hexAt(requestId, i) << 8) | (hexAt(requestId, i + 1) << 4) | hexAt(requestId, i + 2);
    out += B64[v >> 6] + B64[v & 63];
  }
  return `${out}=`;
}

function send(ctx: InvocationContext): void {
  const { res } = ctx;
  const response = ctx.response!;
  try {
    res.writeHead(response.statusCode, response.headers);
  } catch {
    // A header a handler returned that HTTP cannot carry (a newline, a bad name): the answer is
    // malformed, as a bad proxy response is.
    res.removeHeader('Content-Type');
    const body = '{"message": "Internal server error"}';
    res.writeHead(502, { 'Content-Type': 'application/json', 'Content-Length': body.length, 'x-amzn-ErrorType': 'InternalServerErrorException', 'x-amzn-RequestId': ctx.requestId });
    res.end(body);
    return;
  }
  res.end(response.body);
}

export function createGateway(deps: GatewayDeps): Gateway {
  const now = deps.now ?? Date.now;
  const throttler = new Throttler(now);
  const registry = createStageRegistry(deps.store, deps.metrics, {
    onStageRemoved: (stage) => throttler.forget(`${stage.apiId}/${stage.stageName}/`),
  });
  const http = createHttpClient();
  const services: GatewayServices = {
    registry,
    invoker: deps.invoker,
    http,
    logSink: deps.logSink,
    throttler,
    accountThrottle: {
      rateLimit: deps.options.accountRateLimit ?? ACCOUNT_THROTTLE.rateLimit,
      burstLimit: deps.options.accountBurstLimit ?? ACCOUNT_THROTTLE.burstLimit,
    },
    random: deps.random ?? randomSource(deps.options.seed),
    now,
    monotonic: () => performance.now(),
    logStream: randomBytes(16).toString('hex'),
    allowCanaryHeader: deps.options.allowCanaryHeader,
    debugHeaders: deps.options.debugHeaders,
    logError: deps.log.error,
  };

  const invocations: FrontDoor = {
    name: 'execute-api',
    claims: claimsInvocation,
    handle(req: IncomingMessage, res: ServerResponse) {
      const target = parseInvokeTarget(req.headers.host, req.url ?? '/');
      if (!target) {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"message":"Not Found"}');
        return;
      }
      const requestId = randomUUID();
      const ctx = new InvocationContext(services, req, res, target, requestId, extendedRequestId(requestId));
      const pending = runChain(ctx);
      if (pending) return pending.then(() => send(ctx));
      send(ctx);
    },
  };

  return {
    doors: [invocations, createKanariaApi(registry, deps.metrics)],
    registry,
    dispose() {
      registry.dispose();
      http.dispose();
    },
  };
}
