// The embedded Store: one SQLite file (WAL mode) under the data directory, or an in-memory
// database for `--ephemeral`. Statements are prepared once; writes inside a transaction are
// announced to change listeners only after the transaction commits. A file's WAL is checkpointed
// by a worker thread (checkpointer.mjs), not by the thread that serves requests.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChangeEvent, Doc, Store } from '../store.js';
import { StaleWriteError } from '../store.js';
import { logBatches, prefixEnd } from './log-batches.js';
import { migrate } from './migrations.js';

interface DocRow {
  kind: string;
  id: string;
  version: number;
  data: string;
}

export function openSqliteStore(file: string | ':memory:'): Store {
  const inMemory = file === ':memory:';
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // In memory (`--ephemeral`), 16 KB pages: an invocation's three log rows through the sink 6.6 ->
  // 5.9 µs (best of five, 100k invocations), and +1.6 / +8.7 % warm Node Invoke calls in the two
  // orders of an interleaved A/B (2026-11-23). A file keeps 4 KB: each commit writes whole pages
  // to the WAL, and 16 KB made the same rows 7.4 -> 8.1 µs there.
  if (inMemory) db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  const checkpointer = inMemory ? undefined : startCheckpointer(db, file);

  const q = {
    get: db.prepare<[string, string], DocRow>('SELECT kind, id, version, data FROM documents WHERE kind = ? AND id = ?'),
    listAll: db.prepare<[string], DocRow>('SELECT kind, id, version, data FROM documents WHERE kind = ? ORDER BY id'),
    listPrefix: db.prepare<[string, string, string], DocRow>('SELECT kind, id, version, data FROM documents WHERE kind = ? AND id >= ? AND id < ? ORDER BY id'),
    version: db.prepare<[string, string], { version: number }>('SELECT version FROM documents WHERE kind = ? AND id = ?'),
    upsert: db.prepare('INSERT INTO documents (kind, id, version, data) VALUES (@kind, @id, @version, @data) ON CONFLICT (kind, id) DO UPDATE SET version = @version, data = @data'),
    delete: db.prepare('DELETE FROM documents WHERE kind = ? AND id = ?'),
    idsPrefix: db.prepare<[string, string, string], { id: string }>('SELECT id FROM documents WHERE kind = ? AND id >= ? AND id < ?'),
    deletePrefix: db.prepare('DELETE FROM documents WHERE kind = ? AND id >= ? AND id < ?'),
  };

  const logs = logBatches(db);

  const listeners = new Set<(e: ChangeEvent) => void>();
  let pending: ChangeEvent[] = [];
  let depth = 0;

  const toDoc = <T>(row: DocRow): Doc<T> => ({ kind: row.kind, id: row.id, version: row.version, data: JSON.parse(row.data) as T });

  function announce(event: ChangeEvent): void {
    if (depth > 0) pending.push(event);
    else for (const l of listeners) l(event);
  }

  const runInTransaction = db.transaction((fn: () => unknown) => fn());

  const store: Store = {
    get<T>(kind: string, id: string) {
      const row = q.get.get(kind, id);
      return row ? toDoc<T>(row) : undefined;
    },
    list<T>(kind: string, prefix?: string) {
      const rows = prefix ? q.listPrefix.all(kind, prefix, prefixEnd(prefix)) : q.listAll.all(kind);
      return rows.map((r) => toDoc<T>(r));
    },
    put<T>(kind: string, id: string, data: T, expectedVersion?: number) {
      return store.transaction(() => {
        const current = q.version.get(kind, id)?.version ?? 0;
        if (expectedVersion !== undefined && current !== expectedVersion) throw new StaleWriteError(kind, id);
        const version = current + 1;
        q.upsert.run({ kind, id, version, data: JSON.stringify(data) });
        announce({ kind, id, data });
        return version;
      });
    },
    delete(kind: string, id: string) {
      return store.transaction(() => {
        const deleted = q.delete.run(kind, id).changes > 0;
        if (deleted) announce({ kind, id, data: undefined });
        return deleted;
      });
    },
    deletePrefix(kind: string, prefix: string) {
      return store.transaction(() => {
        const ids = q.idsPrefix.all(kind, prefix, prefixEnd(prefix));
        q.deletePrefix.run(kind, prefix, prefixEnd(prefix));
        for (const { id } of ids) announce({ kind, id, data: undefined });
        return ids.length;
      });
    },
    transaction<R>(fn: () => R): R {
      if (depth > 0) return fn();
      depth++;
      let result: R;
      try {
        result = runInTransaction(fn) as R;
      } catch (err) {
        pending = [];
        logs.forget();
        throw err;
      } finally {
        depth--;
      }
      const events = pending;
      pending = [];
      for (const e of events) for (const l of listeners) l(e);
      return result;
    },
    appendLogEvents(group, stream, events, ingestionTime) {
      // A transaction even when called alone: a failed append rolls back, and forgets the sequence numbers it took.
      store.transaction(() => logs.append(group, stream, events, ingestionTime));
    },
    queryLogEvents: (query) => logs.query(query),
    deleteLogEvents: (group, stream) => logs.delete(group, stream),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      // This connection closes first; then the thread checkpoints once more and closes its own. The
      // last connection to close folds the WAL into the database and deletes it, but only if no
      // other holds a lock at that moment: told before this one closed, the thread could close while
      // this one was still closing, and then neither did (4 of 24 stores under load, 2026-11-23).
      db.close();
      checkpointer?.postMessage('stop');
    },
  };
  return store;
}

/** How often the checkpointer copies the WAL back (a few log flushes' worth of pages). */
const CHECKPOINT_MS = 250;
/** SQLite's own automatic checkpoint, in pages, restored if the thread cannot run. */
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * Moves WAL checkpoints off this thread. An automatic checkpoint runs inside the commit that
 * crosses 1000 pages: it copies ~4 MB and fsyncs twice in the middle of a request (with Kanaria's
 * own log lines, 5.3–5.7 µs an inserted row against 2.7–3.0 without it; measured 2026-11-22).
 */
function startCheckpointer(db: Database.Database, file: string): Worker {
  db.pragma('wal_autocheckpoint = 0');
  // No flags of this process: a thread refuses some (`node --input-type=module -e …` made it fail
  // at start, leaving the checkpoints to the request thread), and the checkpointer needs none.
  const worker = new Worker(new URL('./checkpointer.mjs', import.meta.url), { workerData: { file, intervalMs: CHECKPOINT_MS }, execArgv: [] });
  worker.unref();
  worker.on('error', () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  });
  return worker;
}
