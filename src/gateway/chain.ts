// The gateway is a chain: the steps of a stage invocation, listed literally in AWS's order. A
// request step that throws (or rejects) skips to the exception step; the response steps always
// run. Synchronous steps stay synchronous: a request that never waits (MOCK without a body)
// never allocates a promise.
import type { InvocationContext } from './context.js';
import { addResponseHeaders } from './steps/add-response-headers.js';
import { integration } from './steps/integration.js';
import { integrationRequest } from './steps/integration-request.js';
import { integrationResponse } from './steps/integration-response.js';
import { methodRequest } from './steps/method-request.js';
import { methodResponse } from './steps/method-response.js';
import { parseRequest } from './steps/parse-request.js';
import { recordTelemetry } from './steps/record-telemetry.js';
import { renderGatewayError } from './steps/render-gateway-error.js';
import { routeRequest } from './steps/route-request.js';
import { throttleRequest } from './steps/throttle-request.js';

export type Step = (ctx: InvocationContext) => void | Promise<void>;

export const REQUEST_STEPS: readonly Step[] = [
  parseRequest,
  routeRequest, // stage → canary draw → deployment → resource/method
  throttleRequest,
  methodRequest,
  integrationRequest,
  integration,
  integrationResponse,
  methodResponse,
];

export const EXCEPTION_STEP: (ctx: InvocationContext, err: unknown) => void = renderGatewayError;

export const RESPONSE_STEPS: readonly ((ctx: InvocationContext) => void)[] = [addResponseHeaders, recordTelemetry];

function finish(ctx: InvocationContext): void {
  for (const step of RESPONSE_STEPS) step(ctx);
}

function runFrom(ctx: InvocationContext, first: number): void | Promise<void> {
  for (let i = first; i < REQUEST_STEPS.length; i++) {
    let pending: void | Promise<void>;
    try {
      pending = REQUEST_STEPS[i](ctx);
    } catch (err) {
      EXCEPTION_STEP(ctx, err);
      return finish(ctx);
    }
    if (pending) {
      return pending.then(
        () => runFrom(ctx, i + 1),
        (err) => {
          EXCEPTION_STEP(ctx, err);
          finish(ctx);
        },
      );
    }
  }
  finish(ctx);
}

/** Runs every step for `ctx`; when it settles, `ctx.response` is the answer to send. */
export function runChain(ctx: InvocationContext): void | Promise<void> {
  return runFrom(ctx, 0);
}
