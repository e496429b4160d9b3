// How log groups, log streams and their events are stored. The logs service's operations and
// Kanaria's own log writers (Lambda function logs, API Gateway execution/access logs, through
// telemetry/log-sink.ts) both go through these functions, so the two never disagree.
import type { Store } from '../../store/store.js';

export const LOG_GROUP = 'logs.group';
export const LOG_STREAM = 'logs.stream';

export interface Scope {
  accountId: string;
  region: string;
}

export interface StoredLogGroup {
  logGroupName: string;
  creationTime: number;
  retentionInDays?: number;
  tags?: Record<string, string>;
  kmsKeyId?: string;
  logGroupClass?: string;
  deletionProtectionEnabled?: boolean;
}

export interface StoredLogStream {
  logGroupName: string;
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  storedBytes: number;
  /** How many batches were appended: the stream's upload sequence token. */
  uploadSequence?: number;
}

export const groupId = (scope: Scope, group: string) => `${scope.accountId}/${scope.region}/${group}`;
/** Streams sort under their group: `${groupId}\u0000${stream}`. */
export const streamId = (scope: Scope, group: string, stream: string) => `${groupId(scope, group)}\u0000${stream}`;
export const streamPrefix = (scope: Scope, group: string) => `${groupId(scope, group)}\u0000`;

/** Log groups of one account and region sort under this prefix. */
export const groupPrefix = (scope: Scope) => `${scope.accountId}/${scope.region}/`;

export const logGroupArn = (scope: Scope, group: string) => `arn:aws:logs:${scope.region}:${scope.accountId}:log-group:${group}`;
export const logStreamArn = (scope: Scope, group: string, stream: string) => `${logGroupArn(scope, group)}:log-stream:${stream}`;

/** Removes a log group, its streams and their events (call inside a transaction). */
export function deleteLogGroupState(store: Store, scope: Scope, group: string): void {
  store.delete(LOG_GROUP, groupId(scope, group));
  store.deletePrefix(LOG_STREAM, streamPrefix(scope, group));
  store.deleteLogEvents(groupId(scope, group));
}

/** Removes a log stream and its events (call inside a transaction). */
export function deleteLogStreamState(store: Store, scope: Scope, group: string, stream: string): void {
  store.delete(LOG_STREAM, streamId(scope, group, stream));
  store.deleteLogEvents(groupId(scope, group), stream);
}

export function ensureLogGroup(store: Store, scope: Scope, group: string, now: number): StoredLogGroup {
  const doc = store.get<StoredLogGroup>(LOG_GROUP, groupId(scope, group));
  if (doc) return doc.data;
  const data: StoredLogGroup = { logGroupName: group, creationTime: now };
  store.put(LOG_GROUP, groupId(scope, group), data);
  return data;
}

export function ensureLogStream(store: Store, scope: Scope, group: string, stream: string, now: number): StoredLogStream {
  const doc = store.get<StoredLogStream>(LOG_STREAM, streamId(scope, group, stream));
  if (doc) return doc.data;
  const data: StoredLogStream = { logGroupName: group, logStreamName: stream, creationTime: now, storedBytes: 0 };
  store.put(LOG_STREAM, streamId(scope, group, stream), data);
  return data;
}

export interface InputLogEvent {
  timestamp: number;
  message: string;
}

/** Appends events to an existing stream and updates its timestamps (call inside a transaction). */
export function appendToStream(store: Store, scope: Scope, stream: StoredLogStream, events: InputLogEvent[], now: number): void {
  if (events.length === 0) return;
  // One pass (Kanaria's log sink appends thousands of events a flush): the time span, the bytes.
  let first = Infinity;
  let last = -Infinity;
  let bytes = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.timestamp < first) first = e.timestamp;
    if (e.timestamp > last) last = e.timestamp;
    bytes += Buffer.byteLength(e.message);
  }
  store.appendLogEvents(groupId(scope, stream.logGroupName), stream.logStreamName, events, now);
  const next: StoredLogStream = {
    ...stream,
    firstEventTimestamp: Math.min(stream.firstEventTimestamp ?? first, first),
    lastEventTimestamp: Math.max(stream.lastEventTimestamp ?? last, last),
    lastIngestionTime: now,
    storedBytes: stream.storedBytes + bytes,
    uploadSequence: (stream.uploadSequence ?? 0) + 1,
  };
  store.put(LOG_STREAM, streamId(scope, stream.logGroupName, stream.logStreamName), next);
}
