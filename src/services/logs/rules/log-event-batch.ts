// The rules PutLogEvents applies to a batch (PutLogEvents API reference): events in chronological
// order, a span of at most 24 hours, at most 1,048,576 bytes counting 26 bytes per event; events
// more than 2 hours ahead, more than 14 days old, or older than the retention are rejected and
// reported in rejectedLogEventsInfo while the rest are stored.
import type { InputLogEvent, RejectedLogEventsInfo } from '../../../aws/generated/logs.js';

export const MAX_BATCH_BYTES = 1_048_576;
export const EVENT_OVERHEAD_BYTES = 26;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const MAX_BATCH_SPAN_MS = DAY;
export const MAX_EVENT_AGE_MS = 14 * DAY;
export const MAX_EVENT_LEAD_MS = 2 * HOUR;

export const NOT_CHRONOLOGICAL = 'Log events in a single PutLogEvents request must be in chronological order.';
export const SPANS_TOO_LONG = 'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.';

export type BatchVerdict = { problem: string } | { accepted: InputLogEvent[]; rejected?: RejectedLogEventsInfo };

export const batchBytes = (events: InputLogEvent[]) => events.reduce((n, e) => n + Buffer.byteLength(e.message) + EVENT_OVERHEAD_BYTES, 0);

export function checkLogEventBatch(events: InputLogEvent[], now: number, retentionInDays?: number): BatchVerdict {
  for (let i = 1; i < events.length; i++) if (events[i].timestamp < events[i - 1].timestamp) return { problem: NOT_CHRONOLOGICAL };
  if (events.length > 1 && events[events.length - 1].timestamp - events[0].timestamp > MAX_BATCH_SPAN_MS) return { problem: SPANS_TOO_LONG };
  const bytes = batchBytes(events);
  if (bytes > MAX_BATCH_BYTES) return { problem: `Upload too large: ${bytes} bytes exceeds limit of ${MAX_BATCH_BYTES}` };

  const rejected: RejectedLogEventsInfo = {};
  const accepted: InputLogEvent[] = [];
  const oldest = now - MAX_EVENT_AGE_MS;
  const expiredBefore = retentionInDays === undefined ? undefined : now - retentionInDays * DAY;
  events.forEach((event, i) => {
    let ok = true;
    if (event.timestamp < oldest) (rejected.tooOldLogEventEndIndex = i), (ok = false);
    if (expiredBefore !== undefined && event.timestamp < expiredBefore) (rejected.expiredLogEventEndIndex = i), (ok = false);
    if (event.timestamp > now + MAX_EVENT_LEAD_MS) {
      if (rejected.tooNewLogEventStartIndex === undefined) rejected.tooNewLogEventStartIndex = i;
      ok = false;
    }
    if (ok) accepted.push(event);
  });
  return Object.keys(rejected).length > 0 ? { accepted, rejected } : { accepted };
}
