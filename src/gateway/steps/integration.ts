// integration: calls the backend (Lambda, HTTP endpoint, or nothing for MOCK) and measures the
// integration latency (-1 when it timed out or never answered, as the access log shows it).
import type { InvocationContext } from '../context.js';
import { IntegrationTimeout } from '../gateway-responses.js';
import { INTEGRATIONS } from '../integrations/table.js';

export function integration(ctx: InvocationContext): void | Promise<void> {
  const config = ctx.method!.integration!;
  const { monotonic } = ctx.services;
  const started = monotonic();
  const done = (err?: unknown) => {
    ctx.integrationLatency = err instanceof IntegrationTimeout ? -1 : monotonic() - started;
    if (ctx.integrationStatus !== undefined) {
      ctx.log('INFO', () => `Received response. Status: ${ctx.integrationStatus}, Integration latency: ${Math.round(ctx.integrationLatency)} ms`);
    }
    if (err !== undefined) throw err;
  };
  let pending: void | Promise<void>;
  try {
    pending = INTEGRATIONS[config.type].invoke(ctx, config);
  } catch (err) {
    return done(err);
  }
  if (pending) return pending.then(() => done(), done);
  done();
}
