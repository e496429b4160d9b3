// The embedded Store: one SQLite file (WAL mode) under the data directory, or an in-memory
// database for `--ephemeral`. Statements are prepared once; writes inside a transaction are
// announced to change listeners only after the transaction commits. A file's WAL is checkpointed
// by a worker thread (checkpointer.mjs), not by the thread that serves requests.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChangeEvent, Doc, LogEventQuery, LogEventRow, Store, StoredLogEvent } from '../store.js';
import { StaleWriteError } from '../store.js';
import { migrate } from './migrations.js';

/** Rows per INSERT statement of log events (5 parameters each, far under SQLite's limit). */
const APPEND_CHUNK = 64;

interface DocRow {
  kind: string;
  id: string;
  version: number;
  data: string;
}

/** The smallest string greater than every string starting with `prefix`. */
const prefixEnd = (prefix: string) => prefix + '\uffff';

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
    deleteGroupEvents: db.prepare('DELETE FROM log_events WHERE gid = ?'),
    deleteStreamEvents: db.prepare('DELETE FROM log_events WHERE sid = ?'),
    groupId: db.prepare<[string], { id: number }>('SELECT id FROM log_groups WHERE grp = ?'),
    addGroup: db.prepare<[string]>('INSERT INTO log_groups (grp) VALUES (?)'),
    streamId: db.prepare<[string, string], { id: number }>('SELECT id FROM log_streams WHERE grp = ? AND stream = ?'),
    addStream: db.prepare<[string, string]>('INSERT INTO log_streams (grp, stream) VALUES (?, ?)'),
  };

  // Log events name their group and stream by id (migration 2). Ids are remembered once
  // committed; a rolled-back transaction forgets them all (an id it created is gone).
  const groupIds = new Map<string, number>();
  const streamIds = new Map<string, number>();
  const forgetIds = () => {
    groupIds.clear();
    streamIds.clear();
  };
  function groupIdOf(group: string, create: boolean): number | undefined {
    let id = groupIds.get(group);
    if (id === undefined) {
      id = q.groupId.get(group)?.id ?? (create ? Number(q.addGroup.run(group).lastInsertRowid) : undefined);
      if (id !== undefined) groupIds.set(group, id);
    }
    return id;
  }
  function streamIdOf(group: string, stream: string, create: boolean): number | undefined {
    const key = `${group}\u0000${stream}`;
    let id = streamIds.get(key);
    if (id === undefined) {
      id = q.streamId.get(group, stream)?.id ?? (create ? Number(q.addStream.run(group, stream).lastInsertRowid) : undefined);
      if (id !== undefined) streamIds.set(key, id);
    }
    return id;
  }

  const listeners = new Set<(e: ChangeEvent) => void>();
  let pending: ChangeEvent[] = [];
  let depth = 0;

  const toDoc = <T>(row: DocRow): Doc<T> => ({ kind: row.kind, id: row.id, version: row.version, data: JSON.parse(row.data) as T });

  function announce(event: ChangeEvent): void {
    if (depth > 0) pending.push(event);
    else for (const l of listeners) l(event);
  }

  const runInTransaction = db.transaction((fn: () => unknown) => fn());

  // Log events go in with multi-row INSERTs of up to APPEND_CHUNK rows: Kanaria's own log
  // writers flush thousands of rows a second, and one statement per row costs about half as much
  // again per row. One prepared statement per chunk size, made on first use.
  // `OR FAIL`: a plain INSERT of several rows inside a transaction opens a statement journal, so
  // that a failing row can undo the rows before it; FAIL keeps them, and the whole transaction is
  // rolled back on any error anyway (transaction() below). Without the journal an invocation's
  // START/END/REPORT through the log sink cost 6.6 µs instead of 7.9 in memory and 8.8 instead of
  // 10.4 in a file (best of five runs of 100,000 each, 2026-11-22).
  const appendStatements = new Map<number, Database.Statement>();
  function appendStatement(rows: number): Database.Statement {
    let stmt = appendStatements.get(rows);
    if (!stmt) {
      stmt = db.prepare(`INSERT OR FAIL INTO log_events (gid, sid, timestamp, ingestion_time, message) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?)').join(', ')}`);
      appendStatements.set(rows, stmt);
    }
    return stmt;
  }

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
        forgetIds();
        throw err;
      } finally {
        depth--;
      }
      const events = pending;
      pending = [];
      for (const e of events) for (const l of listeners) l(e);
      return result;
    },
    appendLogEvents(rows: LogEventRow[]) {
      if (rows.length === 0) return;
      store.transaction(() => {
        // The rows of one call are usually one stream's: ids are looked up when the names change.
        let group: string | undefined;
        let stream: string | undefined;
        let gid = 0;
        let sid = 0;
        for (let start = 0; start < rows.length; start += APPEND_CHUNK) {
          const end = Math.min(rows.length, start + APPEND_CHUNK);
          const values: unknown[] = new Array((end - start) * 5);
          for (let i = start, k = 0; i < end; i++, k += 5) {
            const row = rows[i];
            if (row.group !== group || row.stream !== stream) {
              group = row.group;
              stream = row.stream;
              gid = groupIdOf(group, true)!;
              sid = streamIdOf(group, stream, true)!;
            }
            values[k] = gid;
            values[k + 1] = sid;
            values[k + 2] = row.timestamp;
            values[k + 3] = row.ingestionTime;
            values[k + 4] = row.message;
          }
          appendStatement(end - start).run(values);
        }
      });
    },
    queryLogEvents(query: LogEventQuery): StoredLogEvent[] {
      const gid = groupIdOf(query.group, false);
      if (gid === undefined) return [];
      const where: string[] = [];
      const params: Record<string, unknown> = { gid, group: query.group, limit: query.limit };
      if (query.streams?.length) {
        // Stream ids belong to the group: the stream index alone serves these (GetLogEvents).
        const sids = query.streams.map((s) => streamIdOf(query.group, s, false)).filter((id) => id !== undefined);
        if (sids.length === 0) return [];
        where.push(`e.sid IN (${sids.map((_, i) => `@s${i}`).join(', ')})`);
        sids.forEach((id, i) => (params[`s${i}`] = id));
      } else where.push('e.gid = @gid');
      if (query.streamPrefix) {
        where.push('e.sid IN (SELECT id FROM log_streams WHERE grp = @group AND stream >= @sp AND stream < @spEnd)');
        params.sp = query.streamPrefix;
        params.spEnd = prefixEnd(query.streamPrefix);
      }
      if (query.startTime !== undefined) (where.push('e.timestamp >= @startTime'), (params.startTime = query.startTime));
      if (query.endTime !== undefined) (where.push('e.timestamp < @endTime'), (params.endTime = query.endTime));
      if (query.afterSeq !== undefined) (where.push('e.seq > @afterSeq'), (params.afterSeq = query.afterSeq));
      if (query.beforeSeq !== undefined) (where.push('e.seq < @beforeSeq'), (params.beforeSeq = query.beforeSeq));
      if (query.after) (where.push('(e.timestamp > @afterTs OR (e.timestamp = @afterTs AND e.seq > @afterPos))'), (params.afterTs = query.after.timestamp), (params.afterPos = query.after.seq));
      if (query.before) (where.push('(e.timestamp < @beforeTs OR (e.timestamp = @beforeTs AND e.seq < @beforePos))'), (params.beforeTs = query.before.timestamp), (params.beforePos = query.before.seq));
      const order = query.descending ? 'DESC' : 'ASC';
      const sql =
        `SELECT e.seq AS seq, @group AS "group", s.stream AS stream, e.timestamp AS timestamp, e.ingestion_time AS ingestionTime, e.message AS message ` +
        `FROM log_events e JOIN log_streams s ON s.id = e.sid WHERE ${where.join(' AND ')} ORDER BY e.timestamp ${order}, e.seq ${order} LIMIT @limit`;
      return db.prepare(sql).all(params) as StoredLogEvent[];
    },
    deleteLogEvents(group: string, stream?: string) {
      const gid = groupIdOf(group, false);
      if (gid === undefined) return;
      if (stream === undefined) {
        q.deleteGroupEvents.run(gid);
        return;
      }
      const sid = streamIdOf(group, stream, false);
      if (sid !== undefined) q.deleteStreamEvents.run(sid);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      // The thread checkpoints once more and closes its connection after this one: the last
      // connection to close folds the WAL into the database.
      checkpointer?.postMessage('stop');
      db.close();
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
