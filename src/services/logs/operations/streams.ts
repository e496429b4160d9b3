// Log stream operations: create, delete, describe (by name or by last event time, ascending or
// descending, with a name prefix, paged). storedBytes is always 0 for streams, as AWS has
// reported since it deprecated the field in 2019.
import type {
  CreateLogStreamRequest, DeleteLogStreamRequest, DescribeLogStreamsRequest, DescribeLogStreamsResponse, LogStream,
} from '../../../aws/generated/logs.js';
import type { LogsContext } from '../context.js';
import { LOGS_ERRORS } from '../errors.js';
import { isOffset, opaqueToken, readOpaqueToken, sequenceToken } from '../rules/tokens.js';
import { deleteLogStreamState, LOG_STREAM, logStreamArn, streamId, streamPrefix, type StoredLogStream } from '../state.js';
import { groupNameOf, requireGroup, requireStream } from './lookup.js';

export function createLogStream(ctx: LogsContext, input: CreateLogStreamRequest): void {
  ctx.store.transaction(() => {
    requireGroup(ctx, input.logGroupName);
    const id = streamId(ctx.scope, input.logGroupName, input.logStreamName);
    if (ctx.store.get(LOG_STREAM, id)) throw LOGS_ERRORS.streamExists();
    const stream: StoredLogStream = { logGroupName: input.logGroupName, logStreamName: input.logStreamName, creationTime: ctx.now(), storedBytes: 0 };
    ctx.store.put(LOG_STREAM, id, stream, 0);
  });
}

export function deleteLogStream(ctx: LogsContext, input: DeleteLogStreamRequest): void {
  ctx.store.transaction(() => {
    requireGroup(ctx, input.logGroupName);
    requireStream(ctx, input.logGroupName, input.logStreamName);
    deleteLogStreamState(ctx.store, ctx.scope, input.logGroupName, input.logStreamName);
  });
}

export function streamView(ctx: LogsContext, stream: StoredLogStream): LogStream {
  return {
    logStreamName: stream.logStreamName,
    creationTime: stream.creationTime,
    firstEventTimestamp: stream.firstEventTimestamp,
    lastEventTimestamp: stream.lastEventTimestamp,
    lastIngestionTime: stream.lastIngestionTime,
    uploadSequenceToken: stream.uploadSequence ? sequenceToken(stream.uploadSequence) : undefined,
    arn: logStreamArn(ctx.scope, stream.logGroupName, stream.logStreamName),
    storedBytes: 0,
  };
}

const byName = (a: StoredLogStream, b: StoredLogStream) => (a.logStreamName < b.logStreamName ? -1 : a.logStreamName > b.logStreamName ? 1 : 0);
const byLastEvent = (a: StoredLogStream, b: StoredLogStream) => (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0) || byName(a, b);

export function describeLogStreams(ctx: LogsContext, input: DescribeLogStreamsRequest): DescribeLogStreamsResponse {
  const group = groupNameOf(input);
  const orderBy = input.orderBy ?? 'LogStreamName';
  const prefix = input.logStreamNamePrefix;
  if (orderBy === 'LastEventTime' && prefix !== undefined) throw LOGS_ERRORS.invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
  requireGroup(ctx, group);
  const tokenScope = `streams:${group}:${orderBy}:${input.descending === true}:${prefix ?? ''}`;
  const start = input.nextToken === undefined ? 0 : readOpaqueToken(tokenScope, input.nextToken, isOffset);
  if (start === undefined) throw LOGS_ERRORS.invalidToken();
  const streams = ctx.store
    .list<StoredLogStream>(LOG_STREAM, streamPrefix(ctx.scope, group))
    .map((d) => d.data)
    .filter((s) => prefix === undefined || s.logStreamName.startsWith(prefix))
    .sort(orderBy === 'LastEventTime' ? byLastEvent : byName);
  if (input.descending) streams.reverse();
  const limit = input.limit ?? 50;
  const page = streams.slice(start, start + limit);
  const end = start + page.length;
  return { logStreams: page.map((s) => streamView(ctx, s)), nextToken: end < streams.length ? opaqueToken(tokenScope, end) : undefined };
}
