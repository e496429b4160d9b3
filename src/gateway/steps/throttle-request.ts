// throttleRequest: the method's token bucket (from methodSettings) and the account's; either
// empty → 429 `{"message":"Too Many Requests"}` (gateway response THROTTLED).
import type { InvocationContext } from '../context.js';
import { MESSAGES, Throttled } from '../gateway-responses.js';

export function throttleRequest(ctx: InvocationContext): void {
  const stage = ctx.stage!;
  const limits = ctx.settings!.throttle;
  const methodKey = limits ? `${stage.apiId}/${stage.stageName}/${ctx.method!.settingsKey}` : '';
  if (!ctx.services.throttler.allow(methodKey, limits, stage.accountThrottleKey, ctx.services.accountThrottle)) {
    throw new Throttled(MESSAGES.throttled, { logLines: ['Method request throttled: rate or burst limit exceeded'] });
  }
}
