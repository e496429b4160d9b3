// routeRequest: the stage the URL names, the canary draw (one per request, or sticky), the deployment and
// stage variables of the variant drawn, and the resource and method of that deployment that
// serve the request. Unknown API → 404 (LocalStack's answer: on AWS the host does not resolve),
// unknown stage → 403 Forbidden, no resource or method → 403 Missing Authentication Token (AWS).
import { isCanaryRequest } from '../canary.js';
import type { CompiledStage } from '../compile-stage.js';
import type { InvocationContext } from '../context.js';
import { Default4xx, MESSAGES, MissingAuthenticationToken, ResourceNotFound } from '../gateway-responses.js';
import { stickyRequestPoint } from '../sticky-routing.js';

/** With `--allow-canary-header`, `x-kanaria-canary: always|never` forces the variant (a Kanaria testing aid). */
function forcedVariant(ctx: InvocationContext): boolean | undefined {
  if (!ctx.services.allowCanaryHeader) return undefined;
  const value = ctx.req.headers['x-kanaria-canary'];
  if (value === 'always') return true;
  if (value === 'never') return false;
  return undefined;
}

/**
 * Forced by the testing header, else sticky (a key's fixed point against the share), else one
 * random draw. At 0 and 100 % (a rollout's hooks hold the share there) nothing is hashed or drawn.
 */
function drawCanary(ctx: InvocationContext, stage: CompiledStage): boolean {
  if (!stage.canary) return false;
  const forced = forcedVariant(ctx);
  if (forced !== undefined) return forced;
  const share = stage.percentTraffic;
  if (stage.sticky && share > 0 && share < 100) {
    const point = stickyRequestPoint(stage.sticky, ctx.req.headers);
    if (point !== undefined) return point < share;
  }
  return isCanaryRequest(share, ctx.services.random);
}

export function routeRequest(ctx: InvocationContext): void {
  const { target } = ctx;
  const found = ctx.services.registry.lookup(target.apiId, target.stageName);
  if (found === 'unknown-api') throw new ResourceNotFound(`The API id '${target.apiId}' does not correspond to a deployed API Gateway API`);
  if (found === 'unknown-stage') throw new Default4xx(MESSAGES.forbidden, { status: 403, errorType: 'ForbiddenException' });
  ctx.stage = found;
  const canary = drawCanary(ctx, found);
  const variant = canary ? found.canary! : found.base;
  ctx.variant = variant.variant;
  ctx.deployment = variant;
  ctx.stageVariables = variant.stageVariables;

  const request = ctx.request!;
  const match = variant.routes.match(request.httpMethod, request.path);
  if (!match) throw new MissingAuthenticationToken(MESSAGES.missingToken);
  ctx.method = match.method;
  ctx.pathParameters = match.pathParameters;
  ctx.settings = found.settingsFor(match.method.settingsKey);

  ctx.log('INFO', () => `Extended Request Id: ${ctx.extendedRequestId}`);
  ctx.log('INFO', () => `Starting execution for request: ${ctx.requestId}`);
  ctx.log('INFO', () => `HTTP Method: ${request.httpMethod}, Resource Path: ${request.path}`);
}
