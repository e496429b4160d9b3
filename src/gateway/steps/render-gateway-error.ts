// renderGatewayError (the exception step): any failure becomes the answer of its gateway
// response type (gateway-responses.ts), with its execution log lines. A failure that is not a
// GatewayError is a Kanaria bug: the client gets a plain 500, the console gets the stack.
import type { InvocationContext } from '../context.js';
import { Default5xx, GatewayError, MESSAGES, renderGatewayResponse } from '../gateway-responses.js';

export function renderGatewayError(ctx: InvocationContext, err: unknown): void {
  let error: GatewayError;
  if (err instanceof GatewayError) error = err;
  else {
    ctx.services.logError(`stage invocation ${ctx.requestId} failed: ${(err as Error)?.stack ?? String(err)}`);
    error = new Default5xx(MESSAGES.internal, { status: 500, errorType: 'InternalServerErrorException' });
  }
  ctx.error = error;
  for (const line of error.logLines) ctx.log('ERROR', line);
  const rendered = renderGatewayResponse(error);
  ctx.response = { statusCode: rendered.status, headers: rendered.headers, body: rendered.body };
}
