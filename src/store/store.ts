// The state interface every service writes through: JSON documents by kind and id, each with a
// version, and an append-only table of log events. Calls are synchronous (the embedded SQLite
// adapter is), so a read-modify-write inside `transaction()` can never interleave with another.

export interface Doc<T> {
  kind: string;
  id: string;
  /** Starts at 1 and grows by one on every write. */
  version: number;
  data: T;
}

export interface LogEventRow {
  /** `${accountId}/${region}/${logGroupName}` */
  group: string;
  stream: string;
  timestamp: number;
  ingestionTime: number;
  message: string;
}

export interface LogEventQuery {
  group: string;
  streams?: string[];
  streamPrefix?: string;
  startTime?: number;
  endTime?: number;
  /** Rows after this position in (timestamp, seq) order: paging that follows the ORDER BY. */
  after?: LogEventPosition;
  /** Rows before this position in (timestamp, seq) order. */
  before?: LogEventPosition;
  limit: number;
  descending?: boolean;
}

export interface LogEventPosition {
  timestamp: number;
  seq: number;
}

export interface StoredLogEvent extends LogEventRow {
  seq: number;
}

export interface ChangeEvent {
  kind: string;
  id: string;
  /** The new document, or undefined when it was deleted. */
  data: unknown;
}

export interface Store {
  get<T>(kind: string, id: string): Doc<T> | undefined;
  /** Documents of a kind whose id starts with `prefix`, in id order. */
  list<T>(kind: string, prefix?: string): Doc<T>[];
  /**
   * Writes a document. With `expectedVersion`, fails with StaleWriteError when the stored version
   * differs (0 means "must not exist"). Returns the new version.
   */
  put<T>(kind: string, id: string, data: T, expectedVersion?: number): number;
  delete(kind: string, id: string): boolean;
  /** Deletes every document of a kind whose id starts with `prefix`; returns how many. */
  deletePrefix(kind: string, prefix: string): number;
  /** Runs `fn` atomically; nested calls join the outer transaction. */
  transaction<R>(fn: () => R): R;

  /** Appends events to one stream of a group (both named as in LogEventRow), all ingested at `ingestionTime`. */
  appendLogEvents(group: string, stream: string, events: ReadonlyArray<{ timestamp: number; message: string }>, ingestionTime: number): void;
  queryLogEvents(query: LogEventQuery): StoredLogEvent[];
  deleteLogEvents(group: string, stream?: string): void;

  /** Called after a write commits, for every document written or deleted. */
  onChange(listener: (event: ChangeEvent) => void): () => void;
  close(): void;
}

export class StaleWriteError extends Error {
  constructor(kind: string, id: string) {
    super(`${kind} ${id} was changed by another writer`);
  }
}
