// integration: calls the backend (Lambda, HTTP endpoint, or nothing for MOCK) and measures the
// integration latency (-1 when it timed out or never answered, as the access log shows it).
import type { InvocationContext } from '../context.js';
import { IntegrationTimeout } from '../gateway-responses.js';
import { INTEGRATIONS } from '../integrations/table.js';

export function integration(ctx: InvocationContext): void | Promise<void> {
  const config = ctx.method!.integration!;
  const started = ctx.services.monotonic();
  let pending: void | Promise<void>;
  try {
    pending = INTEGRATIONS[config.type].invoke(ctx, config);
  } catch (err) {
    return done(ctx, started, err);
  }
  if (pending) return pending.then(() => done(ctx, started), (err) => done(ctx, started, err));
  done(ctx, started);
}

/** Records the latency (and its log line) once the integration answered or failed; rethrows a failure. */
function done(ctx: InvocationContext, started: number, err?: unknown): void {
  ctx.integrationLatency = err instanceof IntegrationTimeout ? -1 : ctx.services.monotonic() - started;
  if (ctx.integrationStatus !== undefined) {
    ctx.log('INFO', () => `Received response. Status: ${ctx.integrationStatus}, Integration latency: ${Math.round(ctx.integrationLatency)} ms`);
  }
  if (err !== undefined) throw err;
}
