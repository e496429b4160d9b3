// Amazon CloudWatch Logs: log groups, streams and events. State layout and the functions
// Kanaria's own log writers share: ./state.ts.
import type { Operations } from '../../aws/generated/logs.js';
import { loadModel } from '../../aws/model.js';
import type { Handlers, ServiceDefinition } from '../../aws/service.js';
import { WIRE_ERRORS } from '../../aws/wire-errors.js';
import type { Store } from '../../store/store.js';
import type { LogSink } from '../../telemetry/log-sink.js';

export interface LogsDeps {
  store: Store;
  /** Flushed before reads, so a reader sees every line written so far. */
  sink: LogSink;
}

export function createLogsService(deps: LogsDeps): ServiceDefinition {
  void deps;
  const operations: Handlers<Operations> = {};
  return { name: 'logs', model: loadModel('logs'), operations, errors: WIRE_ERRORS.logs, validationPathPrefix: false };
}
