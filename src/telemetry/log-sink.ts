// Where Kanaria's own log lines go (Lambda function output, API Gateway execution and access
// logs): buffered in memory and written to the logs service's state in one transaction every
// `flushMs`, so the request path never waits for the disk. Groups and streams are created on
// first use, as AWS does for these services.
import type { Store } from '../store/store.js';
import { appendToStream, ensureLogGroup, ensureLogStream, type InputLogEvent, type Scope } from '../services/logs/state.js';

export interface LogSink {
  write(scope: Scope, group: string, stream: string, events: InputLogEvent[]): void;
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

export function createLogSink(store: Store, options: { flushMs?: number; now?: () => number } = {}): LogSink {
  const now = options.now ?? Date.now;
  const batches = new Map<string, Batch>();
  let timer: NodeJS.Timeout | undefined;

  function flush(): void {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (batches.size === 0) return;
    const pending = [...batches.values()];
    batches.clear();
    const t = now();
    store.transaction(() => {
      for (const b of pending) {
        ensureLogGroup(store, b.scope, b.group, t);
        const stream = ensureLogStream(store, b.scope, b.group, b.stream, t);
        appendToStream(store, b.scope, stream, b.events, t);
      }
    });
  }

  return {
    write(scope, group, stream, events) {
      const key = `${scope.accountId}/${scope.region}/${group}\u0000${stream}`;
      const batch = batches.get(key);
      if (batch) batch.events.push(...events);
      else batches.set(key, { scope, group, stream, events: [...events] });
      if (!timer) {
        timer = setTimeout(flush, options.flushMs ?? 100);
        timer.unref();
      }
    },
    flush,
    dispose: flush,
  };
}
