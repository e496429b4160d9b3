// The CloudWatch Logs service definition: every implemented operation, bound to the store and
// clock. The log sink is flushed before each call, so a reader sees every line written so far
// and a writer works on current state. Operations not listed answer NotImplemented.
import type { Operations } from '../../aws/generated/logs.js';
import { loadModel } from '../../aws/model.js';
import type { Handlers, OpContext, ServiceDefinition } from '../../aws/service.js';
import { WIRE_ERRORS } from '../../aws/wire-errors.js';
import type { Store } from '../../store/store.js';
import type { LogSink } from '../../telemetry/log-sink.js';
import type { LogsContext, LogsOperation } from './context.js';
import { getLogEvents, putLogEvents } from './operations/events.js';
import { filterLogEvents } from './operations/filter.js';
import { createLogGroup, deleteLogGroup, deleteRetentionPolicy, describeLogGroups, putRetentionPolicy } from './operations/groups.js';
import { createLogStream, deleteLogStream, describeLogStreams } from './operations/streams.js';
import { listTagsForResource, listTagsLogGroup, tagLogGroup, tagResource, untagLogGroup, untagResource } from './operations/tags.js';

export interface LogsDeps {
  store: Store;
  /** Flushed before every call, so a reader sees every line written so far. */
  sink: LogSink;
  now?: () => number;
}

export function createLogsService(deps: LogsDeps): ServiceDefinition {
  const bind =
    <I, O>(op: LogsOperation<I, O>) =>
    (ctx: OpContext, input: I): O => {
      deps.sink.flush();
      const scope = { accountId: ctx.accountId, region: ctx.region };
      return op({ ...ctx, store: deps.store, scope, now: deps.now ?? Date.now } satisfies LogsContext, input);
    };

  const operations: Handlers<Operations> = {
    CreateLogGroup: bind(createLogGroup),
    DeleteLogGroup: bind(deleteLogGroup),
    DescribeLogGroups: bind(describeLogGroups),
    PutRetentionPolicy: bind(putRetentionPolicy),
    DeleteRetentionPolicy: bind(deleteRetentionPolicy),
    CreateLogStream: bind(createLogStream),
    DeleteLogStream: bind(deleteLogStream),
    DescribeLogStreams: bind(describeLogStreams),
    PutLogEvents: bind(putLogEvents),
    GetLogEvents: bind(getLogEvents),
    FilterLogEvents: bind(filterLogEvents),
    TagResource: bind(tagResource),
    UntagResource: bind(untagResource),
    ListTagsForResource: bind(listTagsForResource),
    TagLogGroup: bind(tagLogGroup),
    UntagLogGroup: bind(untagLogGroup),
    ListTagsLogGroup: bind(listTagsLogGroup),
  };
  return { name: 'logs', model: loadModel('logs'), operations, errors: WIRE_ERRORS.logs, validationPathPrefix: false };
}
