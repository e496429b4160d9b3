// PutLogEvents (the batch rules of ../rules/log-event-batch.ts; accepted events stored, the rest
// reported) and GetLogEvents (one stream, from the head or the tail, paged with f/… and b/…
// tokens that come back unchanged when there is nothing new, so polling ends).
import type { GetLogEventsRequest, GetLogEventsResponse, PutLogEventsRequest, PutLogEventsResponse } from '../../../aws/generated/logs.js';
import type { LogEventPosition, StoredLogEvent } from '../../../store/store.js';
import type { LogsContext } from '../context.js';
import { LOGS_ERRORS } from '../errors.js';
import { checkLogEventBatch, EVENT_OVERHEAD_BYTES, MAX_BATCH_BYTES } from '../rules/log-event-batch.js';
import { eventsToken, readEventsToken, sequenceToken, START } from '../rules/tokens.js';
import { appendToStream, groupId } from '../state.js';
import { groupNameOf, requireGroup, requireStream } from './lookup.js';

export function putLogEvents(ctx: LogsContext, input: PutLogEventsRequest): PutLogEventsResponse {
  return ctx.store.transaction(() => {
    const group = requireGroup(ctx, input.logGroupName).data;
    const stream = requireStream(ctx, input.logGroupName, input.logStreamName).data;
    const now = ctx.now();
    const verdict = checkLogEventBatch(input.logEvents, now, group.retentionInDays);
    if ('problem' in verdict) throw LOGS_ERRORS.invalidParameter(verdict.problem);
    appendToStream(ctx.store, ctx.scope, stream, verdict.accepted, now);
    const batches = (stream.uploadSequence ?? 0) + (verdict.accepted.length > 0 ? 1 : 0);
    return { nextSequenceToken: sequenceToken(Math.max(batches, 1)), rejectedLogEventsInfo: verdict.rejected };
  });
}

/** Keeps events until their size (with AWS's 26 bytes each) would pass 1 MB; at least one. */
export function withinResponseSize<T extends { message: string }>(events: T[]): T[] {
  let bytes = 0;
  for (let i = 0; i < events.length; i++) {
    bytes += Buffer.byteLength(events[i].message) + EVENT_OVERHEAD_BYTES;
    if (bytes > MAX_BATCH_BYTES && i > 0) return events.slice(0, i);
  }
  return events;
}

export const positionOf = (e: StoredLogEvent): LogEventPosition => ({ timestamp: e.timestamp, seq: e.seq });

export function getLogEvents(ctx: LogsContext, input: GetLogEventsRequest): GetLogEventsResponse {
  const group = groupNameOf(input);
  requireGroup(ctx, group);
  requireStream(ctx, group, input.logStreamName);
  const token = input.nextToken === undefined ? undefined : readEventsToken(input.nextToken);
  if (input.nextToken !== undefined && !token) throw LOGS_ERRORS.invalidToken();
  const direction = token?.direction ?? (input.startFromHead ? 'f' : 'b');
  const base = { group: groupId(ctx.scope, group), streams: [input.logStreamName], startTime: input.startTime, endTime: input.endTime, limit: input.limit ?? 10_000 };
  const events =
    direction === 'f'
      ? withinResponseSize(ctx.store.queryLogEvents({ ...base, after: token?.position }))
      : withinResponseSize(ctx.store.queryLogEvents({ ...base, before: token?.position, descending: true })).reverse();

  if (events.length > 0) {
    return {
      events: events.map(({ timestamp, message, ingestionTime }) => ({ timestamp, message, ingestionTime })),
      nextForwardToken: eventsToken('f', positionOf(events[events.length - 1])),
      nextBackwardToken: eventsToken('b', positionOf(events[0])),
    };
  }
  // Nothing in this direction: the token passed comes back as it was, the other one meets it.
  if (!token) return { events: [], nextForwardToken: eventsToken('f', START), nextBackwardToken: eventsToken('b', START) };
  const { timestamp, seq } = token.position;
  return token.direction === 'f'
    ? { events: [], nextForwardToken: input.nextToken, nextBackwardToken: eventsToken('b', { timestamp, seq: seq + 1 }) }
    : { events: [], nextForwardToken: eventsToken('f', { timestamp, seq: Math.max(seq - 1, 0) }), nextBackwardToken: input.nextToken };
}
