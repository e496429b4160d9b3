// FilterLogEvents: the events of a log group (all streams, named streams or a name prefix),
// interleaved by time, that fall in [startTime, endTime] and match the filter pattern; paged
// with an opaque nextToken holding the position of the last event looked at.
import type { FilterLogEventsRequest, FilterLogEventsResponse, FilteredLogEvent } from '../../../aws/generated/logs.js';
import type { LogEventPosition } from '../../../store/store.js';
import type { LogsContext } from '../context.js';
import { LOGS_ERRORS } from '../errors.js';
import { compileFilterPattern, FilterPatternError } from '../rules/filter-pattern.js';
import { EVENT_OVERHEAD_BYTES, MAX_BATCH_BYTES } from '../rules/log-event-batch.js';
import { eventId, isPosition, opaqueToken, readOpaqueToken } from '../rules/tokens.js';
import { groupId } from '../state.js';
import { positionOf } from './events.js';
import { groupNameOf, requireGroup } from './lookup.js';

/** Rows read from the store per step while looking for matches. */
const SCAN_CHUNK = 1000;

function compile(pattern: string | undefined): (message: string) => boolean {
  try {
    return compileFilterPattern(pattern);
  } catch (err) {
    if (err instanceof FilterPatternError) throw LOGS_ERRORS.invalidParameter(err.message);
    throw err;
  }
}

export function filterLogEvents(ctx: LogsContext, input: FilterLogEventsRequest): FilterLogEventsResponse {
  const group = groupNameOf(input);
  if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
    throw LOGS_ERRORS.invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  }
  requireGroup(ctx, group);
  const matches = compile(input.filterPattern);
  const tokenScope = `filter:${group}`;
  let cursor: LogEventPosition | undefined = input.nextToken === undefined ? undefined : readOpaqueToken(tokenScope, input.nextToken, isPosition);
  if (input.nextToken !== undefined && !cursor) throw LOGS_ERRORS.invalidToken();

  const limit = input.limit ?? 10_000;
  const events: FilteredLogEvent[] = [];
  let bytes = 0;
  let more = false;
  scan: for (;;) {
    const rows = ctx.store.queryLogEvents({
      group: groupId(ctx.scope, group),
      streams: input.logStreamNames,
      streamPrefix: input.logStreamNamePrefix,
      startTime: input.startTime,
      endTime: input.endTime === undefined ? undefined : input.endTime + 1, // FilterLogEvents' endTime is inclusive
      after: cursor,
      limit: SCAN_CHUNK,
    });
    for (const row of rows) {
      if (!matches(row.message)) {
        cursor = positionOf(row);
        continue;
      }
      bytes += Buffer.byteLength(row.message) + EVENT_OVERHEAD_BYTES;
      if (events.length === limit || (bytes > MAX_BATCH_BYTES && events.length > 0)) {
        more = true;
        break scan;
      }
      cursor = positionOf(row);
      events.push({ logStreamName: row.stream, timestamp: row.timestamp, message: row.message, ingestionTime: row.ingestionTime, eventId: eventId(positionOf(row)) });
    }
    if (rows.length < SCAN_CHUNK) break;
  }
  return { events, searchedLogStreams: [], nextToken: more && cursor ? opaqueToken(tokenScope, cursor) : undefined };
}
