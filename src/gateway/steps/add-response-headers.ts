// addResponseHeaders: what API Gateway adds to every answer (x-amzn-RequestId, x-amz-apigw-id)
// and, with `--debug-headers`, Kanaria's `x-kanaria-variant: base|canary`.
import type { InvocationContext } from '../context.js';

export function addResponseHeaders(ctx: InvocationContext): void {
  const headers = ctx.response!.headers;
  headers['x-amzn-RequestId'] = ctx.requestId;
  headers['x-amz-apigw-id'] = ctx.extendedRequestId;
  if (ctx.services.debugHeaders && ctx.stage) headers['x-kanaria-variant'] = ctx.variant;
}
