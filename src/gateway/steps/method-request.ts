// methodRequest: what the method demands of the caller before any integration runs. AWS_IAM
// methods need a SigV4-signed request (unsigned → 403 Missing Authentication Token, as AWS
// answers); the signature itself is not verified. Authorizers, API keys and request validators
// are not applied yet.
import type { InvocationContext } from '../context.js';
import { MESSAGES, MissingAuthenticationToken } from '../gateway-responses.js';

function isSigned(ctx: InvocationContext): boolean {
  const auth = ctx.req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('AWS4-HMAC-SHA256 ')) return true;
  return 'X-Amz-Signature' in ctx.request!.multiValueQuery;
}

export function methodRequest(ctx: InvocationContext): void {
  const method = ctx.method!;
  if (method.authorizationType === 'AWS_IAM' && !isSigned(ctx)) throw new MissingAuthenticationToken(MESSAGES.missingToken);
  const request = ctx.request!;
  ctx.log('INFO', () => `Method request path: ${JSON.stringify(ctx.pathParameters ?? {})}`);
  ctx.log('INFO', () => `Method request query string: ${JSON.stringify(request.multiValueQuery)}`);
  ctx.log('INFO', () => `Method request headers: ${JSON.stringify(request.multiValueHeaders)}`);
  if (ctx.settings!.dataTrace) ctx.log('INFO', () => `Method request body before transformations: ${request.body.toString('utf8')}`);
}
