// Execution logs: the lines steps collected (at the method's logging level) written to
// `API-Gateway-Execution-Logs_{apiId}/{stage}`, and for canary requests also to `…/Canary`
// (rest-api-execution-logging; CANARY-DOC; reference §2.3 on the underscore spelling). Each line
// is prefixed with the request id, as AWS prints it.
import type { InvocationContext } from './context.js';

export const executionLogGroup = (apiId: string, stageName: string) => `API-Gateway-Execution-Logs_${apiId}/${stageName}`;

export function writeExecutionLog(ctx: InvocationContext): void {
  if (!ctx.logLines) return;
  const stage = ctx.stage!;
  const timestamp = ctx.services.now();
  // Standard execution logging truncates each event at 1 KB (rest-api-execution-logging).
  const events = ctx.logLines.map((l) => ({ timestamp, message: `(${ctx.requestId}) ${l.message}`.slice(0, 1024) }));
  const group = executionLogGroup(stage.apiId, stage.stageName);
  const { logSink, logStream } = ctx.services;
  logSink.write(stage.scope, group, logStream, events);
  if (ctx.variant === 'canary') logSink.write(stage.scope, `${group}/Canary`, logStream, events);
}
