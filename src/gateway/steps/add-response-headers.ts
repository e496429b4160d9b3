// addResponseHeaders: what API Gateway adds to every answer (x-amzn-RequestId, x-amz-apigw-id, a
// Content-Length of its own, never the backend's) and, with `--debug-headers`, Kanaria's
// `x-kanaria-variant: base|canary`. A known length also lets the answer go out in one write.
import type { InvocationContext } from '../context.js';

export function addResponseHeaders(ctx: InvocationContext): void {
  const response = ctx.response!;
  const headers = response.headers;
  for (const name in headers) if (name.length === 14 && name.toLowerCase() === 'content-length') delete headers[name];
  headers['Content-Length'] = String(typeof response.body === 'string' ? Buffer.byteLength(response.body) : response.body.length);
  headers['x-amzn-RequestId'] = ctx.requestId;
  headers['x-amz-apigw-id'] = ctx.extendedRequestId;
  if (ctx.services.debugHeaders && ctx.stage) headers['x-kanaria-variant'] = ctx.variant;
}
