// recordTelemetry: latency, the final execution log line, the variant's metrics, the execution
// and access logs. Everything is buffered (metrics in memory, logs in the log sink, written in
// batches off the request path).
import { writeAccessLog } from '../access-log.js';
import type { InvocationContext } from '../context.js';
import { writeExecutionLog } from '../execution-log.js';

export function recordTelemetry(ctx: InvocationContext): void {
  const status = ctx.response!.statusCode;
  ctx.responseLatency = ctx.services.monotonic() - ctx.startedAt;
  ctx.log(status >= 400 ? 'ERROR' : 'INFO', () => `Method completed with status: ${status}`);
  if (!ctx.stage || !ctx.deployment) return;
  ctx.deployment.metrics.record(status, ctx.responseLatency, ctx.method?.integration ? ctx.integrationLatency : -1);
  writeExecutionLog(ctx);
  writeAccessLog(ctx);
}
