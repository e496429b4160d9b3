// Where Kanaria's own log lines go (Lambda function output, API Gateway execution and access
// logs): buffered in memory and written to the logs service's state every `flushMs`, so the
// request path never waits for the disk. A timed flush writes at most SLICE_EVENTS events per
// transaction and lets the event loop run between slices (thousands of lines would otherwise
// hold up every request for milliseconds); `flush()` writes everything at once, for readers.
// Groups and streams are created on first use, as AWS does for these services.
import type { Store } from '../store/store.js';
import { appendToStream, ensureLogGroup, ensureLogStream, streamId, type InputLogEvent, type Scope } from '../services/logs/state.js';

/** Appends to one stream (a Lambda worker's): its batch key is computed once, not per line. */
export interface LogStreamWriter {
  write(timestamp: number, message: string): void;
}

export interface LogSink {
  write(scope: Scope, group: string, stream: string, events: InputLogEvent[]): void;
  /** A writer bound to one stream, for a writer that keeps writing to the same stream. */
  stream(scope: Scope, group: string, stream: string): LogStreamWriter;
  /** Writes everything buffered now (tests and readers that need the latest lines call this). */
  flush(): void;
  dispose(): void;
}

interface Batch {
  scope: Scope;
  group: string;
  stream: string;
  events: InputLogEvent[];
}

/**
 * Events a timed flush writes in one transaction before it yields to the event loop. With a row
 * per event, a slice of 512 held requests up for ~1 ms; 128 took AWS_PROXY's p99 from ~11.5 to
 * ~9 ms under load with the same throughput (bench/gateway.mjs, 2026-11-22). Since events are
 * stored in batches (store/sqlite/log-batches.ts), 512 Lambda log lines take as long as 128 did
 * (median 438 µs against 443, 2026-11-23), and a slice's own cost (~57 µs: the transaction, the
 * group and stream documents) is shared by four times as many lines.
 */
const SLICE_EVENTS = 512;

export function createLogSink(store: Store, options: { flushMs?: number; now?: () => number } = {}): LogSink {
  const now = options.now ?? Date.now;
  const batches = new Map<string, Batch>();
  /** Batches taken from `batches`, oldest first, being written slice by slice. */
  const draining: Batch[] = [];
  let timer: NodeJS.Timeout | undefined;

  function take(): void {
    if (batches.size === 0) return;
    for (const b of batches.values()) draining.push(b);
    batches.clear();
  }

  /** Writes up to `limit` events of the oldest batches in one transaction. */
  function writeSlice(limit: number): void {
    if (draining.length === 0) return;
    const t = now();
    store.transaction(() => {
      let budget = limit;
      while (draining.length > 0 && budget > 0) {
        const b = draining[0];
        const n = Math.min(budget, b.events.length);
        ensureLogGroup(store, b.scope, b.group, t);
        const stream = ensureLogStream(store, b.scope, b.group, b.stream, t);
        appendToStream(store, b.scope, stream, n === b.events.length ? b.events : b.events.slice(0, n), t);
        if (n === b.events.length) draining.shift();
        else b.events = b.events.slice(n);
        budget -= n;
      }
    });
  }

  function flush(): void {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    take();
    while (draining.length > 0) writeSlice(Infinity);
  }

  function timedFlush(): void {
    timer = undefined;
    take();
    drainStep();
  }

  function drainStep(): void {
    writeSlice(SLICE_EVENTS);
    if (draining.length > 0) setImmediate(drainStep);
  }

  /** The batch of a stream (created when it has none since the last flush); arms the flush. */
  function batchFor(key: string, scope: Scope, group: string, stream: string): Batch {
    let batch = batches.get(key);
    if (!batch) batches.set(key, (batch = { scope, group, stream, events: [] }));
    if (!timer) {
      timer = setTimeout(timedFlush, options.flushMs ?? 100);
      timer.unref();
    }
    return batch;
  }

  return {
    write(scope, group, stream, events) {
      batchFor(streamId(scope, group, stream), scope, group, stream).events.push(...events);
    },
    stream(scope, group, stream) {
      const key = streamId(scope, group, stream);
      return { write: (timestamp, message) => void batchFor(key, scope, group, stream).events.push({ timestamp, message }) };
    },
    flush,
    dispose: flush,
  };
}
